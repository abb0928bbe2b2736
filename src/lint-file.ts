// Lints one file on disk (or text in memory) with the configuration that
// applies to it. A file that cannot be read becomes a result with `fatal` set.
import { readFileSync } from 'node:fs';
import { configFor, type ConfigOverrides, type ResolvedConfig } from './config/index.js';
import { ConfigError, ReadError } from './errors.js';
import { fsProblem } from './fs-problem.js';
import { lintDocument, type LintOptions } from './lint.js';
import type { Format, PolicyDocument } from './model.js';
import { applyEdits, fixEdits } from './fix/text-edits.js';
import { readDocumentFile, readDocumentText } from './readers/index.js';
import type { LintCache } from './rules/analysis.js';
import { loadRuleSet, type RuleSet } from './rules/ruleset.js';
import type { LintResult } from './types.js';

export interface FileOutcome {
  result: LintResult;
  doc?: PolicyDocument;
  bytes?: Uint8Array;
  config?: ResolvedConfig;
}

const ruleSets = new Map<string, RuleSet>();
/** Rule sets are compiled once per distinct list of packs. */
export function ruleSetFor(config: ResolvedConfig): RuleSet {
  const key = config.packs.join('\n');
  let set = ruleSets.get(key);
  if (!set) {
    set = loadRuleSet(config.packs);
    ruleSets.set(key, set);
  }
  return set;
}

/** Forget compiled rule sets (a pack file changed on disk). */
export function clearRuleSets(): void {
  ruleSets.clear();
}

export function fatalResult(filePath: string, problem: string): LintResult {
  return {
    filePath,
    messages: [],
    errorCount: 1,
    warningCount: 0,
    fixableCount: 0,
    provisions: [],
    fatal: problem,
  };
}

function problemOf(filePath: string, e: unknown): string {
  if (e instanceof ReadError) return e.problem;
  if (e instanceof ConfigError) return e.message;
  const known = fsProblem(e);
  if (known) return known;
  return `could not be linted (${(e as Error).message ?? String(e)})`.replace(filePath, '').trim();
}

export function lintParsed(doc: PolicyDocument, config: ResolvedConfig, cache?: LintCache, onExcused?: LintOptions['onExcused']): LintResult {
  return lintDocument(doc, {
    cache,
    onExcused,
    ruleSet: ruleSetFor(config),
    rules: config.rules,
    docType: config.docType,
    reportUnusedDirectives: config.reportUnusedDirectives,
  });
}

export interface LintFileOptions {
  /** Told of each term a detector keeps from being reported (`policylint eval`). */
  onExcused?: LintOptions['onExcused'];
}

export async function lintFile(filePath: string, overrides: ConfigOverrides = {}, options: LintFileOptions = {}): Promise<FileOutcome> {
  try {
    // Synchronous: one file at a time, and awaiting the thread pool cost 7% of a batch run.
    const bytes = new Uint8Array(readFileSync(filePath));
    const config = configFor(filePath, overrides, { isFile: true });
    const read = readDocumentFile(filePath, bytes);
    // Awaited only for a PDF: the other readers return the document itself.
    const doc = read instanceof Promise ? await read : read;
    const result = lintParsed(doc, config, undefined, options.onExcused);
    return { result, doc, bytes, config };
  } catch (e) {
    return { result: fatalResult(filePath, problemOf(filePath, e)) };
  }
}

/**
 * Lints text in memory; `cache` (one per document) lets a re-lint after an edit reuse the unchanged blocks' work.
 * `format` picks the reader when the file's extension does not say (the unified plugin knows its parser).
 */
export function lintText(filePath: string, text: string, overrides: ConfigOverrides = {}, cache?: LintCache, format?: Format): FileOutcome {
  try {
    const config = configFor(filePath, overrides);
    const doc = readDocumentText(filePath, text, format);
    return { result: lintParsed(doc, config, cache), doc, config };
  } catch (e) {
    return { result: fatalResult(filePath, problemOf(filePath, e)) };
  }
}

/** A fix can make a new finding (a replacement inside a longer phrase): fixing stops after this many passes. */
const MAX_FIX_PASSES = 10;

/** Fixes Markdown or text until nothing fixable is left; returns the new text and its lint. */
export function fixText(filePath: string, text: string, overrides: ConfigOverrides = {}, format?: Format): { text: string; outcome: FileOutcome } {
  let current = text;
  let outcome = lintText(filePath, current, overrides, undefined, format);
  for (let pass = 0; pass < MAX_FIX_PASSES && outcome.doc; pass++) {
    const edits = fixEdits(outcome.result.messages);
    if (edits.length === 0) break;
    current = applyEdits(current, edits);
    outcome = lintText(filePath, current, overrides, undefined, format);
  }
  return { text: current, outcome };
}
