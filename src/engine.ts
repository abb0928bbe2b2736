// The engine: everything a front end asks of policylint, apart from how it was
// asked. It lints files, bytes and text with the configuration that applies to
// each, writes fixes (edited text, a Word redline), and makes reporters. The
// command line translates its flags into these calls, prints and sets the exit
// code; the language server, the workbench, the unified plugin and the worker
// threads call the same engine. What it compiles and reads from disk is its own:
// `reload` forgets it when a config or pack file changes. After ESLint's
// `lib/eslint/eslint.js` (the engine) beside `lib/cli.js` (the flags).
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { ConfigResolver, type ConfigOverrides, type ResolvedConfig } from './config/index.js';
import { ConfigError, ReadError } from './errors.js';
import { redlineForFindings } from './fix/redline.js';
import { applyEdits, fixEdits } from './fix/text-edits.js';
import { writeOutput } from './fix/write-file.js';
import { fsProblem } from './fs-problem.js';
import { lintDocument, type LintOptions } from './lint.js';
import type { Format, PolicyDocument } from './model.js';
import { inputFormat, readDocumentFile, readDocumentText } from './readers/index.js';
import { REPORTERS } from './reporters/index.js';
import type { FormatContext, Reporter } from './reporters/types.js';
import { isProvisionRule } from './rule-id.js';
import type { LintCache } from './rules/analysis.js';
import { loadRuleSet, type RuleSet } from './rules/ruleset.js';
import type { LintResult } from './types.js';

export interface FileOutcome {
  result: LintResult;
  doc?: PolicyDocument;
  bytes?: Uint8Array;
  config?: ResolvedConfig;
}

/** How one lint is asked for: the settings over the config files, and who hears of kept-quiet terms. */
export interface LintRequest {
  overrides?: ConfigOverrides;
  /** Told of each term a detector keeps from being reported (`policylint eval`). */
  onExcused?: LintOptions['onExcused'];
}

/** A lint of text in memory (standard input, an editor's buffer). */
export interface TextRequest extends LintRequest {
  /** One per document: a re-lint after an edit reuses the unchanged blocks' work. */
  cache?: LintCache;
  /** The reader, when the file's extension does not say (the unified plugin knows its parser). */
  format?: Format;
}

/** How fixes are written: shown only (dry run), or written; a Word file's redline to `redline` or over itself. */
export interface FixRequest extends LintRequest {
  dryRun?: boolean;
  redline?: string;
  inPlace?: boolean;
}

export interface FixOutcome extends FileOutcome {
  /** What was done or refused, one line each (the CLI prints them on standard error). */
  notes: string[];
  /** A dry run: what would change (a diff, or the redline's counts). */
  preview?: string;
}

/** A fix can make a new finding (a replacement inside a longer phrase): fixing stops after this many passes. */
const MAX_FIX_PASSES = 10;

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

export class Engine {
  /** Config files, packs and resolved settings read from disk. */
  private readonly configs = new ConfigResolver();
  /** Rule sets, compiled once per distinct list of packs. */
  private readonly ruleSets = new Map<string, RuleSet>();

  /** Forgets what was read from disk and compiled (a config or pack file changed): the configs, then the rule sets. */
  reload(): void {
    this.configs.clear();
    this.ruleSets.clear();
  }

  /** The settings for a file; a broken config or pack throws ConfigError. */
  configFor(filePath: string, overrides: ConfigOverrides = {}, options: { isFile?: boolean } = {}): ResolvedConfig {
    return this.configs.configFor(filePath, overrides, options);
  }

  ruleSetFor(config: ResolvedConfig): RuleSet {
    const key = config.packs.join('\n');
    let set = this.ruleSets.get(key);
    if (!set) {
      set = loadRuleSet(config.packs);
      this.ruleSets.set(key, set);
    }
    return set;
  }

  /** The rule set a file is linted with. */
  rulesFor(filePath: string, overrides: ConfigOverrides = {}): RuleSet {
    return this.ruleSetFor(this.configFor(filePath, overrides));
  }

  /** Lints a document already read, with its file's settings. */
  lintDocument(doc: PolicyDocument, config: ResolvedConfig, options: { cache?: LintCache; onExcused?: LintOptions['onExcused'] } = {}): LintResult {
    return lintDocument(doc, {
      cache: options.cache,
      onExcused: options.onExcused,
      ruleSet: this.ruleSetFor(config),
      rules: config.rules,
      docType: config.docType,
      reportUnusedDirectives: config.reportUnusedDirectives,
    });
  }

