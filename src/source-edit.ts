// A replacement of a span of a block's text as an edit of a Markdown or text
// source. The edit is made only where the found words are plain text in the
// source: a phrase that runs through markup (emphasis, a link, a code span) is
// left for a person. The core places a term's fix with it when the finding is
// made; the language server places the other replacements it offers.
import { sourceSpan, type PolicyDocument } from './model.js';
import type { Fix, TextEdit } from './types.js';

export interface SourceEdit {
  from: number;
  to: number;
  text: string;
}

/**
 * An edit as a fix in the document's own form: on Markdown and text its place in the source (`range: null` where the
 * words run through markup), on Word the paragraph edit the redline writer places.
 */
export function fixFor(doc: PolicyDocument, edit: TextEdit): Fix {
  if (doc.source.kind !== 'text') return edit;
  const placed = toSourceEdit(doc, edit);
  return placed ? { range: [placed.from, placed.to], text: placed.text } : { range: null, text: edit.text };
}

const squash = (s: string) => s.replace(/\s+/g, ' ');

/** The source span an edit replaces, or undefined when markup sits inside it. */
export function toSourceEdit(doc: PolicyDocument, edit: TextEdit): SourceEdit | undefined {
  if (doc.source.kind !== 'text') return undefined;
  const block = doc.blocks[edit.block];
  const [from, to] = sourceSpan(block, edit.start, edit.end);
  const source = doc.source.text.slice(from, to);
  const shown = block.text.slice(edit.start, edit.end);
  if (source !== shown && squash(source) !== squash(shown)) return undefined;
  return { from, to, text: source.includes('\n') ? keepLineBreaks(source, edit.text) : edit.text };
}

/**
 * The replacement with the line breaks of the words it replaces: a phrase wrapped across two source lines stays on
 * two lines, broken at the same word where the two phrases begin or end alike ("CSEC Steering↵Committee" →
 * "Child Trafficking Steering↵Committee"), else as far through the replacement as it was through the source.
 */
export function keepLineBreaks(source: string, text: string): string {
  const from = source.split(/(\s+)/);
  const to = text.split(/(\s+)/);
  // Words at even indexes, the spaces between them at odd ones.
  const fromWords = from.filter((_, i) => i % 2 === 0);
  const toWords = to.filter((_, i) => i % 2 === 0);
  if (toWords.length < 2) return text;
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  let prefix = 0;
  while (prefix < Math.min(fromWords.length, toWords.length) && same(fromWords[prefix], toWords[prefix])) prefix++;
  let suffix = 0;
  while (suffix < Math.min(fromWords.length, toWords.length) - prefix && same(fromWords[fromWords.length - 1 - suffix], toWords[toWords.length - 1 - suffix])) suffix++;
  for (let gap = 0; gap < fromWords.length - 1; gap++) {
    const space = from[gap * 2 + 1];
    if (!space.includes('\n')) continue;
    // The gap after word `gap` of the source, as a gap of the replacement.
    const wordsAfter = fromWords.length - 1 - gap;
    let target: number;
    if (wordsAfter <= suffix) target = toWords.length - 1 - wordsAfter;
    else if (gap < prefix) target = gap;
    else target = Math.round(((gap + 1) * toWords.length) / fromWords.length) - 1;
    target = Math.min(Math.max(target, 0), toWords.length - 2);
    to[target * 2 + 1] = space;
  }
  return to.join('');
}
