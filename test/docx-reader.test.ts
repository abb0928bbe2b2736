import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  ExternalHyperlink,
  FootnoteReferenceRun,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import { rangeOf, type PolicyDocument } from '../src/model.js';
import { readDocx } from '../src/readers/docx.js';
import { readDocument } from '../src/readers/index.js';
import { para, policyDocx, W_STRICT_URI, wordPackage } from './helpers/docx-build.js';

const texts = (doc: PolicyDocument) => doc.blocks.map((b) => b.text);
const kinds = (doc: PolicyDocument) => doc.blocks.map((b) => [b.kind, b.text]);

/** Where a phrase of a block lies, as the linter would report it. */
function where(doc: PolicyDocument, phrase: string) {
  const b = doc.blocks.findIndex((x) => x.text.includes(phrase));
  if (b === -1) throw new Error(`"${phrase}" not read: ${JSON.stringify(texts(doc))}`);
  const start = doc.blocks[b].text.indexOf(phrase);
  return rangeOf(doc, doc.blocks[b], start, start + phrase.length);
}

const HEADING_STYLES =
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>' +
  '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>' +
  '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/></w:style>' +
  '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>' +
  '<w:style w:type="paragraph" w:styleId="PolicySection"><w:name w:val="Policy Section"/><w:basedOn w:val="Heading2"/></w:style>' +
  '<w:style w:type="paragraph" w:styleId="CountyTopic"><w:name w:val="County Topic"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>' +
  '<w:style w:type="paragraph" w:styleId="NotAHeading"><w:name w:val="Quiet"/><w:basedOn w:val="Heading1"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>' +
  '<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>';

