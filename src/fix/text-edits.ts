// Applies term fixes to Markdown and plain-text sources: each fix carries the
// source range it replaces (src/source-edit.ts), or none where the words run
// through markup, which is left for a person.
import type { SourceEdit } from '../source-edit.js';
import type { Finding, SourceFix } from '../types.js';

/** A fix with its place in a Markdown or text source. */
export function placedFix(fix: Finding['fix']): (SourceFix & { range: [number, number] }) | undefined {
  return fix && 'range' in fix && fix.range ? (fix as SourceFix & { range: [number, number] }) : undefined;
}

/** Non-overlapping source edits of the findings' fixes, last first. */
export function fixEdits(findings: Finding[]): SourceEdit[] {
  const edits = findings
    .map((f) => placedFix(f.fix))
    .filter((fix) => fix !== undefined)
    .map((fix): SourceEdit => ({ from: fix.range[0], to: fix.range[1], text: fix.text }))
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
