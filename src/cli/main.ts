// The command line. It only wires arguments to the core and results to
// outputs; everything it prints comes from src/reporters.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { createTwoFilesPatch } from 'diff';
import type { ConfigOverrides } from '../config/index.js';
import { ConfigError } from '../errors.js';
import { applyEdits, fixEdits } from '../fix/text-edits.js';
import { writeFileAtomic } from '../fix/write-file.js';
import { redlineForFindings } from '../fix/redline.js';
import { lintFile, lintText, ruleSetFor, type FileOutcome } from '../lint-file.js';
import { formatOf } from '../readers/index.js';
import { colorWanted } from '../reporters/color.js';
import { FORMATTERS } from '../reporters/index.js';
import { DOC_TYPES, type DocType, type LintResult, type SeverityName } from '../types.js';
import { explainRule, listRules } from './explain.js';
import { expandArguments } from './files.js';
import { StarterExistsError, writeStarterConfig } from './init.js';
import { printConfig } from './print-config.js';
import { createProgress } from './progress.js';
import { DEFAULT_REPORT_FILE, DEFAULT_REPORT_TITLE, runReport, type ReportFlags } from './report.js';
import { displayPath } from '../report/paths.js';
import { configFor } from '../config/index.js';
import { lintFiles } from '../parallel/pool.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const MAX_FIX_PASSES = 10;
/** From this many files on, on machines with 4+ cores, a lint without --fix uses worker threads (measured: on 2 cores they are slower). */
const PARALLEL_MIN_FILES = 50;

/** Exit codes, as ESLint: 0 clean, 1 findings over the limit, 2 usage error or unreadable file. */
export const EXIT = { clean: 0, findings: 1, trouble: 2 } as const;

class UsageError extends Error {}

interface LintFlags {
  threads?: number;
  format: string;
  outputFile?: string;
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
}

