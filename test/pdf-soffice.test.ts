// End to end: PDFs made by LibreOffice from policylint's own fixtures (Markdown
// through HTML, plain text and Word) give the same term findings as their
// sources; a two-column page reads in column order and a table's cells are
// blocks. Skipped when soffice is not on PATH, except under CI=true, where it
// must fail (CI installs libreoffice-writer-nogui, see .ci/run).
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { Document, HeadingLevel, Packer, Paragraph, SectionType, Table, TableCell, TableRow, WidthType } from 'docx';
import type { ConfigOverrides, ResolvedConfig } from '../dist/config/index.js';
import { Engine } from '../dist/engine.js';
import type { PolicyDocument } from '../dist/model.js';
import type { LintResult } from '../dist/types.js';
import { extractPdfText } from '../dist/readers/pdf-extract.js';
import { hasSoffice, sofficeConvert } from './helpers/soffice.js';

/** The engine, called as the tests call the core. */
const engine = new Engine();
const lintFile = (filePath: string, overrides?: ConfigOverrides) => engine.lintFile(filePath, { overrides });
const lintParsed = (doc: PolicyDocument, config: ResolvedConfig) => engine.lintDocument(doc, config);

const FIXTURES = new URL('../fixtures/', import.meta.url);
const OVERRIDES = { useConfigFiles: false };

/** Converts files to PDF in `out`; `filter` names an import filter. */
function toPdf(work: string, files: string[], out: string, filter?: string): void {
  const run = sofficeConvert(work, 'pdf:writer_pdf_Export', files, { outdir: out, filter, timeout: 180_000 });
  expect(run.status, `soffice failed: ${run.stderr}${run.stdout}`).toBe(0);
}

const terms = (r: LintResult) => r.messages.filter((m) => m.ruleId.startsWith('term/')).map((m) => `${m.ruleId} "${(m.found ?? '').replace(/\s+/g, ' ')}"`);

