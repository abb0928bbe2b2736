// The command line. It only wires arguments to the core and results to
// outputs; everything it prints comes from src/reporters.
import { createWriteStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { createTwoFilesPatch } from 'diff';
import type { ConfigOverrides } from '../config/index.js';
import { Engine, type FileOutcome } from '../engine.js';
import { decodeText, formatOf, inputFormat } from '../readers/index.js';
import { colorWanted } from '../reporters/color.js';
import { REPORTERS } from '../reporters/index.js';
import { SEVERITY_LEVEL, SEVERITY_NAMES, type SeverityName } from '../severity.js';
import { DOC_TYPES, type DocType, type LintResult } from '../types.js';
import { runEval, type EvalFlags } from './eval.js';
import { EvalInputError } from '../eval/annotations.js';
import { explainRule, listRules } from './explain.js';
import { expandArguments } from './files.js';
import { cacheFilePath, ResultCache } from './cache.js';
import { createIgnoreCheck } from './ignore.js';
import { pairOutputs, type OutputSpec } from './report-outputs.js';
import { StarterExistsError, writeStarterConfig } from './init.js';
import { printConfig } from './print-config.js';
import { createProgress } from './progress.js';
import { DEFAULT_REPORT_FILE, DEFAULT_REPORT_TITLE, reportOverrides, runReport, type ReportFlags } from './report.js';
import type { ServeFlags } from './serve.js';
import { displayPath } from '../report/paths.js';
import { lintFiles } from '../parallel/pool.js';
import { VERSION } from '../report/package.js';
import { reportFailure, UsageError } from './failure.js';
import { checkOutputFile, checkRedlineTarget } from './outputs.js';

/** From this many files on, on machines with 4+ cores, a lint without --fix uses worker threads (measured: on 2 cores they are slower). */
const PARALLEL_MIN_FILES = 50;

/** Exit codes, as ESLint: 0 clean, 1 findings over the limit, 2 usage error or unreadable file. */
export const EXIT = { clean: 0, findings: 1, trouble: 2 } as const;

/** Which files are linted, and whether unchanged ones are (ESLint's names): withFileOptions. */
interface FileFlags {
  ext?: string[];
  ignorePattern?: string[];
  ignore: boolean;
  cache?: boolean;
  cacheLocation?: string;
}

interface LintFlags extends FileFlags {
  threads?: number;
  /** Repeatable: each goes to the --output-file of the same position, or standard output. */
  format?: string[];
  outputFile?: string[];
  fix?: boolean;
  fixDryRun?: boolean;
  redline?: string;
  inPlace?: boolean;
  stdin?: boolean;
  stdinFilename?: string;
  maxWarnings?: number;
  quiet?: boolean;
  docType?: DocType;
  rulePack?: string[];
  config?: string;
  configLookup: boolean;
  rule?: string[];
  reportUnusedDisableDirectives?: boolean;
  color?: boolean;
  printConfig?: string;
  verbose?: boolean;
}

/** A commander parser for a ratio from 0 to 1 (`--min-recall 0.95`). */
function ratio(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n >= 0 && n <= 1)) throw new InvalidArgumentError('expected a number from 0 to 1.');
  return n;
}

