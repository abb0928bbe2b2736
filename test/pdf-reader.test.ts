// The PDF reader on PDFs built by hand (test/helpers/pdf-build.ts): layout
// (paragraphs, hyphenation, headings, lists, running headers, two columns drawn
// row by row, tables), locations by page, and the files it must refuse.
// Imports the compiled reader from dist/ (`npm test` builds first): pdf.js runs
// in a worker thread started from dist/readers/pdf-worker.js.
import { describe, expect, it } from 'vitest';
import { readPdf } from '../dist/readers/pdf.js';
import { PDF_LIMITS } from '../dist/readers/pdf-thread.js';
import type { ConfigOverrides } from '../dist/config/index.js';
import { Engine } from '../dist/engine.js';
import { rangeOf } from '../dist/model.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { deflateSync } from 'node:zlib';
import { join } from 'node:path';
import { buildPdf, column, firstExtraObject, type PlacedText } from './helpers/pdf-build.js';

/** The engine, called as the tests call the core. */
const engine = new Engine();
const lintFile = (filePath: string, overrides?: ConfigOverrides) => engine.lintFile(filePath, { overrides });

const texts = (doc: { blocks: { kind: string; text: string }[] }) => doc.blocks.map((b) => `${b.kind}: ${b.text}`);

async function refusal(name: string, bytes: Uint8Array, limits = PDF_LIMITS): Promise<string> {
  try {
    await readPdf(name, bytes, limits);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`${name} was read`);
}

