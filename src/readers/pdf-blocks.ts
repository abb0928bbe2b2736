// Lines of print → the model's blocks and the text they map onto.
//
// The source a PDF finding points into is the text policylint extracted: one
// line of it per line of print, running headers and footers left out, page
// after page (PageSource). A block is a run of those lines: its text joins them
// with "\n" (a soft line break, as in Markdown), except where a word was
// hyphenated across the line end, which is joined back without the hyphen.
import { type Block, type BlockKind, type PageSource, type Segment } from '../model.js';
import { Locator } from '../locator.js';
import type { PdfText } from './pdf-extract.js';
import { linesOf, runningLines, type PdfLine } from './pdf-lines.js';
import { besideLines, readingOrder, sideBySide } from './pdf-order.js';

export interface PdfLayout {
  blocks: Block[];
  source: PageSource;
  /** Characters of text on all pages, running lines included (0: no text layer). */
  chars: number;
}

/** Bullets a list item opens with (numbers too: "1.", "a)", "(iv)"). */
const LIST_MARK = /^(?:[•◦▪▫●○■□‣⁃∙·*–-]|\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)])\s+/i;
const SENTENCE_END = /[.!?:;]["”’)\]]?$/;

interface Placed extends PdfLine {
  /** Offset of the line in the extracted text. */
  offset: number;
  /** 1-based line on its page, counting kept lines. */
  pageLine: number;
  /** Shares its baseline with a line beside it in a table (not a column of text). */
  inTable: boolean;
  /** Shares its baseline with a line of another column of text. */
  inColumns: boolean;
  /** Has a line beside it on its baseline (a table cell or a column). */
  beside: boolean;
}

export function layOut(pdf: PdfText): PdfLayout {
  const pages = pdf.pages.map((page, i) => linesOf(page, i + 1, pdf.fonts));
  const chars = pages.reduce((n, lines) => n + lines.reduce((m, l) => m + l.text.length, 0), 0);
  const running = runningLines(pages, pdf.pages.map((p) => p.height));

  // The extracted text, page by page, and each kept line's place in it.
  const placed: Placed[] = [];
  const pageLines: number[] = [];
  let text = '';
  let lineCount = 0;
  for (const lines of pages) {
    pageLines.push(lineCount + 1);
    const kept = readingOrder(lines.filter((l) => !running.has(l)));
    const { inTable, inColumns } = besideLines(kept);
    for (const line of kept) {
      // Written out rather than spread: one object shape for every line.
      const { page, x0, x1, y, size, bold } = line;
      placed.push({ page, x0, x1, y, size, bold, text: line.text, offset: text.length, pageLine: lineCount + 2 - pageLines[pageLines.length - 1], inTable: inTable.has(line), inColumns: inColumns.has(line), beside: inTable.has(line) || inColumns.has(line) });
      text += `${line.text}\n`;
      lineCount++;
    }
  }

  const body = bodySize(placed);
  const pitch = linePitch(placed);
  const vocabulary = wordsOf(placed);
  const groups: Placed[][] = [];
  let right = -Infinity;
  for (const line of placed) {
    const group = groups[groups.length - 1];
    if (group && !startsBlock(group, line, pitch, Math.max(right, line.x1))) {
      group.push(line);
      right = Math.max(right, line.x1);
    } else {
      groups.push([line]);
      right = line.x1;
    }
  }
  const headingSizes = [...new Set(groups.filter((g) => g[0].size >= body * 1.15).map((g) => g[0].size))].sort((a, b) => b - a);
  const margins = marginsOf(placed, body);
  const blocks = groups.map((g) => {
    const block = blockOf(g, body, headingSizes, vocabulary);
    if (block.kind === 'paragraph' && isBlockQuote(g, margins)) block.inQuote = true;
    return block;
  });
  return { blocks, source: { kind: 'pages', text, locator: Locator.of(text, pageLines) }, chars };
}

/** The font size most characters are set in. */
function bodySize(lines: PdfLine[]): number {
  const counts = new Map<number, number>();
  for (const l of lines) counts.set(l.size, (counts.get(l.size) ?? 0) + l.text.length);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
}

/** Where body text starts and ends across the page: the commonest left edge, and the right edge most lines reach. */
function marginsOf(lines: Placed[], body: number): { left: number; right: number } {
  const text = lines.filter((l) => l.size === body && !l.inTable && !l.inColumns);
  const lefts = new Map<number, number>();
  for (const l of text) lefts.set(Math.round(l.x0), (lefts.get(Math.round(l.x0)) ?? 0) + 1);
  const left = [...lefts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  const rights = text.map((l) => l.x1).sort((a, b) => a - b);
  return { left, right: rights[Math.floor(rights.length * 0.95)] ?? Infinity };
}

/**
 * A block quotation: a paragraph of two lines or more indented from both margins (as Word's and LibreOffice's
 * quotation styles set it), on a page of one column, with nothing beside its lines (a table's cells are indented
 * too). Its words are quoted material, as a Markdown `>` quote is.
 */
function isBlockQuote(lines: Placed[], margins: { left: number; right: number }): boolean {
  const indent = 1.5 * lines[0].size;
  return lines.length >= 2 && lines.every((l) => !l.inColumns && !l.beside && l.x0 >= margins.left + indent && l.x1 <= margins.right - indent);
}

/** Usual distance between lines of a paragraph, in font sizes (the median over consecutive lines of one size). */
function linePitch(lines: PdfLine[]): number {
  const ratios: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const [a, b] = [lines[i - 1], lines[i]];
    if (a.page !== b.page || a.size !== b.size) continue;
    const r = (a.y - b.y) / a.size;
    if (r > 0.9 && r < 3) ratios.push(r);
  }
  ratios.sort((x, y) => x - y);
  return ratios.length > 0 ? ratios[ratios.length >> 1] : 1.2;
}

/** How often each lower-case word occurs in the whole text, for deciding whether a hyphen at a line end splits a word. */
function wordsOf(lines: PdfLine[]): Map<string, number> {
  const words = new Map<string, number>();
  for (const l of lines) for (const w of l.text.toLowerCase().match(/\p{L}+/gu) ?? []) words.set(w, (words.get(w) ?? 0) + 1);
  return words;
}

/** Whether `line` starts a new block after `group`; `right` is where the group's lines, and this one, reach. */
function startsBlock(group: Placed[], line: Placed, pitch: number, right: number): boolean {
  const prev = group[group.length - 1];
  const first = group[0];
  const size = Math.max(prev.size, line.size);
  if (Math.abs(prev.size - line.size) > 0.08 * size || prev.bold !== line.bold) return true;
  if (LIST_MARK.test(line.text)) return true;
  if (prev.inTable || line.inTable) {
    // Cell by cell: a cell's lines are stacked at one left edge.
    if (prev.page !== line.page || Math.abs(line.x0 - first.x0) > size || line.y > prev.y) return true;
  }
  if (prev.page !== line.page) {
    // A paragraph runs on over a page break when it did not end a sentence and the next page goes on in lower case.
    return SENTENCE_END.test(prev.text) || !/^\p{Ll}/u.test(line.text);
  }
  const drop = prev.y - line.y;
  // Up the page (the next column or cell), or down by more than a paragraph's line spacing.
  if (drop < -0.4 * size || drop > pitch * size * 1.3) return true;
  if (sideBySide(prev, line)) return true;
  // Back to the left by more than an indent: the next row of a table or the next column's start.
  if (line.x0 < prev.x0 - 3 * size) return true;
  // A line that stopped well short of its neighbours, after a sentence's end, ended its paragraph.
  return SENTENCE_END.test(prev.text) && prev.x1 < right - 4 * size;
}

function kindOf(lines: Placed[], text: string, body: number, headingSizes: number[]): { kind: BlockKind; level?: number } {
  const { size } = lines[0];
  if (lines[0].inTable) return { kind: 'table-cell' };
  const level = headingSizes.indexOf(size);
  if (level !== -1 && text.length <= 300) return { kind: 'heading', level: Math.min(level + 1, 6) };
  if (lines.every((l) => l.bold) && lines.length <= 2 && text.length <= 120 && !/[.;,]$/.test(text)) {
    return { kind: 'heading', level: Math.min(headingSizes.length + 1, 6) };
  }
  if (LIST_MARK.test(text)) return { kind: 'list-item' };
  if (size < body * 0.85 && lines.length <= 6) return { kind: 'footnote' };
  return { kind: 'paragraph' };
}

function blockOf(lines: Placed[], body: number, headingSizes: number[], vocabulary: Map<string, number>): Block {
  const segments: Segment[] = [];
  let text = '';
  const add = (part: string, sourceStart: number) => {
    if (part.length === 0) return;
    const last = segments[segments.length - 1];
    if (last && last.sourceStart + last.length === sourceStart && last.textStart + last.length === text.length) last.length += part.length;
    else segments.push({ textStart: text.length, sourceStart, length: part.length });
    text += part;
  };
  const whole = lines.map((l) => l.text).join(' ');
  const kind = kindOf(lines, whole, body, headingSizes);
  lines.forEach((line, i) => {
    let start = 0;
    // A list item's bullet is not its text, as in Markdown and Word.
    if (i === 0 && kind.kind === 'list-item') start = LIST_MARK.exec(line.text)![0].length;
    const next = lines[i + 1];
    const join = next ? lineJoin(line.text, next.text, vocabulary) : 'end';
    const end = join === 'drop-hyphen' ? line.text.length - 1 : line.text.length;
    add(line.text.slice(start, end), line.offset + start);
    if (join === 'newline') add('\n', line.offset + line.text.length);
  });
  return { kind: kind.kind, level: kind.level, text, headingPath: [], section: -1, line: lines[0].pageLine, segments };
}

/**
 * How a line joins the next in its block: by a soft line break, or straight on when the line ends with a hyphen
 * before a lower-case word. The hyphen goes when it split a word ("traf-" "ficking": "trafficking" is a word of the
 * document, or the second half is not) and stays in a compound ("labor-" "trafficking").
 */
function lineJoin(line: string, next: string, vocabulary: Map<string, number>): 'newline' | 'drop-hyphen' | 'keep-hyphen' {
  const m = /(\p{L}+)[-\u00AD]$/u.exec(line);
  const n = /^(\p{Ll}+)/u.exec(next);
  if (!m || !n) return 'newline';
  if (line.endsWith('\u00AD')) return 'drop-hyphen';
  if (vocabulary.has((m[1] + n[1]).toLowerCase())) return 'drop-hyphen';
  // Each half occurs here once: as a word of its own elsewhere too, it is one.
  return (vocabulary.get(n[1]) ?? 0) > 1 && (vocabulary.get(m[1].toLowerCase()) ?? 0) > 1 ? 'keep-hyphen' : 'drop-hyphen';
}