/** A commander parser for whole numbers from `min` up; `hint` ends the error message. */
function wholeNumber(min: number, hint = ''): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number of ${min} or more${hint}.`);
    return n;
  };
}

function port(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535.');
  return n;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number above 0.');
  return n;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

const RULE_SETTING = new RegExp(`^[\\w/*-]+[:=](${SEVERITY_NAMES.join('|')})$`);

function parseRule(value: string, previous: string[] = []): string[] {
  if (!RULE_SETTING.test(value)) throw new InvalidArgumentError('expected RULE:SEVERITY, e.g. term/csec:off or provision/*:error.');
  return [...previous, value];
}

function overridesFrom(flags: LintFlags): ConfigOverrides {
  const rules: Record<string, SeverityName> = {};
  for (const r of flags.rule ?? []) {
    const [id, severity] = r.split(/[:=](?=[a-z]+$)/);
    rules[id] = severity as SeverityName;
  }
  return {
    configFile: flags.config ? resolve(flags.config) : undefined,
    useConfigFiles: flags.configLookup,
    rules,
    docType: flags.docType,
    packs: (flags.rulePack ?? []).map((p) => resolve(p)),
    reportUnusedDirectives: flags.reportUnusedDisableDirectives ? 'warn' : undefined,
  };
}

async function readStdin(name: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // As for a file: binary bytes are refused in one line, and a guessed encoding is said.
  const { text, warning } = decodeText(name, Buffer.concat(chunks));
  if (warning) process.stderr.write(`policylint: ${name}: ${warning}\n`);
  return text;
}

/** Writes a file's fixes (--fix, --fix-dry-run, --redline): notes go to standard error, a dry run's preview to `out`. */
async function fixFile(engine: Engine, outcome: FileOutcome, flags: LintFlags, overrides: ConfigOverrides, out: string[]): Promise<FileOutcome> {
  const fixed = await engine.writeFixes(outcome, { overrides, dryRun: flags.fixDryRun, redline: flags.redline, inPlace: flags.inPlace });
  for (const note of fixed.notes) process.stderr.write(`policylint: ${note}\n`);
  if (fixed.preview) out.push(fixed.preview);
  return fixed;
}

/** Where the report goes: standard output or the -o file, written as it comes, waiting when the reader is behind. */
interface Sink {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

/** Text is passed on in pieces of about this size: one write per small file cost a system call each. */
const SINK_CHUNK = 64 * 1024;

async function openSink(outputFile: string | undefined): Promise<Sink> {
  let stream: NodeJS.WritableStream = process.stdout;
  if (outputFile) {
    checkOutputFile(outputFile);
    await mkdir(dirname(resolve(outputFile)), { recursive: true });
    stream = createWriteStream(resolve(outputFile));
  }
  // Text is encoded straight into one buffer and written when it is full: joining the pieces first, or one write
  // per small file, each cost more than linting some of them.
  let buffer = Buffer.allocUnsafe(SINK_CHUNK);
  let used = 0;
  const send = async (bytes: Buffer) => {
    if (!stream.write(bytes)) await new Promise<void>((done) => stream.once('drain', done));
  };
  const flush = async () => {
    if (used === 0) return;
    const full = buffer.subarray(0, used);
    buffer = Buffer.allocUnsafe(SINK_CHUNK);
    used = 0;
    await send(full);
  };
  return {
    async write(text) {
      // A UTF-8 character takes at most 3 bytes per UTF-16 unit.
      if (used + text.length * 3 > SINK_CHUNK) await flush();
      if (text.length * 3 > SINK_CHUNK) await send(Buffer.from(text, 'utf8'));
      else used += buffer.write(text, used, 'utf8');
    },
    async close() {
      await flush();
      if (outputFile) await new Promise<void>((done, fail) => stream.end(() => done()).once('error', fail));
    },
  };
}

/** Refuses flags that cannot be honoured together, before any work; returns the outputs to write. */
function checkLintFlags(patterns: string[], flags: LintFlags): OutputSpec[] {
  const outputs = pairOutputs(flags.format, flags.outputFile);
  if ('problem' in outputs) throw new UsageError(outputs.problem);
  for (const o of outputs) {
    if (!REPORTERS[o.format]) throw new UsageError(`unknown format "${o.format}"; choose one of ${Object.keys(REPORTERS).join(', ')}`);
  }
  const onStdout = outputs.find((o) => o.file === undefined);
  // As ESLint does with options it cannot honour together: refuse, rather than mix a diff into a report
  // a program will parse, or move the diff the user asked for to the error stream.
  if (flags.fixDryRun && onStdout && onStdout.format !== 'stylish') {
    throw new UsageError(`--fix-dry-run prints a diff on standard output, which would break the ${onStdout.format} report there; write the report to a file with -o FILE, or use --format stylish`);
  }
  if (flags.fix && flags.fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be used together: --fix writes the changes, --fix-dry-run only shows them');
  if (flags.stdin && flags.fix) throw new UsageError('--fix cannot change standard input; use --fix-dry-run to see the changes');
  if (flags.redline && patterns.length === 1 && inputFormat(formatOf(patterns[0])).fixMode === 'none') throw new UsageError(`--redline cannot mark up ${patterns[0]}: PDFs are read-only; lint the Word original (.docx) with --redline instead`);
  if (flags.redline && (patterns.length !== 1 || inputFormat(formatOf(patterns[0])).fixMode !== 'redline')) throw new UsageError('--redline OUT.docx takes exactly one .docx input file');
  if (flags.redline) checkRedlineTarget(patterns[0], flags.redline, flags.inPlace === true);
  if (!flags.stdin && patterns.length === 0) throw new UsageError('no files given; try `policylint docs/` or `policylint --help`');
  return outputs;
}

/** One lint run: its engine, settings, reports and tallies. */
interface LintRun {
  engine: Engine;
  flags: LintFlags;
  overrides: ConfigOverrides;
  /** Compiles the rule packs, so that a broken one is a usage error, not a per-file one. */
  checkRules(): void;
  /** Writes a file's result to every report as soon as it is linted, then lets it go. */
  report(result: LintResult): Promise<void>;
  /** A file, folder or pattern that could not be linted. */
  notLinted(): void;
  /** What goes to standard output after the reports (--fix-dry-run's diffs). */
  extraOutput: string[];
}

async function lintStdin(run: LintRun): Promise<void> {
  const { engine, flags, overrides } = run;
  const name = flags.stdinFilename || '<stdin>';
  const text = await readStdin(name);
  const outcome = engine.lintText(name, text, { overrides });
  if (flags.fixDryRun && outcome.doc) {
    const fixed = engine.fixText(name, text, { overrides });
    if (fixed.text !== text) run.extraOutput.push(createTwoFilesPatch(name, name, text, fixed.text, 'original', 'fixed'));
  }
  await run.report(outcome.result);
}

async function lintPatterns(run: LintRun, patterns: string[], cache: ResultCache | undefined, fixing: boolean): Promise<void> {
  const { engine, flags, overrides } = run;
  const isIgnored = createIgnoreCheck({ enabled: flags.ignore, patterns: flags.ignorePattern ?? [], cwd: process.cwd(), overrides, engine });
  const { files, problems, namedButIgnored } = await expandArguments(patterns, process.cwd(), { extensions: flags.ext, isIgnored });
  for (const p of problems) {
    process.stderr.write(`policylint: ${p.arg}: ${p.problem}\n`);
    run.notLinted();
  }
  for (const { file, by } of namedButIgnored) {
    process.stderr.write(`policylint: ${displayPath(file, process.cwd())}: linted because it was named, though ${by} ignores it\n`);
  }
  const cached = cache ? files.map((f) => cache.has(f)) : [];
  const toLint = cache ? files.filter((_, i) => !cached[i]) : files;
  if (cache && toLint.length > 0) run.checkRules();
  const progress = createProgress(process.stderr, { total: toLint.length, quiet: flags.quiet });
  const threaded = !fixing && (flags.threads !== undefined ? flags.threads > 1 : toLint.length >= PARALLEL_MIN_FILES && availableParallelism() >= 4);
  if (threaded) {
    // Workers lint by path and send back results only (fixes need the parsed document, so they stay here).
    // Results are reported in the order of the files, as without threads.
    const batch = await lintFiles(toLint, { engine, threads: flags.threads, overrides, onResult: (result) => progress.tick(displayPath(result.filePath, process.cwd())) });
    progress.done();
    const fresh = batch.results.values();
    for (const [i, file] of files.entries()) {
      if (cached[i]) {
        await run.report(cache!.get(file));
        continue;
      }
      const r = fresh.next().value!;
      cache?.set(r);
      await run.report(r);
    }
    return;
  }
  // Only the result outlives this: the document (as large as the file's text many times over) is let go before
  // its report is written.
  const lintOne = async (file: string) => {
    const outcome = await engine.lintFile(file, { overrides });
    return fixing && !outcome.result.fatal ? (await fixFile(engine, outcome, flags, overrides, run.extraOutput)).result : outcome.result;
  };
  for (const [i, file] of files.entries()) {
    if (cached[i]) {
      await run.report(cache!.get(file));
      continue;
    }
    const result = await lintOne(file);
    cache?.set(result);
    progress.tick(displayPath(file, process.cwd()));
    await run.report(result);
  }
  progress.done();
}

async function runLint(patterns: string[], flags: LintFlags): Promise<number> {
  const outputs = checkLintFlags(patterns, flags);
  const overrides = overridesFrom(flags);
  const engine = new Engine();
  let trouble = false;
  let notLinted = 0;
  let errors = 0;
  let warnings = 0;

  // Rule packs and config are checked once up front: a broken pack is a usage error, not a per-file one.
  const checkRules = () => engine.rulesFor(resolve(patterns[0] ?? flags.stdinFilename ?? '.'), overrides);
  const fixing = Boolean(flags.fix || flags.fixDryRun || flags.redline);
  // A cached result has no document to fix: a fixing run lints every file.
  const useCache = flags.cache === true && !flags.stdin && !fixing;
  // With the cache, the rules are compiled only when a file needs linting: unchanged files were linted with these
  // very packs (their contents are in the cache key), so a run where nothing changed compiles nothing.
  if (!useCache) checkRules();

  const reports = await Promise.all(
    outputs.map(async (o) => ({
      format: o.format,
      reporter: engine.reporter(o.format, { color: colorWanted(process.stdout, o.file ? false : flags.color), cwd: process.cwd(), overrides, verbose: flags.verbose })!,
      sink: await openSink(o.file),
    })),
  );
  const cache = useCache ? new ResultCache(cacheFilePath(flags.cacheLocation, process.cwd()), overrides, engine) : undefined;
  const run: LintRun = {
    engine,
    flags,
    overrides,
    checkRules,
    extraOutput: [],
    notLinted() {
      trouble = true;
      notLinted++;
    },
    async report(r) {
      for (const warning of r.warnings ?? []) process.stderr.write(`policylint: ${r.filePath}: ${warning}\n`);
      if (r.fatal) {
        process.stderr.write(`policylint: ${r.filePath}: ${r.fatal}\n`);
        run.notLinted();
      } else {
        errors += r.errorCount;
      }
      warnings += r.warningCount;
      const shown = flags.quiet ? { ...r, messages: r.messages.filter((m) => m.severity === SEVERITY_LEVEL.error), warningCount: 0 } : r;
      for (const { format, reporter, sink } of reports) {
        if (r.fatal && format === 'stylish') continue;
        const text = reporter.file(shown);
        for (const piece of typeof text === 'string' ? [text] : text) await sink.write(piece);
      }
    },
  };
  if (flags.stdin) await lintStdin(run);
  else await lintPatterns(run, patterns, cache, fixing);

  for (const { reporter, sink } of reports) {
    await sink.write(reporter.end({ notLinted, fixesWritten: Boolean(flags.fix || flags.redline) }));
    await sink.close();
  }
  await cache?.save().catch((e: Error) => process.stderr.write(`policylint: ${cache.file}: cache not saved (${e.message})\n`));
  for (const extra of run.extraOutput) process.stdout.write(extra);

  if (trouble) return EXIT.trouble;
  if (errors > 0) return EXIT.findings;
  if (flags.maxWarnings !== undefined && warnings > flags.maxWarnings) {
    if (outputs.some((o) => o.format === 'stylish')) process.stderr.write(`policylint found too many warnings (maximum: ${flags.maxWarnings}).\n`);
    return EXIT.findings;
  }
  return EXIT.clean;
}

/** A commander parser for `--ext .md,.txt` (repeatable, comma-separated, as ESLint's). */
function extensions(value: string, previous: string[] = []): string[] {
  const list = value.split(',').map((e) => e.trim()).filter(Boolean);
  if (list.length === 0 || list.some((e) => !/^\.?[\w-]+$/.test(e))) throw new InvalidArgumentError('expected extensions such as .md,.txt');
  return [...previous, ...list];
}

/** The options that choose which files are linted and whether unchanged ones are linted again, as ESLint's. */
function withFileOptions(command: Command): Command {
  return command
    .option('--ext <extensions>', 'extensions to look for in folders, e.g. .md,.txt (default: every format policylint reads); repeatable', extensions)
    .option('--ignore-pattern <pattern>', 'do not lint files matching this .gitignore-style pattern (relative to this folder); repeatable', collect)
    .option('--no-ignore', 'lint files that .policylintignore, ignorePatterns or --ignore-pattern leave out')
    .option('--cache', 'reuse the results of files unchanged since the last run (with the same settings and version)')
    .option('--cache-location <path>', 'cache file, or folder to hold it (default: .policylintcache)');
}

/** The options that choose the rules a document is linted with, the same for lint, report and serve. */
function withRuleOptions(command: Command): Command {
  return command
    .addOption(new Option('--doc-type <type>', 'document type instead of the guess').choices([...DOC_TYPES]))
    .option('--rule-pack <file>', 'add a YAML rule pack (a county pack); repeatable', collect)
    .option('-c, --config <file>', 'use this configuration file')
    .option('--no-config-lookup', 'do not look for .policylintrc files (by default, the ones that apply in this folder)');
}

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('policylint')
    .description('Lint child-welfare policies for CSEC-only language and missing labor-trafficking provisions.')
    .version(VERSION, '-v, --version')
    .showHelpAfterError('(run `policylint --help` for usage)')
    .configureOutput({ outputError: (str, write) => write(`policylint: ${str.replace(/^error: /, '')}`) })
    .exitOverride()
    .addHelpText('after', '\nLint is the default command: `policylint FILES…`. Its options (formats, --fix, --redline…): policylint lint --help');
  addLintCommand(program, setExit);
  addRuleCommands(program, setExit);
  addInitCommand(program, setExit);
  addReportCommands(program, setExit);
  return program;
}

/** `policylint lint` (the default command): its options are the flags runLint translates. */
function addLintCommand(program: Command, setExit: (code: number) => void): void {
  const lint = program
    .command('lint', { isDefault: true })
    .description('lint files, folders and globs (the default command)')
    .argument('[patterns...]', 'files, folders (searched for .md, .markdown, .txt, .docx, .pdf) and glob patterns')
    .option('-f, --format <name>', `output format: ${Object.keys(REPORTERS).join(', ')} (default: stylish); repeat it with -o to write several reports from one run`, collect)
    .option('-o, --output-file <file>', 'write the report to a file instead of standard output; with several -f, the n-th -o is the n-th format\'s (- for standard output)', collect)
    .option('--fix', 'apply the first suggestion of each term finding (Markdown and text in place; Word: writes FILE.policylint.docx with tracked changes)')
    .option('--fix-dry-run', 'show what --fix would change, as a unified diff, without writing')
    .option('--redline <out.docx>', 'write a copy of the one .docx input with tracked changes and comments')
    .option('--in-place', 'with --fix on a .docx, overwrite the original instead of writing FILE.policylint.docx')
    .option('--stdin', 'lint text from standard input')
    .option('--stdin-filename <name>', 'file name to use for standard input (decides the format)')
    .option('--max-warnings <n>', 'exit with status 1 when there are more warnings than this', wholeNumber(0))
    .option('--quiet', 'report errors only')
    .option('--verbose', 'stylish: under each file\'s findings, say once per rule why it matters and its sources');
  withFileOptions(withRuleOptions(lint))
    .option('--rule <rule:severity>', 'set a rule\'s severity (off, info, warn, error); repeatable', parseRule)
    .option('--report-unused-disable-directives', 'warn about policylint-disable comments that suppress nothing')
    .option('--color', 'force colours')
    .option('--no-color', 'no colours')
    .option('--threads <n>', `worker threads for many files (default: one per core from ${PARALLEL_MIN_FILES} files on 4+ cores; 1 = none)`, wholeNumber(1, ' (1 = no worker threads)'))
    .option('--print-config <file>', 'print the configuration that applies to a file, as JSON, and lint nothing')
    .action(async (patterns: string[], flags: LintFlags) => {
      if (flags.printConfig === undefined) return setExit(await runLint(patterns, flags));
      process.stdout.write(printConfig(new Engine(), flags.printConfig, overridesFrom(flags)));
      setExit(EXIT.clean);
    });
}

/** `explain` and `rules`: one rule's descriptor, or every rule's, in words. */
function addRuleCommands(program: Command, setExit: (code: number) => void): void {
  program
    .command('explain')
    .description('print why a rule exists, its sources and its model language')
    .argument('<rule>', 'rule id, e.g. provision/hhs-24h-notice or term/csec')
    .option('--rule-pack <file>', 'also load this rule pack; repeatable', collect)
    .action((rule: string, flags: { rulePack?: string[] }) => {
      const set = new Engine().rulesFor('.', { packs: (flags.rulePack ?? []).map((p) => resolve(p)) });
      const text = explainRule(set, rule);
      if (!text) throw new UsageError(`no rule "${rule}"; \`policylint rules\` lists them`);
      process.stdout.write(text);
      setExit(EXIT.clean);
    });

  program
    .command('rules')
    .description('list every rule with its kind, severity and title')
    .option('--rule-pack <file>', 'also load this rule pack; repeatable', collect)
    .action((flags: { rulePack?: string[] }) => {
      process.stdout.write(listRules(new Engine().rulesFor('.', { packs: (flags.rulePack ?? []).map((p) => resolve(p)) })));
      setExit(EXIT.clean);
    });
}

/** `init`: a commented starter configuration. */
function addInitCommand(program: Command, setExit: (code: number) => void): void {
  program
    .command('init')
    .description('write a commented starter .policylintrc.yaml in the current folder (never overwrites)')
    .action(() => {
      try {
        const file = writeStarterConfig(process.cwd());
        process.stdout.write(`Wrote ${file}. Edit it, then run \`policylint --print-config FILE\` to see what applies to a file.\n`);
        setExit(EXIT.clean);
      } catch (e) {
        if (!(e instanceof StarterExistsError)) throw e;
        throw new UsageError(e.message);
      }
    });
}

/** `report`, `eval` and `serve`: the coverage report, the accuracy score and the workbench. */
function addReportCommands(program: Command, setExit: (code: number) => void): void {
  const report = program
    .command('report')
    .description('write an HTML coverage report (documents × provisions) for folders, files or globs')
    .argument('<patterns...>', 'folders, files and glob patterns, as for `policylint lint`')
    .option('-o, --output-file <file>', 'where to write the report', DEFAULT_REPORT_FILE)
    .option('--title <text>', 'heading of the report', DEFAULT_REPORT_TITLE);
  withRuleOptions(report)
    .option('--quiet', 'no progress bar')
    .action(async (patterns: string[], flags: ReportFlags) => setExit(await runReport(patterns, flags)));

  program
    .command('eval')
    .description('score findings against annotated documents (recall, precision, forbidden hits, provision agreement)')
    .argument('<annotations...>', 'annotations files (JSON, schema/annotations.schema.json); document paths are relative to each file\'s folder; with several, a report each and the bars apply to their combination')
    .addOption(new Option('-f, --format <name>', 'output format').choices(['stylish', 'json']).default('stylish'))
    .option('--min-recall <ratio>', 'exit with status 1 when term recall is below this (0 to 1)', ratio)
    .option('--min-precision <ratio>', 'exit with status 1 when term precision is below this (0 to 1)', ratio)
    .option('--max-forbidden <n>', 'exit with status 1 when more findings than this fall on forbidden spans', wholeNumber(0))
    .option('--min-provisions <ratio>', 'exit with status 1 when provision agreement is below this (0 to 1)', ratio)
    .option('--color', 'force colours')
    .option('--no-color', 'no colours')
    .action(async (annotations: string[], flags: EvalFlags) => {
      try {
        setExit(await runEval(annotations, flags));
      } catch (e) {
        if (e instanceof EvalInputError) throw new UsageError(e.message);
        throw e;
      }
    });

  const serve = program
    .command('serve')
    .description('open the analyst workbench: a local web page to review a document, accept or reject each change and download the redline')
    .option('--port <n>', 'port on 127.0.0.1 (0 or none: a free one)', port, 0)
    .option('--open', 'open the page in the default browser')
    .option('--max-size <MB>', 'largest file accepted, in MB', positiveNumber, 50);
  withRuleOptions(serve)
    .action(async (flags: ServeFlags & ReportFlags) => {
      const overrides = reportOverrides(flags);
      // A broken config or pack is a usage error before the server starts, as for lint; the server keeps what was compiled.
      const engine = new Engine();
      engine.rulesFor(resolve('.'), overrides);
      // Loaded only for this command: linting never pays for the HTTP server.
      const { runServe } = await import('./serve.js');
      setExit(await runServe(flags, overrides, engine));
    });
}

/** A reader that stops early (`policylint … | head`) closes the pipe: end quietly, as other command-line tools do. */
function onStdoutError(e: NodeJS.ErrnoException): void {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.clean);
  throw e;
}

export async function main(argv: string[]): Promise<number> {
  process.stdout.on('error', onStdoutError);
  let code: number = EXIT.clean;
  const program = buildProgram((c) => (code = c));
  try {
    await program.parseAsync(argv);
  } catch (e) {
    const err = e as { code?: string; exitCode?: number };
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.clean;
    if (err.code?.startsWith('commander.')) return EXIT.trouble;
    return reportFailure(e);
  }
  return code;
}
