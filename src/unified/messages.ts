// Turns a lint result into vfile messages, as unified linters report: the
// rule id, `source: 'policylint'`, the place (start and end, with offsets),
// the rule's documentation, the replacement texts as `expected`, `fatal` for
// errors. Positions are the CLI's, unchanged: the plugin lints the file's text
// with the same readers, so a finding is at the same line and column in both.
import type { Transformer } from 'unified';
import { replacementsOf } from '../fix/replacements.js';
import type { PolicyDocument } from '../model.js';
import { ruleHelpUri } from '../rules/descriptor.js';
import { severityName, type FindingSeverity } from '../severity.js';
import type { DocType, Finding, LintResult, ProvisionResult } from '../types.js';

/** unified's file type, taken from unified itself so that it is the only package the plugin's types need. */
export type VFile = Parameters<Transformer>[1];

export const SOURCE = 'policylint';

/** What the plugin leaves in `file.data.policylint`. */
export interface PolicylintData {
  docType?: DocType;
  docTypeSource?: 'config' | 'guess';
  provisions: ProvisionResult[];
}

/** vfile's convention: `true` is an error, `false` a warning, `undefined` an info message. */
const FATAL: Record<FindingSeverity, boolean | undefined> = { error: true, warn: false, info: undefined };

/** A rule's rationale in one line, for a message's `note`. */
export type Rationale = (ruleId: string) => string | undefined;

function report(file: VFile, finding: Finding, doc: PolicyDocument | undefined, rationale?: Rationale): void {
  // Offsets as the document's locator gives them (a term finding has them already).
  const locator = doc?.source.kind === 'text' ? doc.source.locator : undefined;
  const [from, to] = finding.range ?? (locator ? [locator.offsetOf(finding), locator.offsetOf({ line: finding.endLine, column: finding.endColumn })] : []);
  const start = { line: finding.line, column: finding.column, ...(from !== undefined ? { offset: from } : {}) };
  // A finding about the whole document (a provision that is absent) is at its start, as in the CLI.
  const place = finding.block === -1 ? start : { start, end: { line: finding.endLine, column: finding.endColumn, ...(to !== undefined ? { offset: to } : {}) } };
  // The reason is the CLI's one-line message; the note is why the rule exists, in one line (the rule's documentation has the rest).
  const message = file.message(finding.message, { place, ruleId: finding.ruleId, source: SOURCE });
  message.fatal = FATAL[severityName(finding.severity)];
  message.url = ruleHelpUri(finding.ruleId);
  const note = rationale?.(finding.ruleId);
  if (note) message.note = note;
  // Replacement texts only: a provision's model language is a paragraph to add, not a replacement of the words found.
  const expected = replacementsOf(finding).map((s) => s.text);
  if (expected.length > 0) message.expected = expected;
  if (finding.found !== undefined) message.actual = finding.found;
}

/** Adds one message per finding to `file`; a file that could not be linted gets one fatal message saying why. */
export function reportResult(file: VFile, result: LintResult, doc: PolicyDocument | undefined, rationale?: Rationale): void {
  if (result.fatal !== undefined) {
    const message = file.message(result.fatal, { place: { line: 1, column: 1 }, source: SOURCE });
    message.fatal = true;
    return;
  }
  for (const finding of result.messages) report(file, finding, doc, rationale);
  // Every provision's status, present ones included, for tools that build a coverage table (as the CLI prints one).
  file.data.policylint = { docType: result.docType, docTypeSource: result.docTypeSource, provisions: result.provisions } satisfies PolicylintData;
}
