// How a place in a document is named to the person reading a finding, by the
// format's `placeNoun` (src/readers/formats.ts). Word has no lines: a Word
// finding is at a paragraph (counted in reading order). A PDF's lines are
// counted page by page. Markdown and text have lines and columns. Every report
// (stylish, JSON's `place`, the HTML report, redline comments through the
// messages) names places with these functions.
import type { Format } from './model.js';
import { inputFormat } from './readers/formats.js';

export interface At {
  page?: number;
  line: number;
  column?: number;
}

/** The place in words: "paragraph 12", "page 3, line 12", "line 12, column 5" (or "line 12" without a column). */
export function placeLabel(format: Format | undefined, at: At): string {
  const noun = placeNounOf(format);
  if (noun === 'paragraph') return `paragraph ${at.line}`;
  if (noun === 'page' && at.page !== undefined) return `page ${at.page}, line ${at.line}`;
  return at.column !== undefined ? `line ${at.line}, column ${at.column}` : `line ${at.line}`;
}

/** Whether a format's places need words (a paragraph, a page): its line and column alone would mislead. */
export function namesPlaces(format: Format | undefined): boolean {
  return placeNounOf(format) !== 'line';
}

/** What a place is called in a format; a result without one (it could not be read) has lines. */
function placeNounOf(format: Format | undefined): 'line' | 'paragraph' | 'page' {
  return format === undefined ? 'line' : inputFormat(format).placeNoun;
}

/** The place in a finding list: text keeps the compact "12:5" editors and terminals know. */
export function shortPlace(format: Format | undefined, at: At): string {
  return namesPlaces(format) ? placeLabel(format, at) : `${at.line}:${at.column ?? 1}`;
}