/** A commander parser for whole numbers from `min` up; `hint` ends the error message. */
function wholeNumber(min: number, hint = ''): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number of ${min} or more${hint}.`);
    return n;
  };
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function parseRule(value: string, previous: string[] = []): string[] {
  if (!/^[\w/*-]+[:=](off|info|warn|error)$/.test(value)) throw new InvalidArgumentError('expected RULE:SEVERITY, e.g. term/csec:off or provision/*:error.');
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

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Fixes a Markdown or text file until nothing fixable is left; returns the new text. */
function fixText(filePath: string, text: string, overrides: ConfigOverrides): { text: string; outcome: FileOutcome } {
  let current = text;
  let outcome = lintText(filePath, current, overrides);
  for (let pass = 0; pass < MAX_FIX_PASSES && outcome.doc; pass++) {
    const edits = fixEdits(outcome.doc, outcome.result.messages);
    if (edits.length === 0) break;
    current = applyEdits(current, edits);
    outcome = lintText(filePath, current, overrides);
  }
  return { text: current, outcome };
}

async function fixFile(outcome: FileOutcome, flags: LintFlags, overrides: ConfigOverrides, out: string[]): Promise<FileOutcome> {
  const { doc, bytes, result } = outcome;
  if (!doc || !bytes) return outcome;
  if (doc.format === 'pdf') {
    process.stderr.write(`policylint: ${doc.filePath}: not changed: PDFs are read-only; lint the Word original (.docx) with --fix or --redline to get the changes\n`);
    return outcome;
  }
  if (doc.format === 'docx') {
    const target = flags.redline ? resolve(flags.redline) : flags.inPlace ? doc.filePath : join(dirname(doc.filePath), `${basename(doc.filePath, extname(doc.filePath))}.policylint${extname(doc.filePath)}`);
    if (flags.fixDryRun) {
      out.push(`${doc.filePath}: ${result.messages.filter((m) => m.fix).length} tracked changes and ${result.messages.filter((m) => m.ruleId.startsWith('provision/')).length} comments would be written to ${target}\n`);
      return outcome;
    }
    await writeFileAtomic(target, redlineForFindings(bytes, doc, result.messages));
    process.stderr.write(`policylint: wrote ${target} (${result.messages.filter((m) => m.fix).length} tracked changes, ${result.messages.filter((m) => m.ruleId.startsWith('provision/')).length} comments)\n`);
    return outcome;
  }
  const original = doc.source.kind === 'text' ? doc.source.text : '';
  const fixed = fixText(doc.filePath, original, overrides);
  if (fixed.text === original) return fixed.outcome;
  if (flags.fixDryRun) {
    out.push(createTwoFilesPatch(doc.filePath, doc.filePath, original, fixed.text, 'original', 'fixed'));
    return outcome;
  }
  await writeFileAtomic(doc.filePath, fixed.text);
  return fixed.outcome;
}

async function runLint(patterns: string[], flags: LintFlags): Promise<number> {
  const formatter = FORMATTERS[flags.format];
  if (!formatter) throw new UsageError(`unknown format "${flags.format}"; choose one of ${Object.keys(FORMATTERS).join(', ')}`);
  // As ESLint does with options it cannot honour together: refuse, rather than mix a diff into a report
  // a program will parse, or move the diff the user asked for to the error stream.
  if (flags.fixDryRun && flags.format !== 'stylish' && !flags.outputFile) {
    throw new UsageError(`--fix-dry-run prints a diff on standard output, which would break the ${flags.format} report there; write the report to a file with -o FILE, or use --format stylish`);
  }
  if (flags.fix && flags.fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be used together: --fix writes the changes, --fix-dry-run only shows them');
  if (flags.stdin && flags.fix) throw new UsageError('--fix cannot change standard input; use --fix-dry-run to see the changes');
  if (flags.redline && patterns.length === 1 && formatOf(patterns[0]) === 'pdf') throw new UsageError(`--redline cannot mark up ${patterns[0]}: PDFs are read-only; lint the Word original (.docx) with --redline instead`);
  if (flags.redline && (patterns.length !== 1 || formatOf(patterns[0]) !== 'docx')) throw new UsageError('--redline OUT.docx takes exactly one .docx input file');
  if (!flags.stdin && patterns.length === 0) throw new UsageError('no files given; try `policylint docs/` or `policylint --help`');
  const overrides = overridesFrom(flags);
  const extraOutput: string[] = [];
  const results: LintResult[] = [];
  let trouble = false;

  // Rule packs and config are checked once up front: a broken pack is a usage error, not a per-file one.
  ruleSetFor(configFor(resolve(patterns[0] ?? flags.stdinFilename ?? '.'), overrides));

  if (flags.stdin) {
    const text = await readStdin();
    const name = flags.stdinFilename ?? '<stdin>';
    const outcome = lintText(name, text, overrides);
    if (flags.fixDryRun && outcome.doc) {
      const fixed = fixText(name, text, overrides);
      if (fixed.text !== text) extraOutput.push(createTwoFilesPatch(name, name, text, fixed.text, 'original', 'fixed'));
    }
    results.push(outcome.result);
  } else {
    const { files, problems } = await expandArguments(patterns);
    for (const p of problems) {
      process.stderr.write(`policylint: ${p.arg}: ${p.problem}\n`);
      trouble = true;
    }
    const progress = createProgress(process.stderr, { total: files.length, quiet: flags.quiet });
    const fixing = flags.fix || flags.fixDryRun || flags.redline;
    const threaded = !fixing && (flags.threads !== undefined ? flags.threads > 1 : files.length >= PARALLEL_MIN_FILES && availableParallelism() >= 4);
    if (threaded) {
      // Workers lint by path and send back results only (fixes need the parsed document, so they stay here).
      const batch = await lintFiles(files, { threads: flags.threads, overrides, onResult: (result) => progress.tick(displayPath(result.filePath, process.cwd())) });
      results.push(...batch.results);
    } else {
      for (const file of files) {
        let outcome = await lintFile(file, overrides);
        if (fixing && !outcome.result.fatal) outcome = await fixFile(outcome, flags, overrides, extraOutput);
        results.push(outcome.result);
        progress.tick(displayPath(file, process.cwd()));
      }
    }
    progress.done();
  }

  for (const r of results) {
    if (r.fatal) {
      process.stderr.write(`policylint: ${r.filePath}: ${r.fatal}\n`);
      trouble = true;
    }
  }
  const shown = results
    .filter((r) => !r.fatal || flags.format !== 'stylish')
    .map((r) => (flags.quiet ? { ...r, messages: r.messages.filter((m) => m.severity === 2), warningCount: 0 } : r));
  const rulesFor = (file: string) => ruleSetFor(configFor(file, overrides));
  const report = formatter(shown, { color: colorWanted(process.stdout, flags.outputFile ? false : flags.color), cwd: process.cwd(), rulesFor });
  if (flags.outputFile) {
    await mkdir(dirname(resolve(flags.outputFile)), { recursive: true });
    await writeFile(resolve(flags.outputFile), report);
  } else {
    process.stdout.write(report);
  }
  for (const extra of extraOutput) process.stdout.write(extra);

  const errors = results.reduce((n, r) => n + (r.fatal ? 0 : r.errorCount), 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  if (trouble) return EXIT.trouble;
  if (errors > 0) return EXIT.findings;
  if (flags.maxWarnings !== undefined && warnings > flags.maxWarnings) {
    if (flags.format === 'stylish') process.stderr.write(`policylint found too many warnings (maximum: ${flags.maxWarnings}).\n`);
    return EXIT.findings;
  }
  return EXIT.clean;
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

  program
    .command('lint', { isDefault: true })
    .description('lint files, folders and globs (the default command)')
    .argument('[patterns...]', 'files, folders (searched for .md, .markdown, .txt, .docx, .pdf) and glob patterns')
    .addOption(new Option('-f, --format <name>', `output format: ${Object.keys(FORMATTERS).join(', ')}`).default('stylish'))
    .option('-o, --output-file <file>', 'write the report to a file instead of standard output')
    .option('--fix', 'apply the first suggestion of each term finding (Markdown and text in place; Word: writes FILE.policylint.docx with tracked changes)')
    .option('--fix-dry-run', 'show what --fix would change, as a unified diff, without writing')
    .option('--redline <out.docx>', 'write a copy of the one .docx input with tracked changes and comments')
    .option('--in-place', 'with --fix on a .docx, overwrite the original instead of writing FILE.policylint.docx')
    .option('--stdin', 'lint text from standard input')
    .option('--stdin-filename <name>', 'file name to use for standard input (decides the format)')
    .option('--max-warnings <n>', 'exit with status 1 when there are more warnings than this', wholeNumber(0))
    .option('--quiet', 'report errors only')
    .addOption(new Option('--doc-type <type>', 'document type instead of the guess').choices([...DOC_TYPES]))
    .option('--rule-pack <file>', 'add a YAML rule pack (a county pack); repeatable', collect)
    .option('-c, --config <file>', 'use this configuration file')
    .option('--no-config-lookup', 'do not look for .policylintrc files')
    .option('--rule <rule:severity>', 'set a rule\'s severity (off, info, warn, error); repeatable', parseRule)
    .option('--report-unused-disable-directives', 'warn about policylint-disable comments that suppress nothing')
    .option('--color', 'force colours')
    .option('--no-color', 'no colours')
    .option('--threads <n>', `worker threads for many files (default: one per core from ${PARALLEL_MIN_FILES} files on 4+ cores; 1 = none)`, wholeNumber(1, ' (1 = no worker threads)'))
    .option('--print-config <file>', 'print the configuration that applies to a file, as JSON, and lint nothing')
    .action(async (patterns: string[], flags: LintFlags) => {
      if (flags.printConfig === undefined) return setExit(await runLint(patterns, flags));
      process.stdout.write(printConfig(flags.printConfig, overridesFrom(flags)));
      setExit(EXIT.clean);
    });

  program
    .command('explain')
    .description('print why a rule exists, its sources and its model language')
    .argument('<rule>', 'rule id, e.g. provision/hhs-24h-notice or term/csec')
    .option('--rule-pack <file>', 'also load this rule pack; repeatable', collect)
    .action((rule: string, flags: { rulePack?: string[] }) => {
      const set = ruleSetFor(configFor('.', { packs: (flags.rulePack ?? []).map((p) => resolve(p)) }));
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
      process.stdout.write(listRules(ruleSetFor(configFor('.', { packs: (flags.rulePack ?? []).map((p) => resolve(p)) }))));
      setExit(EXIT.clean);
    });

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

  program
    .command('report')
    .description('write an HTML coverage report (documents × provisions) for folders, files or globs')
    .argument('<patterns...>', 'folders, files and glob patterns, as for `policylint lint`')
    .option('-o, --output-file <file>', 'where to write the report', DEFAULT_REPORT_FILE)
    .option('--title <text>', 'heading of the report', DEFAULT_REPORT_TITLE)
    .addOption(new Option('--doc-type <type>', 'document type instead of the guess').choices([...DOC_TYPES]))
    .option('--rule-pack <file>', 'add a YAML rule pack (a county pack); repeatable', collect)
    .option('-c, --config <file>', 'use this configuration file')
    .option('--no-config-lookup', 'do not look for .policylintrc files')
    .option('--quiet', 'no progress bar')
    .action(async (patterns: string[], flags: ReportFlags) => setExit(await runReport(patterns, flags)));

  return program;
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
    if (e instanceof UsageError || e instanceof ConfigError) {
      process.stderr.write(`policylint: ${(e as Error).message}\n`);
      return EXIT.trouble;
    }
    process.stderr.write(`policylint: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT.trouble;
  }
  return code;
}