describe('Word reader: text and locations', () => {
  it('joins text split across runs with different formatting, and maps columns to the paragraph', () => {
    const doc = readDocx(
      'runs.docx',
      wordPackage({
        body:
          para(['Intro paragraph.']) +
          para([['Commercially ', '<w:b/>'], ['sexually', '<w:i/><w:color w:val="FF0000"/>'], [' exploited children', '<w:u w:val="single"/>'], [' (CSEC) are served.', '']]),
      }),
    );
    expect(texts(doc)).toEqual(['Intro paragraph.', 'Commercially sexually exploited children (CSEC) are served.']);
    expect(doc.source).toEqual({ kind: 'paragraphs' });
    expect(doc.format).toBe('docx');
    // Paragraph 2, characters 1–41 (1-based, end exclusive).
    expect(where(doc, 'Commercially sexually exploited children')).toEqual({ line: 2, column: 1, endLine: 2, endColumn: 41 });
    expect(where(doc, 'CSEC')).toEqual({ line: 2, column: 43, endLine: 2, endColumn: 47 });
    expect(doc.blocks.map((b) => b.line)).toEqual([1, 2]);
  });

  it('reads tabs, breaks and non-breaking hyphens as characters, skips w:sym, soft hyphens and empty paragraphs', () => {
    const doc = readDocx(
      'chars.docx',
      wordPackage({
        body:
          '<w:p><w:r><w:t>A</w:t><w:tab/><w:t>B</w:t><w:br/><w:t>C</w:t><w:cr/><w:t>D</w:t><w:noBreakHyphen/><w:t>E</w:t><w:sym w:font="Symbol" w:char="F061"/><w:softHyphen/><w:t>F</w:t></w:r></w:p>' +
          '<w:p/><w:p><w:r><w:t xml:space="preserve">   </w:t></w:r></w:p>' +
          para(['after &amp; &lt;empty&gt;']),
      }),
    );
    expect(texts(doc)).toEqual(['A\tB\nC\nD-EF', 'after & <empty>']);
    expect(doc.blocks[1].line).toBe(2);
    expect(where(doc, '<empty>')).toEqual({ line: 2, column: 9, endLine: 2, endColumn: 16 });
  });

  it('reads tables one block per cell paragraph, nested tables too, in reading order', () => {
    const cell = (inner: string) => `<w:tc><w:tcPr><w:tcW w:w="100"/></w:tcPr>${inner}</w:tc>`;
    const nested = `<w:tbl><w:tblPr/><w:tr>${cell(para(['inner A']))}${cell(para(['inner B']) + para(['inner B2']))}</w:tr></w:tbl>`;
    const doc = readDocx(
      'table.docx',
      wordPackage({
        body: para(['Before.']) + `<w:tbl><w:tblPr><w:tblW w:w="0"/></w:tblPr><w:tblGrid/><w:tr>${cell(para(['Agency']))}${cell(para(['Role']) + nested + para(['after nested']))}</w:tr></w:tbl>` + para(['After.']),
      }),
    );
    expect(kinds(doc)).toEqual([
      ['paragraph', 'Before.'],
      ['table-cell', 'Agency'],
      ['table-cell', 'Role'],
      ['table-cell', 'inner A'],
      ['table-cell', 'inner B'],
      ['table-cell', 'inner B2'],
      ['table-cell', 'after nested'],
      ['paragraph', 'After.'],
    ]);
    expect(where(doc, 'inner B2')).toEqual({ line: 6, column: 1, endLine: 6, endColumn: 9 });
  });

  it('reads tracked changes as accepted: insertions and moves-to read, deletions and moves-from not', () => {
    const doc = readDocx(
      'tracked.docx',
      wordPackage({
        body:
          '<w:p><w:r><w:t xml:space="preserve">Youth who are </w:t></w:r>' +
          '<w:del w:id="1" w:author="A" w:date="2020-01-01T00:00:00Z"><w:r><w:delText>CSEC victims</w:delText></w:r></w:del>' +
          '<w:ins w:id="2" w:author="A" w:date="2020-01-01T00:00:00Z"><w:r><w:t>trafficked</w:t></w:r></w:ins>' +
          '<w:r><w:t xml:space="preserve"> are served.</w:t></w:r></w:p>' +
          '<w:p><w:moveFrom w:id="3" w:author="A" w:date="2020-01-01T00:00:00Z"><w:r><w:t>Moved sentence.</w:t></w:r></w:moveFrom><w:r><w:t>Stays.</w:t></w:r></w:p>' +
          '<w:p><w:moveTo w:id="4" w:author="A" w:date="2020-01-01T00:00:00Z"><w:r><w:t>Moved sentence.</w:t></w:r></w:moveTo></w:p>',
      }),
    );
    expect(texts(doc)).toEqual(['Youth who are trafficked are served.', 'Stays.', 'Moved sentence.']);
    expect(where(doc, 'trafficked')).toEqual({ line: 1, column: 15, endLine: 1, endColumn: 25 });
  });

  it('reads a text box stored twice (mc:Choice + VML fallback) once, and one with no fallback', () => {
    const txbx = (text: string) => `<w:txbxContent>${para([text])}</w:txbxContent>`;
    const twice =
      '<w:p><w:r><w:t xml:space="preserve">Anchor text </w:t></w:r><w:r><mc:AlternateContent>' +
      `<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>${txbx('Box: labor trafficking')}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>` +
      `<mc:Fallback><w:pict><v:shape><v:textbox>${txbx('Box: labor trafficking')}</v:textbox></v:shape></w:pict></mc:Fallback>` +
      '</mc:AlternateContent></w:r><w:r><w:t>continues.</w:t></w:r></w:p>';
    const choiceOnly = `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>${txbx('Only choice')}</wps:txbx></w:drawing></mc:Choice></mc:AlternateContent></w:r></w:p>`;
    const fallbackOnly = `<w:p><w:r><mc:AlternateContent><mc:Fallback><w:pict>${txbx('Only fallback')}</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`;
    const doc = readDocx('textbox.docx', wordPackage({ body: twice + choiceOnly + fallbackOnly + para(['End.']) }));
    // The box is numbered where it starts: after its anchor paragraph begins, before the anchor's text ends.
    expect(texts(doc)).toEqual(['Anchor text continues.', 'Box: labor trafficking', 'Only choice', 'Only fallback', 'End.']);
    expect(where(doc, 'labor trafficking')).toEqual({ line: 2, column: 6, endLine: 2, endColumn: 23 });
    expect(where(doc, 'continues')).toEqual({ line: 1, column: 13, endLine: 1, endColumn: 22 });
  });

  it('reads a linked text box from the fallback when the choice shows no text', () => {
    const body = `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx r:id="rId9"/></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>${para(['Kept in fallback'])}</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`;
    expect(texts(readDocx('linked.docx', wordPackage({ body })))).toEqual(['Kept in fallback']);
  });

  it('reads fields by their shown result, not their codes, nested fields and simple fields too', () => {
    const fld = (type: string) => `<w:r><w:fldChar w:fldCharType="${type}"/></w:r>`;
    const instr = (code: string) => `<w:r><w:instrText xml:space="preserve">${code}</w:instrText></w:r>`;
    const body =
      `<w:p><w:r><w:t xml:space="preserve">See </w:t></w:r>${fld('begin')}${instr(' HYPERLINK "https://example.org" ')}${fld('separate')}<w:r><w:t>WIC 300</w:t></w:r>${fld('end')}<w:r><w:t xml:space="preserve"> now.</w:t></w:r></w:p>` +
      // A field inside another field's code shows nothing; the outer result shows.
      `<w:p>${fld('begin')}${instr(' IF ')}${fld('begin')}${instr(' MERGEFIELD x ')}${fld('separate')}<w:r><w:t>hidden</w:t></w:r>${fld('end')}${instr(' = 1 ')}${fld('separate')}<w:r><w:t>Outer result</w:t></w:r>${fld('end')}</w:p>` +
      // A field with no "separate" shows nothing.
      `<w:p><w:r><w:t xml:space="preserve">No result: </w:t></w:r>${fld('begin')}${instr(' PAGE ')}${fld('end')}<w:r><w:t>done</w:t></w:r></w:p>` +
      '<w:p><w:fldSimple w:instr=" DATE "><w:r><w:t>1 May 2024</w:t></w:r></w:fldSimple></w:p>' +
      '<w:p><w:hyperlink r:id="rId5"><w:r><w:t>Linked text</w:t></w:r></w:hyperlink><w:smartTag w:uri="u" w:element="place"><w:r><w:t xml:space="preserve"> in Fresno</w:t></w:r></w:smartTag><w:customXml w:element="x"><w:r><w:t xml:space="preserve"> County</w:t></w:r></w:customXml></w:p>';
    const doc = readDocx('fields.docx', wordPackage({ body }));
    expect(texts(doc)).toEqual(['See WIC 300 now.', 'Outer result', 'No result: done', '1 May 2024', 'Linked text in Fresno County']);
    // A field boundary is a barrier the redline writer will not cut across.
    expect((doc.blocks[0].ref as { barriers: number[] }).barriers).toContain(4);
  });

  it('reads content controls (block and run level) but not their properties, and ruby base text but not its guide', () => {
    const body =
      '<w:sdt><w:sdtPr><w:alias w:val="Agency"/><w:placeholder><w:docPart w:val="x"/></w:placeholder></w:sdtPr><w:sdtContent>' +
      para(['Probation']) +
      '</w:sdtContent></w:sdt>' +
      '<w:p><w:r><w:t xml:space="preserve">Lead: </w:t></w:r><w:sdt><w:sdtPr><w:text/></w:sdtPr><w:sdtEndPr/><w:sdtContent><w:r><w:t>CWS</w:t></w:r></w:sdtContent></w:sdt></w:p>' +
      '<w:p><w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>とうきょう</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>東京</w:t></w:r></w:rubyBase></w:ruby></w:r></w:p>';
    expect(texts(readDocx('sdt.docx', wordPackage({ body })))).toEqual(['Probation', 'Lead: CWS', '東京']);
  });

  it('skips math and does not let its text join the prose', () => {
    const body = '<w:p><w:r><w:t xml:space="preserve">Ratio </w:t></w:r><m:oMath><m:r><m:t>x+y</m:t></m:r></m:oMath><w:r><w:t xml:space="preserve"> holds.</w:t></w:r></w:p>';
    const doc = readDocx('math.docx', wordPackage({ body }));
    expect(texts(doc)).toEqual(['Ratio  holds.']);
    expect((doc.blocks[0].ref as { barriers: number[] }).barriers).toEqual([6]);
  });
});

