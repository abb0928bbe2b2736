// How a place in a document is named to the person reading a finding. Word has
// no lines: a Word finding is at a paragraph (counted in reading order). A
// PDF's lines are counted page by page. Markdown and text have lines and
// columns. Every report (stylish, JSON's `place`, the HTML report, redline
// comments through the messages) names places with these two functions.
import type { Format } from './model.js';

export interface At {
  page?: number;
  line: number;
  column?: number;
}

/** The place in words: "paragraph 12", "page 3, line 12", "line 12, column 5" (or "line 12" without a column). */
export function placeLabel(format: Format | undefined, at: At): string {
  if (format === 'docx') return `paragraph ${at.line}`;
  if (format === 'pdf' && at.page !== undefined) return `page ${at.page}, line ${at.line}`;
  return at.column !== undefined ? `line ${at.line}, column ${at.column}` : `line ${at.line}`;
}

/** The place in a finding list: text keeps the compact "12:5" editors and terminals know. */
export function shortPlace(format: Format | undefined, at: At): string {
  return format === 'docx' || format === 'pdf' ? placeLabel(format, at) : `${at.line}:${at.column ?? 1}`;
}