describe('PDF layout', () => {
  it('joins lines into paragraphs, rejoins hyphenated words, keeps hyphenated compounds', async () => {
    const page = [
      { text: 'Screening Protocol', x: 72, y: 740, size: 20 },
      ...column(['Staff screen every youth for traf-', 'ficking at intake, sex and labor-', 'trafficking alike, within 72 hours.'], 72, 700),
      ...column(['Labor and trafficking are named in this second paragraph.'], 72, 640),
    ];
    const doc = await readPdf('p.pdf', buildPdf([page]));
    expect(texts(doc)).toEqual([
      'heading: Screening Protocol',
      // "traf-" + "ficking": a word cut in two; "labor-" + "trafficking": two words of the document, kept hyphenated.
      'paragraph: Staff screen every youth for trafficking at intake, sex and labor-trafficking alike, within 72 hours.',
      'paragraph: Labor and trafficking are named in this second paragraph.',
    ]);
    expect(doc.title).toBe('Screening Protocol');
  });

  it('finds heading levels by size and weight, list items, and keeps table cells as blocks', async () => {
    const page: PlacedText[] = [
      { text: 'County Protocol', x: 72, y: 740, size: 22 },
      { text: '1. Purpose', x: 72, y: 700, size: 16 },
      ...column(['This protocol covers sex and labor trafficking.'], 72, 670),
      { text: 'Roles', x: 72, y: 640, size: 11, bold: true },
      { text: '•', x: 72, y: 620 },
      { text: 'Hotline screens each referral.', x: 86, y: 620 },
      { text: '•', x: 72, y: 600 },
      { text: 'Probation notifies the MDT.', x: 86, y: 600 },
      // A table: cells side by side, the second one wrapping onto a second line.
      { text: 'Unit', x: 72, y: 560 },
      { text: 'Duty', x: 300, y: 560 },
      { text: 'CSEC Unit', x: 72, y: 544 },
      { text: 'Assigns a navigator to', x: 300, y: 544 },
      { text: 'each youth.', x: 300, y: 530 },
      ...column(['After the table, a paragraph.'], 72, 490),
    ];
    const doc = await readPdf('t.pdf', buildPdf([page]));
    expect(doc.blocks.map((b) => [b.kind, b.level ?? 0, b.text])).toEqual([
      ['heading', 1, 'County Protocol'],
      ['heading', 2, '1. Purpose'],
      ['paragraph', 0, 'This protocol covers sex and labor trafficking.'],
      ['heading', 3, 'Roles'],
      ['list-item', 0, 'Hotline screens each referral.'],
      ['list-item', 0, 'Probation notifies the MDT.'],
      ['table-cell', 0, 'Unit'],
      ['table-cell', 0, 'Duty'],
      ['table-cell', 0, 'CSEC Unit'],
      ['table-cell', 0, 'Assigns a navigator to\neach youth.'],
      ['paragraph', 0, 'After the table, a paragraph.'],
    ]);
    expect(doc.blocks[9].headingPath).toEqual(['County Protocol', '1. Purpose', 'Roles']);
  });

  it('reads two columns drawn row by row column by column, with a full-width title above', async () => {
    const left = ['The left column starts the text and', 'runs down the page line after line', 'until it reaches its end, where the', 'text goes on at the top of the right', 'column, as two-column newsletters', 'and board packets are often laid out.', 'This is the last line of the left one.'];
    const right = ['The right column picks up the text', 'and keeps going down the page, line', 'by line, with its own words, until it', 'also reaches the end of its column', 'and the page, where the reader stops', 'reading and turns to the next page of', 'the packet. This ends the right one.'];
    const page: PlacedText[] = [{ text: 'Board Packet Two Columns', x: 72, y: 740, size: 18 }];
    // Drawn as some PDF producers do: left line, right line, left line…
    left.forEach((l, i) => page.push({ text: l, x: 72, y: 700 - i * 14 }, { text: right[i], x: 320, y: 700 - i * 14 }));
    const doc = await readPdf('cols.pdf', buildPdf([page]));
    expect(texts(doc)).toEqual(['heading: Board Packet Two Columns', `paragraph: ${left.join('\n')}`, `paragraph: ${right.join('\n')}`]);
  });

  it('reads two columns as paragraphs wherever the fonts break their lines, and a table below as cells', async () => {
    // Drawn column by column, as LibreOffice does. The left column's second paragraph ends in a short line beside
    // the first line of the right column's second paragraph: where the lines break depends on the fonts a machine
    // has, and a verdict made pair by pair read that paragraph as a table cell.
    const left = [['Staff screen each referral on the day', 'it arrives and call the family that', 'same afternoon to set a first visit.'], ['The hotline takes every call about a', 'youth forced to work without pay and', 'shift.']];
    const right = [['The team meets within ten days of a', 'referral and invites the youth, their', 'caregiver and their own advocate to', 'talk about what the youth wants.'], ['Probation officers treat a youth made', 'to sell drugs as a victim and refer', 'the youth to the team for services.']];
    // Paragraphs 8 points apart; the right column's second paragraph starts on the baseline of "shift.".
    const page: PlacedText[] = [...column(left[0], 72, 700), ...column(left[1], 72, 650), ...column(right[0], 320, 700), ...column(right[1], 320, 622)];
    page.push({ text: 'Unit', x: 78, y: 590 }, { text: 'Duty', x: 304, y: 590 }, { text: 'Hotline', x: 78, y: 576 }, { text: 'Screens each call for signs of trafficking.', x: 304, y: 576 });
    const doc = await readPdf('columns.pdf', buildPdf([page]));
    expect(texts(doc)).toEqual([
      `paragraph: ${left[0].join('\n')}`,
      `paragraph: ${left[1].join('\n')}`,
      `paragraph: ${right[0].join('\n')}`,
      `paragraph: ${right[1].join('\n')}`,
      'table-cell: Unit',
      'table-cell: Duty',
      'table-cell: Hotline',
      'table-cell: Screens each call for signs of trafficking.',
    ]);
  });

  it('leaves out running headers, footers and page numbers, and gives each finding its page', async () => {
    const pages = [1, 2, 3].map((n) => [
      { text: 'Redwood Bay County Child Trafficking Protocol', x: 72, y: 760, size: 9 },
      ...column([['Staff screen every youth at intake.', 'Staff call the CSEC Unit about each referral.', 'The MDT meets within ten days.'][n - 1]], 72, 700),
      { text: `Page ${n} of 3`, x: 280, y: 40, size: 9 },
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'policylint-pdf-'));
    const file = join(dir, 'running.pdf');
    writeFileSync(file, buildPdf(pages));
    const doc = await readPdf(file, buildPdf(pages));
    expect(texts(doc)).toEqual(['paragraph: Staff screen every youth at intake.', 'paragraph: Staff call the CSEC Unit about each referral.', 'paragraph: The MDT meets within ten days.']);
    expect(doc.source.kind === 'pages' && doc.source.text).toBe('Staff screen every youth at intake.\nStaff call the CSEC Unit about each referral.\nThe MDT meets within ten days.\n');
    const block = doc.blocks[1];
    const at = block.text.indexOf('CSEC Unit');
    expect(rangeOf(doc, block, at, at + 9)).toEqual({ page: 2, line: 1, column: at + 1, endLine: 1, endColumn: at + 10 });
    const { result } = await lintFile(file, { useConfigFiles: false });
    const finding = result.messages.find((m) => m.ruleId === 'term/csec-body')!;
    expect(finding).toMatchObject({ page: 2, line: 1, column: at + 1, found: 'CSEC Unit' });
    // A PDF is read-only: its replacements are suggestions, never fixes.
    expect(finding.fix).toBeUndefined();
    expect(finding.suggestions[0].text).toMatch(/Trafficking Unit/);
    expect(result.fixableCount).toBe(0);
  });

  it('joins a paragraph running over a page break', async () => {
    const doc = await readPdf('break.pdf', buildPdf([column(['Staff refer each youth who may be a victim of'], 72, 100), column(['trafficking to the MDT within one day.'], 72, 740)]));
    expect(texts(doc)).toEqual(['paragraph: Staff refer each youth who may be a victim of\ntrafficking to the MDT within one day.']);
  });
});

