// Applies term fixes to Markdown and plain-text sources. An edit is made only
// where the found words are plain text in the source: a phrase that runs
// through markup (emphasis, a link, a code span) is left for a person.
import { sourceOffset, type PolicyDocument } from '../model.js';
import type { Finding, TextEdit } from '../types.js';

export interface SourceEdit {
  from: number;
  to: number;
  text: string;
}

const squash = (s: string) => s.replace(/\s+/g, ' ');

/** The source span an edit replaces, or undefined when markup sits inside it. */
export function toSourceEdit(doc: PolicyDocument, edit: TextEdit): SourceEdit | undefined {
  if (doc.source.kind !== 'text') return undefined;
  const block = doc.blocks[edit.block];
  const from = sourceOffset(block, edit.start);
  const to = edit.end > edit.start ? sourceOffset(block, edit.end, true) : from;
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

/** Non-overlapping source edits of the findings' fixes, last first. */
export function fixEdits(doc: PolicyDocument, findings: Finding[]): SourceEdit[] {
  const edits = findings
    .filter((f) => f.fix)
    .map((f) => toSourceEdit(doc, f.fix!))
    .filter((e): e is SourceEdit => e !== undefined)
    .sort((a, b) => a.from - b.from);
  const kept: SourceEdit[] = [];
  for (const e of edits) {
    if (kept.length > 0 && e.from < kept[kept.length - 1].to) continue;
    kept.push(e);
  }
  return kept.reverse();
}

export function applyEdits(text: string, edits: SourceEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.from - a.from)) out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return out;
}
