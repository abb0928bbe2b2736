// A term finding's replacements as edits. A finding's suggestions are shared by
// every finding worded alike, so they hold no place: the edit of one is made
// here, from the finding's span, when a front end offers or applies it.
import { fixFor } from '../source-edit.js';
import type { PolicyDocument } from '../model.js';
import type { Finding, Fix, Suggestion, TextEdit } from '../types.js';

/** Whether a suggestion replaces the words found (a term's), rather than adding model language (a provision's). */
export function isReplacement(s: Suggestion): boolean {
  return s.extendBefore !== undefined;
}

/** The replacements of a finding, in the order they are suggested. */
export function replacementsOf(f: Finding): Suggestion[] {
  return f.suggestions.filter(isReplacement);
}

/** A replacement as an edit of the finding's block, with `text` in place of the suggested words when given. */
export function replacementEdit(f: Finding, s: Suggestion, text = s.text): TextEdit {
  return { block: f.block, start: f.start - (s.extendBefore ?? 0), end: f.end, text };
}

/**
 * A replacement as a fix in the document's own form: its place in a Markdown or text source (none where the words
 * run through markup), or the paragraph edit a Word redline places.
 */
export function replacementFix(doc: PolicyDocument, f: Finding, s: Suggestion, text = s.text): Fix {
  return fixFor(doc, replacementEdit(f, s, text));
}