describe('Word reader: structure', () => {
  it('finds headings by style name, outline level and custom styles based on a heading', () => {
    const body =
      para(['County CSEC Protocol'], '<w:pStyle w:val="Title"/>') +
      para(['1. Purpose'], '<w:pStyle w:val="Heading1"/>') +
      para(['Body under purpose.']) +
      para(['1.1 Scope'], '<w:pStyle w:val="PolicySection"/>') +
      para(['Scope text.']) +
      para(['Custom topic'], '<w:pStyle w:val="CountyTopic"/>') +
      para(['Direct outline'], '<w:outlineLvl w:val="1"/>') +
      para(['Quiet style'], '<w:pStyle w:val="NotAHeading"/>') +
      para(['Bullet one'], '<w:pStyle w:val="ListBullet"/>') +
      para(['Numbered'], '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr>') +
      para(['Numbering off'], '<w:pStyle w:val="ListBullet"/><w:numPr><w:numId w:val="0"/></w:numPr>');
    const doc = readDocx('headings.docx', wordPackage({ body, styles: HEADING_STYLES, coreTitle: 'Ignored core title' }));
    expect(doc.blocks.map((b) => [b.kind, b.level, b.text])).toEqual([
      ['heading', 1, 'County CSEC Protocol'],
      ['heading', 1, '1. Purpose'],
      ['paragraph', undefined, 'Body under purpose.'],
      ['heading', 2, '1.1 Scope'],
      ['paragraph', undefined, 'Scope text.'],
      ['heading', 3, 'Custom topic'],
      ['heading', 2, 'Direct outline'],
      ['paragraph', undefined, 'Quiet style'],
      ['list-item', undefined, 'Bullet one'],
      ['list-item', undefined, 'Numbered'],
      ['paragraph', undefined, 'Numbering off'],
    ]);
    expect(doc.title).toBe('County CSEC Protocol');
    expect(doc.blocks[4].headingPath).toEqual(['1. Purpose', '1.1 Scope']);
    expect(doc.blocks[4].section).toBe(3);
    expect(doc.blocks[5].headingPath).toEqual(['1. Purpose', '1.1 Scope']);
  });

  it('takes the title from docProps/core.xml when no Title or Heading 1 paragraph exists', () => {
    const doc = readDocx('core.docx', wordPackage({ body: para(['Text only.']), coreTitle: 'Fresno County CSEC &amp; Labor Trafficking Protocol' }));
    expect(doc.title).toBe('Fresno County CSEC & Labor Trafficking Protocol');
    expect(readDocx('none.docx', wordPackage({ body: para(['Text only.']) })).title).toBeUndefined();
  });

  it('reads footnotes and endnotes after the body, skipping separators, in the section that cites them', () => {
    const note = (id: string, text: string, type = '') => `<w:footnote w:id="${id}"${type ? ` w:type="${type}"` : ''}>${para([text])}</w:footnote>`;
    const body =
      para(['Services'], '<w:pStyle w:val="Heading1"/>') +
      '<w:p><w:r><w:t>Victims are served.</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:p>' +
      para(['Later'], '<w:pStyle w:val="Heading1"/>') +
      para(['Closing text.']);
    const doc = readDocx(
      'notes.docx',
      wordPackage({
        body,
        styles: HEADING_STYLES,
        footnotes: note('0', '', 'separator') + note('1', '', 'continuationSeparator') + note('2', 'See WIC 300(b)(2) on CSEC.'),
        endnotes: '<w:endnote w:id="0" w:type="separator"><w:p><w:r><w:separator/></w:r></w:p></w:endnote><w:endnote w:id="1"><w:p><w:r><w:t>An endnote.</w:t></w:r></w:p></w:endnote>',
      }),
    );
    expect(kinds(doc)).toEqual([
      ['heading', 'Services'],
      ['paragraph', 'Victims are served.'],
      ['heading', 'Later'],
      ['paragraph', 'Closing text.'],
      ['footnote', 'See WIC 300(b)(2) on CSEC.'],
      ['footnote', 'An endnote.'],
    ]);
    expect(where(doc, 'CSEC')).toEqual({ line: 5, column: 22, endLine: 5, endColumn: 26 });
    expect(doc.blocks[4].headingPath).toEqual(['Services']);
    expect(doc.blocks[4].section).toBe(0);
    expect(doc.blocks[5].headingPath).toEqual([]);
  });

  it('reads headers and footers only when asked, after the notes', () => {
    const body = para(['Body text.']) + '<w:sectPr><w:headerReference w:type="default" r:id="rIdH1"/></w:sectPr>';
    const bytes = wordPackage({ body, headers: { rIdH1: para(['Confidential: CSEC protocol']) } });
    expect(texts(readDocx('h.docx', bytes))).toEqual(['Body text.']);
    const withHeaders = readDocx('h.docx', bytes, { headersFooters: true });
    expect(kinds(withHeaders)).toEqual([
      ['paragraph', 'Body text.'],
      ['paragraph', 'Confidential: CSEC protocol'],
    ]);
    expect(where(withHeaders, 'CSEC')).toEqual({ line: 2, column: 15, endLine: 2, endColumn: 19 });
  });

  it('turns a Word comment starting with policylint-disable into a disable-line directive on its paragraphs', () => {
    const body =
      para(['First.']) +
      '<w:p><w:commentRangeStart w:id="5"/><w:r><w:t>CSEC is a program name here.</w:t></w:r></w:p>' +
      '<w:p><w:r><w:t>Still in the range.</w:t></w:r><w:commentRangeEnd w:id="5"/><w:r><w:commentReference w:id="5"/></w:r></w:p>' +
      '<w:p><w:commentRangeStart w:id="6"/><w:r><w:t>Other comment.</w:t></w:r><w:commentRangeEnd w:id="6"/><w:r><w:commentReference w:id="6"/></w:r></w:p>' +
      '<w:p><w:r><w:t>Only a reference.</w:t></w:r><w:r><w:commentReference w:id="7"/></w:r></w:p>';
    const comment = (id: string, text: string) => `<w:comment w:id="${id}" w:author="Analyst">${para([text])}${para(['Reason: a program name.'])}</w:comment>`;
    const doc = readDocx(
      'directives.docx',
      wordPackage({
        body,
        comments:
          comment('5', 'policylint-disable term/csec, term/csec-youth') +
          comment('6', 'Please check this.') +
          // A line break ends the directive: the rest is the reviewer's reason.
          '<w:comment w:id="7" w:author="Analyst"><w:p><w:r><w:t>policylint-disable</w:t><w:br/><w:t>term wording is quoted from statute</w:t></w:r></w:p></w:comment>',
      }),
    );
    expect(doc.directives).toEqual([
      { type: 'disable-line', rules: ['term/csec', 'term/csec-youth'], line: 2, column: 1 },
      { type: 'disable-line', rules: ['term/csec', 'term/csec-youth'], line: 3, column: 1 },
      { type: 'disable-line', rules: [], line: 5, column: 1 },
    ]);
    // Comment text is not document text.
    expect(texts(doc).join('\n')).not.toContain('Reason');
  });

  it('follows _rels/.rels to a main part that is not word/document.xml', () => {
    const doc = readDocx('moved.docx', wordPackage({ body: para(['Main part moved.']), mainPart: 'word/main2.xml', styles: HEADING_STYLES }));
    expect(texts(doc)).toEqual(['Main part moved.']);
    expect((doc.blocks[0].ref as { part: string }).part).toBe('word/main2.xml');
  });

  it('matches namespaces, not prefixes: an ns0: document and a default-namespace one read the same', () => {
    for (const prefix of ['ns0', '']) {
      const body = para(['Heading'], `<${prefix ? `${prefix}:` : ''}pStyle ${prefix ? `${prefix}:` : ''}val="Heading1"/>`, prefix) + para(['Split ', ['run', `<${prefix ? `${prefix}:` : ''}b/>`]], '', prefix);
      const styles = HEADING_STYLES.replace(/w:/g, prefix ? `${prefix}:` : '');
      const doc = readDocx(`${prefix || 'default'}.docx`, wordPackage({ body, prefix, styles }));
      expect(doc.blocks.map((b) => [b.kind, b.level, b.text])).toEqual([
        ['heading', 1, 'Heading'],
        ['paragraph', undefined, 'Split run'],
      ]);
    }
  });

  it('reads Strict OOXML (purl.oclc.org namespace)', () => {
    const body = para(['Strict heading'], '<w:pStyle w:val="Heading1"/>') + para(['Strict body text.']);
    const doc = readDocx('strict.docx', wordPackage({ body, ns: W_STRICT_URI, styles: HEADING_STYLES }));
    expect(kinds(doc)).toEqual([
      ['heading', 'Strict heading'],
      ['paragraph', 'Strict body text.'],
    ]);
  });

  it('reads a document made by the docx package: headings, formatted runs, a table, a hyperlink, a footnote and a comment', async () => {
    const document = new Document({
      title: 'Core title',
      footnotes: { 1: { children: [new Paragraph('Cal. Welf. & Inst. Code § 300(b)(2).')] } },
      comments: { children: [{ id: 0, author: 'Analyst', date: new Date(0), children: [new Paragraph('policylint-disable term/csec')] }] },
      sections: [
        {
          children: [
            new Paragraph({ text: 'Interagency Protocol', heading: HeadingLevel.HEADING_1 }),
            new Paragraph({ text: 'Screening', heading: HeadingLevel.HEADING_2 }),
            new Paragraph({
              alignment: AlignmentType.JUSTIFIED,
              children: [new TextRun({ text: 'Screen every ', bold: true }), new TextRun({ text: 'CSEC', italics: true }), new TextRun(' referral.'), new FootnoteReferenceRun(1)],
            }),
            new Paragraph({ children: [new CommentRangeStart(0), new TextRun('CSEC Unit is a name.'), new CommentRangeEnd(0), new TextRun({ children: [new CommentReference(0)] })] }),
            new Paragraph({ children: [new ExternalHyperlink({ link: 'https://example.org', children: [new TextRun('the state guide')] })] }),
            new Table({ rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph('Probation')] }), new TableCell({ children: [new Paragraph('Reports')] })] })] }),
          ],
        },
      ],
    });
    const doc = readDocx('lib.docx', new Uint8Array(await Packer.toBuffer(document)));
    expect(doc.blocks.map((b) => [b.kind, b.level, b.text])).toEqual([
      ['heading', 1, 'Interagency Protocol'],
      ['heading', 2, 'Screening'],
      ['paragraph', undefined, 'Screen every CSEC referral.'],
      ['paragraph', undefined, 'CSEC Unit is a name.'],
      ['paragraph', undefined, 'the state guide'],
      ['table-cell', undefined, 'Probation'],
      ['table-cell', undefined, 'Reports'],
      ['footnote', undefined, 'Cal. Welf. & Inst. Code § 300(b)(2).'],
    ]);
    expect(doc.title).toBe('Interagency Protocol');
    expect(doc.blocks[2].headingPath).toEqual(['Interagency Protocol', 'Screening']);
    expect(where(doc, 'CSEC referral')).toEqual({ line: 3, column: 14, endLine: 3, endColumn: 27 });
    expect(doc.blocks[7].headingPath).toEqual(['Interagency Protocol', 'Screening']);
    expect(doc.directives).toEqual([{ type: 'disable-line', rules: ['term/csec'], line: 4, column: 1 }]);
  });

  it('reads a 300-page document whole: every heading, list item, table cell and footnote, numbered in order', async () => {
    const doc = readDocx('long.docx', await policyDocx(300));
    const count = (kind: string, level?: number) => doc.blocks.filter((b) => b.kind === kind && (level === undefined || b.level === level)).length;
    expect(count('heading', 1)).toBe(75);
    expect(count('heading', 2)).toBe(300);
    expect(count('paragraph')).toBe(3000);
    expect(count('list-item')).toBe(900);
    expect(count('table-cell')).toBe(100 * 6);
    expect(count('footnote')).toBe(300);
    expect(doc.blocks.map((b) => b.line)).toEqual(doc.blocks.map((_, i) => i + 1));
    // Body first, notes after; each note in the section of the paragraph citing it.
    const firstNote = doc.blocks.findIndex((b) => b.kind === 'footnote');
    expect(doc.blocks.slice(firstNote).every((b) => b.kind === 'footnote')).toBe(true);
    expect(doc.blocks[firstNote + 299].headingPath).toEqual(['75. Section 75', '75.4 Topic on page 300']);
  }, 60_000);

  it('goes through the reader boundary in readers/index.ts', () => {
    const doc = readDocument('x.docx', wordPackage({ body: para(['Via index.']) }));
    expect(doc.format).toBe('docx');
    expect(texts(doc)).toEqual(['Via index.']);
  });
});

