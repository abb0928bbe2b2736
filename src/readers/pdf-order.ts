// Reading order of a page's lines. Word and LibreOffice draw a page in reading
// order (a column to its end, then the next; a table cell by cell), so the
// drawing order is kept, except on a page that draws two columns of text row
// by row, left line then right line: that page is read column by column.
import type { PdfLine } from './pdf-lines.js';

/** Two lines on one baseline, the second to the right of the first. */
export function sideBySide(a: PdfLine, b: PdfLine): boolean {
  return Math.abs(a.y - b.y) <= 0.4 * Math.max(a.size, b.size) && b.x0 > a.x1;
}

/**
 * Pairs of lines side by side on one baseline (table cells, columns), left one first, in any drawing order. Lines
 * are grouped into rows by baseline and paired with their neighbour in the row: linear after sorting, whatever a
 * page holds.
 */
export function pairsBeside(lines: PdfLine[]): [PdfLine, PdfLine][] {
  const pairs: [PdfLine, PdfLine][] = [];
  let row: PdfLine[] = [];
  const flush = () => {
    row.sort((a, b) => a.x0 - b.x0);
    for (let i = 1; i < row.length; i++) if (sideBySide(row[i - 1], row[i])) pairs.push([row[i - 1], row[i]]);
    row = [];
  };
  for (const line of [...lines].sort((a, b) => a.y - b.y)) {
    if (row.length > 0 && line.y - row[0].y > 0.4 * Math.max(row[0].size, line.size)) flush();
    row.push(line);
  }
  flush();
  return pairs;
}

/** Lines beside another on their baseline, as cells of a table or as columns of text. */
export interface BesideLines {
  inTable: Set<PdfLine>;
  inColumns: Set<PdfLine>;
}

/**
 * Sorts the lines that stand beside another into table cells and columns of text. Pairs are judged together, by the
 * left edges their two sides start at (a column of text, or of a table, starts every line at one edge): the pairs of
 * one such grid are columns of text when at least half of them have both lines long (a column is about half the
 * text's width), else cells of a table (labels, dates, short phrases beside longer text). Judged pair by pair, the
 * verdict hung on where a font happened to break the lines: a paragraph's short last line beside the other column's
 * first line made that paragraph a table cell with some fonts and not with others.
 */
export function besideLines(lines: PdfLine[]): BesideLines {
  const inTable = new Set<PdfLine>();
  const inColumns = new Set<PdfLine>();
  if (lines.length === 0) return { inTable, inColumns };
  const width = lines.reduce((x, l) => Math.max(x, l.x1), -Infinity) - lines.reduce((x, l) => Math.min(x, l.x0), Infinity);
  const long = (l: PdfLine) => l.x1 - l.x0 >= 0.35 * width;
  const grids: [PdfLine, PdfLine][][] = [];
  for (const pair of pairsBeside(lines)) {
    const [a, b] = pair;
    const near = (x: number, y: number) => Math.abs(x - y) <= Math.max(a.size, b.size);
    const grid = grids.find(([[c, d]]) => near(a.x0, c.x0) && near(b.x0, d.x0));
    if (grid) grid.push(pair);
    else grids.push([pair]);
  }
  for (const grid of grids) {
    const columns = 2 * grid.filter((pair) => pair.every(long)).length >= grid.length;
    for (const pair of grid) for (const l of pair) (columns ? inColumns : inTable).add(l);
  }
  // A line that is a cell in one grid and a column in another (a table beside a column of text) is read as a cell.
  for (const l of inTable) inColumns.delete(l);
  return { inTable, inColumns };
}

/**
 * The gutter of a page of two text columns: where side-by-side lines are split, when most lines on either side fill
 * their column (a table's cells rarely do: labels, dates, short phrases). Undefined for pages with one column and
 * for tables.
 */
export function textGutter(lines: PdfLine[]): number | undefined {
  const mids = pairsBeside(lines).map(([a, b]) => (a.x1 + b.x0) / 2);
  if (mids.length < 6) return undefined;
  mids.sort((a, b) => a - b);
  const gutter = mids[mids.length >> 1];
  const left = lines.filter((l) => l.x1 < gutter);
  const right = lines.filter((l) => l.x0 > gutter);
  if (left.length < 6 || right.length < 6) return undefined;
  const fill = (side: PdfLine[], from: number, to: number) => side.filter((l) => l.x1 - l.x0 >= 0.7 * (to - from)).length >= 0.6 * side.length;
  const leftEdge = left.reduce((x, l) => Math.min(x, l.x0), Infinity);
  const rightEdge = right.reduce((x, l) => Math.max(x, l.x1), -Infinity);
  return fill(left, leftEdge, gutter) && fill(right, gutter, rightEdge) ? gutter : undefined;
}

/** Whether the page draws its columns row by row (left, right, left, right…) rather than one after the other. */
function drawnRowByRow(lines: PdfLine[], gutter: number): boolean {
  let switches = 0;
  for (let i = 1; i < lines.length; i++) if (lines[i - 1].x1 < gutter !== lines[i].x1 < gutter) switches++;
  // Drawn column by column, the sides switch about twice per band; row by row, about once per line.
  return switches > lines.length / 3;
}

/** The page's lines in reading order: bands between full-width lines, each read left column first. */
export function readingOrder(lines: PdfLine[]): PdfLine[] {
  const gutter = textGutter(lines);
  if (gutter === undefined || !drawnRowByRow(lines, gutter)) return lines;
  const top = [...lines].sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const ordered: PdfLine[] = [];
  let left: PdfLine[] = [];
  let right: PdfLine[] = [];
  const flush = () => {
    ordered.push(...left, ...right);
    left = [];
    right = [];
  };
  for (const line of top) {
    if (line.x1 < gutter) left.push(line);
    else if (line.x0 > gutter) right.push(line);
    else {
      flush();
      ordered.push(line);
    }
  }
  flush();
  return ordered;
}