describe('PDF files the reader refuses', () => {
  const hex = (bytes: number) => `<${'7f'.repeat(bytes)}>`;
  const simple = () => buildPdf([column(['A protocol on sex and labor trafficking.'], 72)]);

  it('names encrypted, scanned, damaged and non-PDF files in one line', async () => {
    const n = firstExtraObject(1);
    const encrypted = buildPdf([column(['Secret'], 72)], { trailer: `/Encrypt ${n} 0 R /ID [${hex(16)} ${hex(16)}]`, extraObjects: [`<< /Filter /Standard /V 1 /R 2 /O ${hex(32)} /U ${hex(32)} /P -44 >>`] });
    expect(await refusal('enc.pdf', encrypted)).toBe('enc.pdf: is password-protected; policylint cannot read encrypted PDFs (save a copy without a password and lint that)');
    const scanned = buildPdf([], { rawContents: ['0 0 1 rg 72 72 400 600 re f', '0 0 1 rg 72 72 400 600 re f'] });
    expect(await refusal('scan.pdf', scanned)).toBe('scan.pdf: has no text layer (its 2 pages have no text, as scanned pages do); run OCR on it first (e.g. ocrmypdf) and lint the result');
    expect(await refusal('cut.pdf', simple().subarray(0, 200))).toMatch(/^cut\.pdf: is not a PDF or is damaged beyond repair \(.+\)$/);
    expect(await refusal('word.pdf', new Uint8Array(Buffer.from('PK\u0003\u0004 a zip, not a PDF')))).toBe('word.pdf: is not a PDF file (it has no %PDF- header)');
    expect(await refusal('empty.pdf', new Uint8Array())).toBe('empty.pdf: is empty, not a PDF');
  });

  it('refuses a page-count bomb before reading its pages', async () => {
    // One page object listed 20,000 times: pdf.js would read each.
    const bomb = buildPdf([column(['Hello'], 72)], { repeatPages: 20_000 });
    expect(await refusal('pages.pdf', bomb)).toBe('pages.pdf: has 20,000 pages; policylint reads at most 5,000 (a damaged file or a PDF bomb?)');
  });

  it('reads through deep nesting without a crash', async () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const doc = await readPdf('deep.pdf', buildPdf([], { rawContents: [`BT /F1 11 Tf 72 700 Td (Labor trafficking is covered.) Tj ET ${deep} pop`] }));
    expect(texts(doc)).toEqual(['paragraph: Labor trafficking is covered.']);
  });

  it('stops a file that takes too long or needs too much memory, then reads the next', { timeout: 60_000 }, async () => {
    // 4,000 pages take pdf.js well over 50 ms.
    const slow = buildPdf([column(['A protocol on sex and labor trafficking.'], 72)], { repeatPages: 4_000 });
    expect(await refusal('slow.pdf', slow, { ...PDF_LIMITS, timeoutMs: 50 })).toBe('slow.pdf: took longer than 0.05 s to read; stopped (a damaged file or a PDF bomb?)');
    expect(await refusal('big.pdf', simple(), { ...PDF_LIMITS, heapMb: 4 })).toBe('big.pdf: needs more than 4 MB of memory to read; refusing it (a damaged file or a PDF bomb?)');
    // 380 KB that inflate to a 150 MB page stream: the thread's heap does not hold it, the process does.
    const bomb = buildPdf([], { flateContents: [deflateSync(Buffer.alloc(150_000_000, 0x20), { level: 9 })] });
    expect(await refusal('inflate.pdf', bomb, { ...PDF_LIMITS, growthMb: 50 })).toBe('inflate.pdf: needs more than 50 MB of memory to read; refusing it (a damaged file or a PDF bomb?)');
    expect(await refusal('long.pdf', simple(), { ...PDF_LIMITS, maxChars: 10 })).toBe('long.pdf: has more than 10 characters of text; policylint reads at most that much');
    expect(texts(await readPdf('next.pdf', simple()))).toEqual(['paragraph: A protocol on sex and labor trafficking.']);
  });
});
