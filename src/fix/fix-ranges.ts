// ESLint's fix shape for Markdown and text: `fix.range` is the [start, end)
// offsets in the source text that `fix.text` replaces (UTF-16 code units of the
// decoded file, without a byte-order mark), so a tool that applies ESLint fixes
// makes exactly the edits `--fix` makes. A fix whose words run through markup,
// which --fix leaves for a person, gets `range: null` and is not written as a
// fix. Word and PDF fixes keep their paragraph form (no range): docs/output.md.
import type { PolicyDocument } from '../model.js';
import type { LintResult, TextEdit } from '../types.js';
import { placeTermFix } from '../rules/terms.js';
import { toSourceEdit } from './text-edits.js';

/** A fix with the source span it replaces; `null` when --fix would not make it. */
export interface RangedFix extends TextEdit {
  range?: [number, number] | null;
}

/** The result with each fix's source range, for a Markdown or text document; other results as they are. */
export function withFixRanges(result: LintResult, doc: PolicyDocument | undefined): LintResult {
  if (!doc || doc.source.kind !== 'text' || result.fixableCount === 0) return result;
  for (const m of result.messages) {
    const fix = m.fix;
    if (!fix) continue;
    const edit = toSourceEdit(doc, fix);
    const range: [number, number] | null = edit ? [edit.from, edit.to] : null;
    // The text as --fix writes it into the source (a phrase wrapped across lines keeps its line break).
    if (placeTermFix(m, range, edit?.text)) continue;
    const ranged: RangedFix = { ...fix, ...(edit ? { text: edit.text } : {}), range };
    m.fix = ranged;
  }
  return result;
}

/** Whether a fix can be written in ESLint's shape: it has a source range, or it is a Word or PDF fix (no range). */
export function writableFix(fix: RangedFix | undefined): fix is RangedFix {
  return fix !== undefined && fix.range !== null;
}