describe('Word reader: properties', () => {
  const word = fc.stringMatching(/^[A-Za-z&<>"' ]{1,12}$/);
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

  it('any split of a paragraph into formatted runs reads back as the same text, with every column where it was', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(word, fc.constantFrom('', '<w:b/>', '<w:i/>', '<w:u w:val="single"/>')), { minLength: 1, maxLength: 8 }), (runs) => {
        const full = runs.map(([t]) => t).join('');
        fc.pre(full.trim() !== '');
        const doc = readDocx('p.docx', wordPackage({ body: para(['x']) + para(runs.map(([t, f]) => [escape(t), f])) }));
        expect(doc.blocks[1].text).toBe(full);
        let at = 0;
        for (const [t] of runs) {
          expect(rangeOf(doc, doc.blocks[1], at, at + t.length)).toEqual({ line: 2, column: at + 1, endLine: 2, endColumn: at + t.length + 1 });
          at += t.length;
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('hyperlinks', () => {
  it("keeps where each w:hyperlink's shown words sit in the paragraph", () => {
    const body = '<w:p><w:r><w:t xml:space="preserve">Read </w:t></w:r><w:hyperlink r:id="rId7"><w:r><w:t xml:space="preserve">Youth Safety </w:t></w:r><w:r><w:t>Guide</w:t></w:r></w:hyperlink><w:r><w:t xml:space="preserve"> today.</w:t></w:r></w:p>';
    const doc = readDocx('links.docx', wordPackage({ body }));
    const [block] = doc.blocks;
    expect(block.links).toEqual([[5, 23]]);
    expect(block.text.slice(5, 23)).toBe('Youth Safety Guide');
  });

  it('keeps no link spans where there are no hyperlinks', () => {
    expect(readDocx('plain.docx', wordPackage({ body: para(['No links here.']) })).blocks[0].links).toBeUndefined();
  });
});
