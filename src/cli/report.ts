// `policylint report DIR… -o report.html`: lints folders with the same
// machinery as `policylint DIR` (file expansion, per-file config, lintFile)
// and writes the steering committee's coverage report as one HTML file.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { ConfigOverrides } from '../config/index.js';
import { Engine, type FileOutcome } from '../engine.js';
import { describeRule, termKindIn } from '../rules/descriptor.js';
import { renderReport } from '../report/html.js';
import { buildReport, type ReportInput } from '../report/model.js';
import { displayPath } from '../report/paths.js';
import { plural, reportTime } from '../report/words.js';
import { oneLine } from '../report/wrap.js';
import type { DocType } from '../types.js';
import { expandArguments } from './files.js';
import { createIgnoreCheck } from './ignore.js';
import { createProgress } from './progress.js';
import { VERSION } from '../report/package.js';


export const DEFAULT_REPORT_FILE = 'policylint-report.html';
export const DEFAULT_REPORT_TITLE = 'Child trafficking policy coverage';

export interface ReportFlags {
  outputFile?: string;
  title?: string;
  quiet?: boolean;
  docType?: DocType;
  rulePack?: string[];
  config?: string;
  configLookup: boolean;
}

export function reportOverrides(flags: ReportFlags): ConfigOverrides {
  return {
    configFile: flags.config ? resolve(flags.config) : undefined,
    useConfigFiles: flags.configLookup,
    docType: flags.docType,
    packs: (flags.rulePack ?? []).map((p) => resolve(p)),
  };
}

/** When the report was made: SOURCE_DATE_EPOCH (reproducible builds) if set, else now. */
export function generatedAt(env: NodeJS.ProcessEnv = process.env): string {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  const date = env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? new Date(epoch * 1000) : new Date();
  return reportTime(date);
}

function inputFor(engine: Engine, outcome: FileOutcome, cwd: string): ReportInput {
  const set = outcome.config ? engine.ruleSetFor(outcome.config) : undefined;
  return {
    result: outcome.result,
    path: displayPath(outcome.result.filePath, cwd),
    termKind: termKindIn(set),
    explanation: (ruleId) => (set ? oneLine(describeRule(set.rules, ruleId).why) || undefined : undefined),
    text: outcome.doc?.blocks.map((b) => b.text).join('\n'),
  };
}

/** Returns the exit status: 0 written, 2 when a file or pattern could not be read (the report is still written). */
export async function runReport(patterns: string[], flags: ReportFlags): Promise<number> {
  const cwd = process.cwd();
  const overrides = reportOverrides(flags);
  // A broken config or pack stops the run before any work, as for `policylint lint`.
  const engine = new Engine();
  engine.rulesFor(resolve(patterns[0]), overrides);

  let trouble = false;
  // .policylintignore and ignorePatterns apply as for `policylint lint`.
  const isIgnored = createIgnoreCheck({ enabled: true, patterns: [], cwd, overrides, engine });
  const { files, problems } = await expandArguments(patterns, cwd, { isIgnored });
  for (const p of problems) {
    process.stderr.write(`policylint: ${p.arg}: ${p.problem}\n`);
    trouble = true;
  }
  const progress = createProgress(process.stderr, { total: files.length, quiet: flags.quiet });
  const outcomes: FileOutcome[] = [];
  for (const file of files) {
    outcomes.push(await engine.lintFile(file, { overrides }));
    progress.tick(displayPath(file, cwd));
  }
  progress.done();
  for (const { result } of outcomes) {
    for (const warning of result.warnings ?? []) process.stderr.write(`policylint: ${result.filePath}: ${warning}\n`);
    if (result.fatal) {
      process.stderr.write(`policylint: ${result.filePath}: ${result.fatal}\n`);
      trouble = true;
    }
  }

  const data = buildReport(outcomes.map((o) => inputFor(engine, o, cwd)), { title: flags.title ?? DEFAULT_REPORT_TITLE, generated: generatedAt(), version: VERSION });
  const target = resolve(flags.outputFile ?? DEFAULT_REPORT_FILE);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, renderReport(data));
  if (process.stderr.isTTY && !flags.quiet) process.stderr.write(`policylint: wrote ${displayPath(target, cwd)} (${plural(files.length, 'document')})\n`);
  return trouble ? 2 : 0;
}
