// Turns source offsets into the places a person is told (1-based line and
// column, and on a PDF the page with the line counted on that page) and back.
// Every reader of a Markdown, text or PDF source makes one (`source.locator`);
// nothing else counts lines. After textlint's `core/source-location.ts` and
// ESLint's `SourceCode#getLocFromIndex` / `getIndexFromLoc`.
import { indexAtOrBefore } from './sorted.js';

/** A 1-based place in a source; `page` only on a PDF, whose `line` is counted on that page. */
export interface Place {
  line: number;
  column: number;
  page?: number;
}

export class Locator {
  /** Offsets at which each line starts (index 0 = line 1). */
  readonly lineStarts: readonly number[];
  /** PDF: the 1-based line of the whole text on which each page starts (index 0 = page 1). */
  readonly pageLines: readonly number[] | undefined;
  readonly length: number;

  constructor(lineStarts: readonly number[], length: number, pageLines?: readonly number[]) {
    this.lineStarts = lineStarts;
    this.length = length;
    this.pageLines = pageLines;
  }

  /** The locator of a source's text (a PDF's: every page's lines, with the line each page starts on). */
  static of(text: string, pageLines?: readonly number[]): Locator {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return new Locator(starts, text.length, pageLines);
  }

  /** The 1-based line of the whole source holding an offset. */
  lineOf(offset: number): number {
    return indexAtOrBefore(this.lineStarts, offset) + 1;
  }

  /** The place of a source offset. */
  placeOf(offset: number): Place {
    const line = this.lineOf(offset);
    const column = offset - this.lineStarts[line - 1] + 1;
    if (!this.pageLines) return { line, column };
    const page = indexAtOrBefore(this.pageLines, line) + 1;
    return { line: line - this.pageLines[page - 1] + 1, column, page };
  }

  /** The source offset of a place, kept inside the source (a column past a line's end stays on that line's count). */
  offsetOf(place: Place): number {
    const line = place.line + (this.pageLines && place.page !== undefined ? this.pageLines[place.page - 1] - 1 : 0);
    const index = Math.min(Math.max(line - 1, 0), this.lineStarts.length - 1);
    return Math.min(this.lineStarts[index] + Math.max(place.column - 1, 0), this.length);
  }
}
