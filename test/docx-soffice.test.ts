// End to end: a redlined copy opened by a real word processor. LibreOffice
// converts it to ODF, where Word tracked changes become <text:tracked-changes>
// and Word comments become <office:annotation>. Skipped when soffice is not on
// PATH (CI installs libreoffice-writer-nogui).
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { Document, FootnoteReferenceRun, Header, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { redlineDocxWithReport } from '../src/fix/docx-redline.js';
import { readDocx } from '../src/readers/docx.js';
import { hasSoffice, sofficeConvert } from './helpers/soffice.js';


// CI installs LibreOffice (.ci/run): there a missing soffice must fail the run, not skip.
describe.skipIf(!hasSoffice() && !process.env.CI)('Word redline opened in LibreOffice', () => {
  it('shows the tracked changes and comments', async () => {
    const work = mkdtempSync(join(tmpdir(), 'policylint-soffice-'));
    try {
      const document = new Document({
        footnotes: { 1: { children: [new Paragraph('A CSEC note.')] } },
        sections: [
          {
            headers: { default: new Header({ children: [new Paragraph('CSEC Protocol (header)')] }) },
            children: [
              new Paragraph({ text: 'County CSEC Protocol', heading: HeadingLevel.HEADING_1 }),
              new Paragraph({ children: [new TextRun({ text: 'Screen every ', bold: true }), new TextRun({ text: 'CSEC', italics: true }), new TextRun(' referral within 72 hours.'), new FootnoteReferenceRun(1)] }),
            ],
          },
        ],
      });
      const input = new Uint8Array(await Packer.toBuffer(document));
      const doc = readDocx('in.docx', input, { headersFooters: true });
      expect(doc.blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'footnote', 'paragraph']);
      const start = doc.blocks[1].text.indexOf('CSEC referral');
      // Notes on changes in a footnote and a header too: LibreOffice refuses files with comments there.
      const report = redlineDocxWithReport(
        input,
        doc,
        [
          { edit: { block: 1, start, end: start + 'CSEC referral'.length, text: 'child trafficking referral' }, note: 'Covers labor trafficking too (WIC 300(b)(2)).' },
          { edit: { block: 2, start: 2, end: 6, text: 'trafficking' }, note: 'In the note.' },
          { edit: { block: 3, start: 0, end: 4, text: 'Trafficking' }, note: 'In the header.' },
        ],
        [{ block: -1, text: 'Missing provision: labor trafficking screening.' }],
        { date: new Date('2024-05-01T12:00:00Z') },
      );
      expect(report.applied).toBe(3);
      const file = join(work, 'redlined.docx');
      writeFileSync(file, report.bytes);

      const run = sofficeConvert(work, 'odt', [file]);
      expect(run.status, `soffice failed: ${run.stderr}${run.stdout}`).toBe(0);
      // soffice exits 0 even when it cannot load the file: the output must exist.
      expect(existsSync(join(work, 'redlined.odt')), `LibreOffice could not load the redlined file: ${run.stderr}${run.stdout}`).toBe(true);
      const content = strFromU8(unzipSync(new Uint8Array(readFileSync(join(work, 'redlined.odt'))))['content.xml']);
      expect(content).toContain('<text:tracked-changes');
      // The deleted words live in the change record (LibreOffice may put bookmarks between their letters).
      const deleted = [...content.matchAll(/<text:deletion>([\s\S]*?)<\/text:deletion>/g)].map((m) =>
        m[1].replace(/<office:change-info>[\s\S]*?<\/office:change-info>/, '').replace(/<[^>]+>/g, ''),
      );
      expect(deleted).toContain('CSEC referral');
      expect(deleted).toContain('CSEC');
      expect(content).toMatch(/<text:changed-region[^>]*><text:insertion><office:change-info><dc:creator>policylint<\/dc:creator>/);
      // The inserted words sit between change-start and change-end in the paragraph.
      expect(content).toMatch(/<text:change-start text:change-id="([^"]+)"\/>[\s\S]*child trafficking referral[\s\S]*<text:change-end text:change-id="\1"\/>/);
      expect(content).toContain('<office:annotation');
      expect(content).toContain('Missing provision: labor trafficking screening.');
      expect(content).toContain('Covers labor trafficking too (WIC 300(b)(2)).');
      expect(content).toContain('<dc:creator>policylint</dc:creator>');
      expect(content).toContain('In the note “A CSEC note.”');
      const styles = strFromU8(unzipSync(new Uint8Array(readFileSync(join(work, 'redlined.odt'))))['styles.xml']);
      expect(styles).toContain('Trafficking');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);
});
