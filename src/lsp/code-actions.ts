// Quick fixes for policylint diagnostics: a replacement for each suggested
// term, model language for a missing provision, and "fix all" for the safe
// term replacements.
//
// Actions are rebuilt from a lint of the current text, never from edits stored
// in the diagnostic: the text may have changed since it was published, and
// editors hand back diagnostics in their own form (neovim 0.7 keeps only
// `code` and `data`, and turns ranges into byte columns). The finding is found
// again by rule id and the UTF-16 range saved in `data`.
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type Range as LspRange,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixEdits } from '../fix/text-edits.js';
import { isReplacement, replacementEdit, replacementsOf } from '../fix/replacements.js';
import { toSourceEdit, type SourceEdit } from '../source-edit.js';
import type { PolicyDocument } from '../model.js';
import type { Finding } from '../types.js';
import { SOURCE, type DiagnosticData } from './diagnostics.js';
import { insertionEdit } from './insertion.js';
import type { Linted } from './linter.js';
import { comparePositions, sameRange, toLspRange } from './positions.js';
import { isProvisionRule } from '../rule-id.js';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.policylint`;

export interface ActionOptions {
  /** The client applies versioned `documentChanges` (it then refuses an edit made for an older text). */
  documentChanges: boolean;
}

function isPosition(v: unknown): boolean {
  const p = v as { line?: unknown; character?: unknown } | null;
  return typeof p === 'object' && p !== null && Number.isInteger(p.line) && Number.isInteger(p.character);
}

function isRange(v: unknown): v is LspRange {
  const r = v as { start?: unknown; end?: unknown } | null;
  return typeof r === 'object' && r !== null && isPosition(r.start) && isPosition(r.end);
}

/** `data` as this server wrote it, or undefined when a client dropped or mangled it. */
function dataOf(diagnostic: Diagnostic): Partial<DiagnosticData> | undefined {
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (typeof data !== 'object' || data === null) return undefined;
  return { range: isRange(data.range) ? data.range : undefined, found: typeof data.found === 'string' ? data.found : undefined };
}

const overlaps = (a: LspRange, b: LspRange) => comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
/** Lines first, then characters: how far a finding moved from where it was published. */
const distance = (a: LspRange, b: LspRange) => Math.abs(a.start.line - b.start.line) * 1e6 + Math.abs(a.start.character - b.start.character);

/** The finding a diagnostic was made from, in a lint of the current text. */
export function findingFor(diagnostic: Diagnostic, requested: LspRange, findings: Finding[], doc: PolicyDocument, text: TextDocument): Finding | undefined {
  if (typeof diagnostic.code !== 'string') return undefined;
  if (diagnostic.source !== undefined && diagnostic.source !== SOURCE) return undefined;
  const data = dataOf(diagnostic);
  const published = data?.range ?? diagnostic.range;
  const candidates = findings
    .filter((f) => f.ruleId === diagnostic.code)
    .map((f) => ({ f, range: toLspRange(f, doc, text) }));
  const exact = candidates.find((c) => isRange(published) && sameRange(c.range, published));
  if (exact) return exact.f;
  // A provision is reported once per document: its finding is the one with that id.
  if (isProvisionRule(diagnostic.code)) return candidates.length === 1 ? candidates[0].f : undefined;
  // The text moved since the diagnostic was published, or the client dropped `data`
  // and rewrote the range: take the same words on the same line, or where the
  // person is asking (the requested range), nearest to where they were.
  const near = candidates
    .filter((c) => data?.found === undefined || c.f.found === data.found)
    .filter((c) => overlaps(c.range, requested) || (isRange(published) && c.range.start.line === published.start.line))
    .sort((a, b) => (isRange(published) ? distance(a.range, published) - distance(b.range, published) : 0));
  return near[0]?.f;
}

function lspEdit(text: TextDocument, edit: SourceEdit): LspTextEdit {
  return { range: { start: text.positionAt(edit.from), end: text.positionAt(edit.to) }, newText: edit.text };
}

function workspaceEdit(text: TextDocument, edits: LspTextEdit[], options: ActionOptions): WorkspaceEdit {
  if (options.documentChanges) return { documentChanges: [{ textDocument: { uri: text.uri, version: text.version }, edits }] };
  return { changes: { [text.uri]: edits } };
}

function actionsForFinding(finding: Finding, diagnostic: Diagnostic, doc: PolicyDocument, text: TextDocument, options: ActionOptions): CodeAction[] {
  const actions: CodeAction[] = [];
  // --fix makes the first replacement.
  const fixText = finding.fix ? replacementsOf(finding)[0]?.text : undefined;
  for (const suggestion of finding.suggestions) {
    const replaces = isReplacement(suggestion);
    const edit = replaces ? toSourceEdit(doc, replacementEdit(finding, suggestion)) : suggestion.insert ? insertionEdit(doc, suggestion.insert) : undefined;
    // No edit when the words run through markup (a link, emphasis): a person rewrites those.
    if (!edit) continue;
    const action: CodeAction = {
      title: suggestion.desc,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: workspaceEdit(text, [lspEdit(text, edit)], options),
    };
    // The replacement --fix makes is the preferred fix; a finding without a fix (its replacement needs a person's
    // judgment, docs/fixes.md) has none, so an editor's auto-fix leaves it. Model language is never preferred.
    if (replaces && suggestion.text === fixText && !actions.some((a) => a.isPreferred)) action.isPreferred = true;
    actions.push(action);
  }
  return actions;
}

function fixAll(findings: Finding[], doc: PolicyDocument, text: TextDocument, kind: string, options: ActionOptions): CodeAction | undefined {
  const edits = fixEdits(findings);
  if (edits.length === 0) return undefined;
  return {
    title: `Fix all policylint term replacements in this document (${edits.length})`,
    kind,
    edit: workspaceEdit(text, edits.map((e) => lspEdit(text, e)), options),
  };
}

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

export function codeActionsFor(params: CodeActionParams, text: TextDocument, linted: Linted, options: ActionOptions): CodeAction[] {
  const { doc, result } = linted.outcome;
  if (!doc || doc.source.kind !== 'text' || result.fatal !== undefined) return [];
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (wants(only, CodeActionKind.QuickFix)) {
    let fixable = 0;
    for (const diagnostic of params.context.diagnostics) {
      const finding = findingFor(diagnostic, params.range, result.messages, doc, text);
      if (!finding) continue;
      if (finding.fix) fixable++;
      actions.push(...actionsForFinding(finding, diagnostic, doc, text, options));
    }
    // On a fixable term, with more safe replacements in the file, offer them all at once (as ESLint does).
    const all = fixable > 0 && result.messages.filter((f) => f.fix).length > 1 ? fixAll(result.messages, doc, text, CodeActionKind.QuickFix, options) : undefined;
    if (all) actions.push(all);
  }
  // Only when asked for by kind (editor.codeActionsOnSave, the Source Action menu), so the light bulb does not list it twice.
  if (only && wants(only, FIX_ALL_KIND)) {
    const all = fixAll(result.messages, doc, text, FIX_ALL_KIND, options);
    if (all) actions.push(all);
  }
  return actions;
}
