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
  return { from, to, text: edit.text };
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