describe.skipIf(!hasSoffice() && !process.env.CI)('PDFs made by LibreOffice', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'policylint-pdf-soffice-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('give the same term findings as the fixtures they were made from', async () => {
    const src = join(work, 'src');
    const out = join(work, 'out');
    mkdirSync(src);
    const md = new MarkdownIt({ html: true });
    const html: string[] = [];
    const others: string[] = [];
    const sources = new Map<string, string>();
    for (const name of readdirSync(FIXTURES).filter((f) => /\.(md|txt|docx)$/.test(f))) {
      const base = name.replace(/\.\w+$/, '');
      sources.set(`${base}.pdf`, new URL(name, FIXTURES).pathname);
      if (name.endsWith('.md')) {
        const file = join(src, `${base}.html`);
        // LibreOffice prints HTML comments; the directives in them are not part of the document anyway.
        writeFileSync(file, `<!doctype html><html><head><meta charset="utf-8"></head><body>${md.render(readFileSync(new URL(name, FIXTURES), 'utf8')).replace(/<!--[\s\S]*?-->/g, '')}</body></html>`);
        html.push(file);
      } else {
        copyFileSync(new URL(name, FIXTURES), join(src, name));
        others.push(join(src, name));
      }
    }
    toPdf(work, html, out, 'HTML (StarWriter)');
    toPdf(work, others, out);

    const compared: string[] = [];
    for (const [pdf, source] of sources) {
      expect(existsSync(join(out, pdf)), `LibreOffice made no ${pdf}`).toBe(true);
      const fromPdf = (await lintFile(join(out, pdf), OVERRIDES)).result;
      expect(fromPdf.fatal, pdf).toBeUndefined();
      expect(terms(fromPdf), pdf).toEqual(await sourceTerms(source));
      expect(fromPdf.messages.filter((m) => m.ruleId.startsWith('term/')).every((m) => (m.page ?? 0) >= 1), pdf).toBe(true);
      compared.push(pdf);
    }
    expect(compared.length).toBeGreaterThanOrEqual(11);
  }, 300_000);

  it('read a two-column page in column order and a table cell by cell', async () => {
    const paragraphs = [
      'The county responds to every referral of a child who may be a victim of sex or labor trafficking. The CSEC Unit screens each referral the day it arrives and calls the family.',
      'Staff who suspect that a youth is forced to work without pay call the hotline, complete the screening tool, and tell their supervisor before the end of the shift.',
      'The multidisciplinary team meets within ten days of a referral. Its members come from child welfare, probation, behavioral health, and the district attorney.',
      'Each youth in the program has a navigator who stays with them through court dates and placement changes and who helps them find work and housing.',
      'Commercially sexually exploited youth and youth trafficked for their labor receive the same services and are referred to the same advocates.',
      'Probation officers who learn that a youth was made to sell drugs treat the youth as a victim and refer them to the team rather than filing a petition.',
    ];
    const document = new Document({
      sections: [
        { children: [new Paragraph({ text: 'Two Column Protocol', heading: HeadingLevel.HEADING_1 })] },
        { properties: { type: SectionType.CONTINUOUS, column: { count: 2, space: 720 } }, children: paragraphs.map((p) => new Paragraph(p)) },
        {
          properties: { type: SectionType.CONTINUOUS },
          children: [
            new Paragraph({ text: 'Roles', heading: HeadingLevel.HEADING_2 }),
            new Table({
              width: { size: 100, type: WidthType.PERCENTAGE },
              rows: [
                ['Unit', 'Duty'],
                ['CSEC Unit', 'Assigns a navigator to each youth within two business days of the referral.'],
                ['Hotline', 'Screens each call for indicators of sex and labor trafficking.'],
              ].map((cells) => new TableRow({ children: cells.map((text) => new TableCell({ width: { size: 50, type: WidthType.PERCENTAGE }, children: [new Paragraph(text)] })) })),
            }),
          ],
        },
      ],
    });
    const file = join(work, 'layout.docx');
    writeFileSync(file, await Packer.toBuffer(document));
    toPdf(work, [file], work);
    const pdf = await lintFile(join(work, 'layout.pdf'), OVERRIDES);
    const docx = await lintFile(file, OVERRIDES);
    expect(pdf.result.fatal).toBeUndefined();
    const blocks = pdf.doc!.blocks;
    // The page really has two columns: runs of the first and the last paragraph share a baseline side by side.
    const text = await extractPdfText(new Uint8Array(readFileSync(join(work, 'layout.pdf'))), { maxPages: 10, maxChars: 1e6 });
    const runs = text.pages[0].runs;
    const first = runs.find((r) => r.text.startsWith('The county responds'))!;
    const beside = runs.find((r) => Math.abs(r.y - first.y) < 1 && r.x > first.x + first.width);
    expect(beside, 'no run beside the first paragraph\'s first line').toBeDefined();
    const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
    expect(blocks.map((b) => flat(b.text)).join(' ')).toBe(docx.doc!.blocks.map((b) => flat(b.text)).join(' '));
    expect(blocks.filter((b) => b.kind === 'table-cell').map((b) => flat(b.text))).toEqual(['Unit', 'Duty', 'CSEC Unit', 'Assigns a navigator to each youth within two business days of the referral.', 'Hotline', 'Screens each call for indicators of sex and labor trafficking.']);
    expect(blocks[0]).toMatchObject({ kind: 'heading', level: 1, text: 'Two Column Protocol' });
    expect(blocks.find((b) => b.text === 'Roles')).toMatchObject({ kind: 'heading' });
    expect(terms(pdf.result)).toEqual(terms(docx.result));
  }, 300_000);
});

/**
 * A source's term findings, as a PDF made from it has them: directives are comments (HTML comments in Markdown,
 * Word comments), which the PDF does not carry, so they are taken out of the source's model before linting it.
 */
async function sourceTerms(source: string): Promise<string[]> {
  const { doc, config } = await lintFile(source, OVERRIDES);
  doc!.directives.length = 0;
  return terms(lintParsed(doc!, config!));
}
