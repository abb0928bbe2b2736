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