  /** Lints a file on disk; a file that cannot be read or configured is a result with `fatal` set. */
  async lintFile(filePath: string, request: LintRequest = {}): Promise<FileOutcome> {
    let bytes: Uint8Array;
    try {
      // Synchronous: one file at a time, and awaiting the thread pool cost 7% of a batch run.
      bytes = new Uint8Array(readFileSync(filePath));
    } catch (e) {
      return { result: fatalResult(filePath, problemOf(filePath, e)) };
    }
    return this.lintBytes(filePath, bytes, request);
  }

  /** Lints a file's bytes (an upload), read as its extension says. */
  async lintBytes(filePath: string, bytes: Uint8Array, request: LintRequest = {}): Promise<FileOutcome> {
    try {
      const config = this.configFor(filePath, request.overrides, { isFile: true });
      const read = readDocumentFile(filePath, bytes);
      // Awaited only for a PDF: the other readers return the document itself.
      const doc = read instanceof Promise ? await read : read;
      return { result: this.lintDocument(doc, config, { onExcused: request.onExcused }), doc, bytes, config };
    } catch (e) {
      return { result: fatalResult(filePath, problemOf(filePath, e)) };
    }
  }

  /** Lints text in memory. */
  lintText(filePath: string, text: string, request: TextRequest = {}): FileOutcome {
    try {
      const config = this.configFor(filePath, request.overrides);
      const doc = readDocumentText(filePath, text, request.format);
      return { result: this.lintDocument(doc, config, request), doc, config };
    } catch (e) {
      return { result: fatalResult(filePath, problemOf(filePath, e)) };
    }
  }

  /** Fixes Markdown or text until nothing fixable is left; returns the new text and its lint. */
  fixText(filePath: string, text: string, request: TextRequest = {}): { text: string; outcome: FileOutcome } {
    const lint = (current: string) => this.lintText(filePath, current, { overrides: request.overrides, format: request.format });
    let current = text;
    let outcome = lint(current);
    for (let pass = 0; pass < MAX_FIX_PASSES && outcome.doc; pass++) {
      const edits = fixEdits(outcome.result.messages);
      if (edits.length === 0) break;
      current = applyEdits(current, edits);
      outcome = lint(current);
    }
    return { text: current, outcome };
  }

  /**
   * Writes a linted file's fixes as its format takes them: Markdown and text fixed in place, a Word file as a
   * redline beside it (or where asked), a PDF not at all. A write that fails is the file's `fatal` problem.
   */
  async writeFixes(outcome: FileOutcome, request: FixRequest = {}): Promise<FixOutcome> {
    const { doc, bytes, result } = outcome;
    if (!doc || !bytes) return { ...outcome, notes: [] };
    const { fixMode } = inputFormat(doc.format);
    if (fixMode === 'none') {
      return { ...outcome, notes: [`${doc.filePath}: not changed: PDFs are read-only; lint the Word original (.docx) with --fix or --redline to get the changes`] };
    }
    if (fixMode === 'redline') {
      const target = request.redline ? resolve(request.redline) : request.inPlace ? doc.filePath : join(dirname(doc.filePath), `${basename(doc.filePath, extname(doc.filePath))}.policylint${extname(doc.filePath)}`);
      const changes = result.messages.filter((m) => m.fix).length;
      const comments = result.messages.filter((m) => isProvisionRule(m.ruleId)).length;
      if (request.dryRun) return { ...outcome, notes: [], preview: `${doc.filePath}: ${changes} tracked changes and ${comments} comments would be written to ${target}\n` };
      const problem = await writeOutput(target, 'redline', () => redlineForFindings(bytes, doc, result.messages));
      if (problem) return { ...outcome, result: { ...result, fatal: problem }, notes: [] };
      return { ...outcome, notes: [`wrote ${target} (${changes} tracked changes, ${comments} comments)`] };
    }
    const original = doc.source.kind === 'text' ? doc.source.text : '';
    const fixed = this.fixText(doc.filePath, original, { overrides: request.overrides });
    if (fixed.text === original) return { ...fixed.outcome, notes: [] };
    if (request.dryRun) return { ...outcome, notes: [], preview: createTwoFilesPatch(doc.filePath, doc.filePath, original, fixed.text, 'original', 'fixed') };
    const problem = await writeOutput(doc.filePath, 'fixed text', () => fixed.text);
    return problem ? { ...outcome, result: { ...result, fatal: problem }, notes: [] } : { ...fixed.outcome, notes: [] };
  }

  /** A reporter for an output format (`stylish`, `json`, `sarif`…), or undefined for a format policylint does not write. */
  reporter(format: string, context: Omit<FormatContext, 'rulesFor'> & { overrides?: ConfigOverrides }): Reporter | undefined {
    const make = REPORTERS[format];
    return make?.({ ...context, rulesFor: (file) => this.rulesFor(file, context.overrides) });
  }
}
