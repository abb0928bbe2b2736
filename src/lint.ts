// The pure core: a PolicyDocument and a rule set in, a LintResult out.
// No file system, no console: the CLI, the language server and the tests all call this.
import type { PolicyDocument } from './model.js';
import { analyse, type LintCache } from './rules/analysis.js';
import { guessDocType } from './rules/doctype.js';
import { checkProvisions } from './rules/provisions.js';
import type { RuleSet } from './rules/ruleset.js';
import { checkTerms } from './rules/terms.js';
import { applyDirectives } from './suppress.js';
import { internalRuleId, settingKeysOf, UNUSED_DIRECTIVE_RULE } from './rule-id.js';
import { SEVERITY_LEVEL, severityLevel, type SeverityName } from './severity.js';
import type { DocType, Excusal, Finding, LintResult } from './types.js';

export interface LintOptions {
  ruleSet: RuleSet;
  /** Severity per rule id (`term/csec`), per kind (`term`, `provision`) or per pattern (`term/*`). */
  rules?: Record<string, SeverityName>;
  docType?: DocType;
  /** Keep info-level findings (names of record notes and rules set to "info"). */
  includeInfo?: boolean;
  /** Report directives that suppressed nothing, at this severity. */
  reportUnusedDirectives?: SeverityName;
  /** Per-block work kept from the last lint of this document (an editor re-linting as the user types). */
  cache?: LintCache;
  /** Told of each term a detector keeps from being reported (not with a cache's unchanged blocks). */
  onExcused?: (excusal: Excusal) => void;
}

function configuredSeverity(rules: Record<string, SeverityName>, ruleId: string): SeverityName | undefined {
  const [id, pattern, kind] = settingKeysOf(ruleId);
  return rules[id] ?? rules[pattern] ?? rules[kind];
}

const NO_RULES: Record<string, SeverityName> = {};
const severityTables = new WeakMap<Record<string, SeverityName>, Map<string, SeverityName | undefined>>();

/**
 * The configured severity of each rule, looked up once per rule and configuration (a batch shares one): a long
 * document has thousands of findings of a dozen rules, and a batch thousands of documents.
 */
function severitiesFor(rules: Record<string, SeverityName> = NO_RULES): (ruleId: string) => SeverityName | undefined {
  let severities = severityTables.get(rules);
  if (!severities) severityTables.set(rules, (severities = new Map()));
  const table = severities;
  return (ruleId) => {
    let severity = table.get(ruleId);
    if (severity === undefined && !table.has(ruleId)) table.set(ruleId, (severity = configuredSeverity(rules, ruleId)));
    return severity;
  };
}

/** A rule that throws must not stop the others: its failure becomes one finding. */
function guarded<T>(ruleKind: string, run: () => T, fallback: T, errors: Finding[]): T {
  try {
    return run();
  } catch (e) {
    errors.push({
      ruleId: internalRuleId(ruleKind),
      severity: SEVERITY_LEVEL.error,
      message: `policylint could not run its ${ruleKind} rules on this document (${(e as Error).message}); other rules still ran. Please report this.`,
      line: 1, column: 1, endLine: 1, endColumn: 1, block: -1, start: 0, end: 0, suggestions: [], citations: [],
    });
    return fallback;
  }
}

/** Said of a document without a word in it: there is nothing to check, and no provision can be present in it. */
export const EMPTY_DOCUMENT = 'is empty: there is no text to check';

/** An empty document's result: no findings, no provision statuses, one line saying why. */
function emptyResult(doc: PolicyDocument, options: LintOptions): LintResult {
  return {
    filePath: doc.filePath,
    format: doc.format,
    messages: [],
    errorCount: 0,
    warningCount: 0,
    fixableCount: 0,
    ...(options.docType ? { docType: options.docType, docTypeSource: 'config' as const } : {}),
    provisions: [],
    suppressedCount: 0,
    warnings: [...(doc.warnings ?? []), EMPTY_DOCUMENT],
  };
}

export function lintDocument(doc: PolicyDocument, options: LintOptions): LintResult {
  if (!doc.blocks.some((b) => /\S/.test(b.text))) return emptyResult(doc, options);
  const analysis = analyse(doc, options.ruleSet, options.cache, options.onExcused);
  const internal: Finding[] = [];
  const docType = options.docType ?? guardedGuess();
  function guardedGuess(): DocType {
    return guarded('document-type', () => guessDocType(analysis), 'protocol' as DocType, internal);
  }
  // Terms let go of the hits only they read: the document type, which reads them too, is guessed first.
  const terms = guarded('term', () => checkTerms(analysis), [], internal);
  const provisions = guarded('provision', () => checkProvisions(analysis, docType), { findings: [], results: [] }, internal);

  const severityOf = severitiesFor(options.rules);
  const lowest = options.includeInfo ? SEVERITY_LEVEL.info : SEVERITY_LEVEL.warn;
  // A configured severity makes a copy of the finding with it; a rule that is off reports nothing.
  const all: Finding[] = [];
  for (const f of [...terms, ...provisions.findings]) {
    const configured = severityOf(f.ruleId);
    if (configured === 'off') continue;
    const severity = configured === undefined ? f.severity : severityLevel(configured);
    if (severity >= lowest) all.push(severity === f.severity ? f : { ...f, severity });
  }
  const { kept, suppressedCount, unused } = applyDirectives(all, doc.directives);
  const messages = [...internal, ...kept];
  if (options.reportUnusedDirectives && options.reportUnusedDirectives !== 'off') {
    for (const d of unused) {
      messages.push({
        ruleId: UNUSED_DIRECTIVE_RULE,
        severity: severityLevel(options.reportUnusedDirectives),
        message: `Unused policylint-${d.type} directive (no ${d.rules.length ? d.rules.join(', ') : ''} finding was reported here). Remove it.`.replace('no  finding', 'no finding'),
        line: d.line, column: d.column, endLine: d.line, endColumn: d.column, block: -1, start: 0, end: 0, suggestions: [], citations: [],
      });
    }
  }
  // A PDF's lines are counted per page: its findings go page by page (a whole-document finding has no page: first).
  messages.sort((a, b) => (a.page ?? 0) - (b.page ?? 0) || a.line - b.line || a.column - b.column);
  return {
    filePath: doc.filePath,
    format: doc.format,
    messages,
    errorCount: messages.filter((m) => m.severity === SEVERITY_LEVEL.error).length,
    warningCount: messages.filter((m) => m.severity === SEVERITY_LEVEL.warn).length,
    fixableCount: messages.filter((m) => m.fix).length,
    docType,
    docTypeSource: options.docType ? 'config' : 'guess',
    title: doc.title,
    provisions: provisions.results,
    suppressedCount,
    ...(doc.warnings ? { warnings: doc.warnings } : {}),
    ...(doc.source.kind === 'text' && messages.some((m) => m.fix) ? { lineStarts: doc.source.locator.lineStarts } : {}),
  };
}
