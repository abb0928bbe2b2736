// Turns a lint result into LSP diagnostics.
//
// Each diagnostic carries in `data` what a code action needs to find its
// finding again after re-linting the current text: the range as published (in
// UTF-16) and the words found. Editors may hand back a diagnostic with only
// `code`, `data` and a range of their own making (neovim 0.7 converts ranges to
// byte columns and back), so the published range travels inside `data` too.
import { DiagnosticSeverity, type Diagnostic, type Range as LspRange } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileOutcome } from '../engine.js';
import { ruleHelpUri } from '../rules/descriptor.js';
import { severityName, type FindingSeverity } from '../severity.js';
import type { Finding } from '../types.js';
import { toLspRange } from './positions.js';

export const SOURCE = 'policylint';

/**
 * Past this many findings in one file the rest are summed up in one line: a
 * pasted 5 MB document can have tens of thousands, and sending them all on
 * every keystroke would swamp the editor. `policylint` on the command line lists all.
 */
export const MAX_DIAGNOSTICS = 1000;

export interface DiagnosticData {
  /** Version of the text the finding was made on (null for a file read from disk). */
  version: number | null;
  /** The range as published, in UTF-16 positions. */
  range: LspRange;
  /** The words found (term findings). */
  found?: string;
}

const SEVERITY: Record<FindingSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warn: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/**
 * The message is one short line; the hover on the same range, and the rule's
 * documentation (`codeDescription`), say why and list the sources with links.
 */
export function toDiagnostic(finding: Finding, range: LspRange, version: number | null): Diagnostic {
  const data: DiagnosticData = { version, range };
  if (finding.found !== undefined) data.found = finding.found;
  return {
    range,
    severity: SEVERITY[severityName(finding.severity)] ?? DiagnosticSeverity.Warning,
    source: SOURCE,
    code: finding.ruleId,
    // Editors link the rule id to its documentation: why it matters, its sources and model language, once per rule.
    ...(finding.ruleId.includes('/') ? { codeDescription: { href: ruleHelpUri(finding.ruleId) } } : {}),
    // A PDF's lines are counted per page: the page goes first, where the editor shows only line and column.
    message: `${finding.page !== undefined ? `Page ${finding.page}: ` : ''}${finding.message}`,
    data,
  };
}

/** One diagnostic at the top of a file that could not be linted at all. */
export function fatalDiagnostic(problem: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Error,
    source: SOURCE,
    message: `policylint could not lint this file: ${problem}`,
  };
}

/** Diagnostics for a lint outcome; `text` is the editor's copy (absent for a Word file read from disk). */
export function diagnosticsFor(outcome: FileOutcome, text: TextDocument | undefined): Diagnostic[] {
  const { result, doc } = outcome;
  if (result.fatal !== undefined) return [fatalDiagnostic(result.fatal)];
  const version = text?.version ?? null;
  const shown = result.messages.slice(0, MAX_DIAGNOSTICS);
  const diagnostics = shown.map((f) => toDiagnostic(f, toLspRange(f, doc, text), version));
  const hidden = result.messages.length - shown.length;
  if (hidden > 0) {
    diagnostics.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      source: SOURCE,
      message: `${hidden} more policylint findings in this file are not shown here (the editor shows the first ${MAX_DIAGNOSTICS}). Run policylint on the command line to list them all.`,
    });
  }
  return diagnostics;
}
