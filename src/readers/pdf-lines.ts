// Text runs of a PDF page → lines of print, and the lines every page repeats
// (running headers, footers, page numbers), which are left out.
import type { PdfFont, PdfPageText, PdfRun } from './pdf-extract.js';

/** A line of print on one page: runs on one baseline with no column or cell gap between them. */
export interface PdfLine {
  page: number;
  x0: number;
  x1: number;
  /** Baseline, in points from the bottom of the page. */
  y: number;
  /** Font size of most of the line's characters. */
  size: number;
  /** Every character is in a bold font. */
  bold: boolean;
  text: string;
}

/**
 * A horizontal gap wider than this many font sizes ends a line: the next words are another column or cell. Measured
 * on LibreOffice PDFs: words split into runs sit 0.3–0.4 apart, table cells 1.4 and more, columns wider still.
 */
const COLUMN_GAP = 1;
/** After a list mark alone ("•", "1.") the item's text may start this far away (0.9–1.2 measured). */
const LIST_MARK_GAP = 4;
const LIST_MARK_RUN = /^\s*(?:[•◦▪▫●○■□‣⁃∙·*–-]|\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)])\s*$/i;

const isSpace = (s: string) => /^\s|\s$/.test(s);

/** Lines of one page, in the order the page draws them (which is reading order for Word and LibreOffice PDFs). */
export function linesOf(page: PdfPageText, pageNumber: number, fonts: PdfFont[]): PdfLine[] {
  const lines: PdfLine[] = [];
  let current: { line: PdfLine; counts: Map<number, number>; boldChars: number; chars: number } | undefined;
  const close = () => {
    if (!current) return;
    const { line, counts, boldChars, chars } = current;
    line.text = line.text.replace(/\s+/g, ' ').trim();
    line.size = [...counts].sort((a, b) => b[1] - a[1])[0][0];
    line.bold = boldChars === chars;
    if (line.text !== '') lines.push(line);
    current = undefined;
  };
  for (const run of page.runs) {
    const size = Math.round(run.size * 10) / 10;
    if (current && continues(current.line, run, size)) {
      const { line } = current;
      const gap = run.x - line.x1;
      // A superscript (a note mark) joins the word before it; otherwise a visible gap is a space.
      const superscript = size < line.size * 0.8 && run.y > line.y + 0.2 * line.size;
      if (!superscript && gap > 0.15 * Math.min(size, line.size) && !isSpace(line.text.slice(-1)) && !isSpace(run.text[0])) line.text += ' ';
      line.text += run.text;
      line.x1 = Math.max(line.x1, run.x + run.width);
    } else {
      close();
      current = { line: { page: pageNumber, x0: run.x, x1: run.x + run.width, y: run.y, size, bold: false, text: run.text }, counts: new Map(), boldChars: 0, chars: 0 };
    }
    const letters = run.text.replace(/\s/g, '').length;
    current.counts.set(size, (current.counts.get(size) ?? 0) + letters);
    current.chars += letters;
    if (fonts[run.font]?.bold) current.boldChars += letters;
  }
  close();
  return lines;
}

function continues(line: PdfLine, run: PdfRun, size: number): boolean {
  const scale = Math.max(size, line.size);
  const sameBaseline = Math.abs(run.y - line.y) <= 0.4 * scale;
  const superscript = size < line.size * 0.8 && run.y > line.y && run.y < line.y + line.size;
  if (!sameBaseline && !superscript) return false;
  const gap = run.x - line.x1;
  return gap > -0.5 * scale && gap < (LIST_MARK_RUN.test(line.text) ? LIST_MARK_GAP : COLUMN_GAP) * scale;
}

/** A page number alone: "3", "- 3 -", "Page 3 of 9", "3/9", "iv" (a well-formed roman numeral, so not "civil"). */
const PAGE_NUMBER = /^(?:page\s+)?[-–—]?\s*(?:\d{1,4}|(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))\s*[-–—]?(?:\s*(?:of|\/)\s*\d{1,4})?$/i;
/** How many lines at the top and at the bottom of a page may be running headers or footers. */
const EDGE_LINES = 3;

/**
 * Running headers and footers: lines among the first or last few of a page whose text, digits aside, is at the
 * top or bottom of at least half the pages (and of two or more), and page numbers standing alone at either edge;
 * only lines in the top or bottom fifth of a page are considered.
 */
export function runningLines(pages: PdfLine[][], pageHeights: number[]): Set<PdfLine> {
  const keyOf = (l: PdfLine) => l.text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ');
  const edges = pages.map((lines, i) => {
    const byHeight = [...lines].sort((a, b) => b.y - a.y);
    const height = pageHeights[i];
    // Headers and footers sit in the page's margins: the top and bottom fifth at most.
    return { top: byHeight.slice(0, EDGE_LINES).filter((l) => l.y > height * 0.8), bottom: byHeight.slice(-EDGE_LINES).filter((l) => l.y < height * 0.2) };
  });
  const pagesWith = new Map<string, number>();
  for (const { top, bottom } of edges) {
    for (const key of new Set([...top.map((l) => `t${keyOf(l)}`), ...bottom.map((l) => `b${keyOf(l)}`)])) pagesWith.set(key, (pagesWith.get(key) ?? 0) + 1);
  }
  const repeated = (key: string) => (pagesWith.get(key) ?? 0) >= Math.max(2, pages.length / 2);
  const running = new Set<PdfLine>();
  for (const { top, bottom } of edges) {
    // Only the outermost lines, working inwards, so a heading that happens to open several pages is kept.
    for (const [edge, lines] of [['t', top], ['b', [...bottom].reverse()]] as const) {
      for (const line of lines) {
        if (!PAGE_NUMBER.test(line.text) && !repeated(`${edge}${keyOf(line)}`)) break;
        running.add(line);
      }
    }
  }
  return running;
}
