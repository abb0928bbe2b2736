// `policylint eval ANNOTATIONS`: lints every annotated document exactly as
// `policylint --format json` would from its folder (same configuration discovery,
// same document-type guess), scores the findings against the annotations
// (src/eval/score.ts) and checks the bars a rule pack must keep.
import { dirname, relative, resolve, sep } from 'node:path';
import { readAnnotations, type AnnotatedDocument } from '../eval/annotations.js';
import { formatEvalJson, formatEvalStylish, formatEvalSummary } from '../eval/format.js';
import { scoreDocuments, type EvalReport } from '../eval/score.js';
import { Engine } from '../engine.js';
import { colorWanted, palette } from '../reporters/color.js';
import type { Excusal, LintResult } from '../types.js';

export interface EvalFlags {
  format: 'stylish' | 'json';
  minRecall?: number;
  minPrecision?: number;
  maxForbidden?: number;
  minProvisions?: number;
  color?: boolean;
}

/** The bars a report misses, one line each ("term recall 0.78 is below --min-recall 0.95"). */
export function missedBars(report: EvalReport, flags: EvalFlags): string[] {
  const missed: string[] = [];
  const below = (name: string, value: number, flag: string, bar?: number) => {
    if (bar !== undefined && value < bar) missed.push(`${name} ${value.toFixed(3)} is below ${flag} ${bar}`);
  };
  below('term recall', report.terms.recall, '--min-recall', flags.minRecall);
  below('term precision', report.terms.precision, '--min-precision', flags.minPrecision);
  below('provision agreement', report.provisions.agreement, '--min-provisions', flags.minProvisions);
  if (flags.maxForbidden !== undefined && report.terms.forbiddenHits > flags.maxForbidden) {
    missed.push(`${report.terms.forbiddenHits} forbidden hits is above --max-forbidden ${flags.maxForbidden}`);
  }
  return missed;
}

/** One annotations file read, its documents linted (with what the detectors kept quiet) and scored. */
async function evaluate(annotationsFile: string): Promise<{ docs: AnnotatedDocument[]; results: Map<string, LintResult>; excused: Map<string, Excusal[]>; report: EvalReport }> {
  const docs = readAnnotations(annotationsFile);
  const engine = new Engine();
  const results = new Map<string, LintResult>();
  const excused = new Map<string, Excusal[]>();
  for (const doc of docs) {
    const found: Excusal[] = [];
    results.set(doc.filePath, (await engine.lintFile(doc.filePath, { onExcused: (e) => found.push(e) })).result);
    excused.set(doc.filePath, found);
  }
  const report = scoreDocuments(docs, (doc) => results.get(doc.filePath)!, (doc) => excused.get(doc.filePath)!);
  return { docs, results, excused, report };
}

/**
 * Returns the exit status: 0 when every bar holds, 1 when one is missed, 2 on bad input. With several annotations
 * files, each gets its report and the bars apply to their combination.
 */
export async function runEval(annotationsFiles: string[], flags: EvalFlags): Promise<number> {
  const runs = [];
  for (const file of annotationsFiles) runs.push({ file, ...(await evaluate(file)) });
  // Relative to the folder policylint ran in, even above it, so that editors and terminals can open the place.
  const shown = (file: string) => (path: string) => relative(process.cwd(), resolve(dirname(resolve(file)), path)).split(sep).join('/');
  for (const run of runs) {
    for (const { path, problem } of run.report.unreadable) process.stderr.write(`policylint: ${resolve(dirname(run.file), path)}: ${problem}\n`);
  }
  const c = palette(colorWanted(process.stdout, flags.color));
  let report: EvalReport;
  if (runs.length === 1) {
    const [run] = runs;
    report = run.report;
    process.stdout.write(flags.format === 'json' ? formatEvalJson(report) : formatEvalStylish(report, run.docs.length, c, shown(run.file)));
  } else {
    // Scored again as one set, each document named as it is shown, so that places in the combined report open.
    const runOf = new Map(runs.flatMap((run) => run.docs.map((doc) => [{ ...doc, path: shown(run.file)(doc.path) }, run] as const)));
    report = scoreDocuments([...runOf.keys()], (doc) => runOf.get(doc)!.results.get(doc.filePath)!, (doc) => runOf.get(doc)!.excused.get(doc.filePath)!);
    if (flags.format === 'json') {
      process.stdout.write(JSON.stringify({ files: runs.map((run) => ({ annotations: run.file, ...run.report })), combined: report }, null, 2) + '\n');
    } else {
      for (const run of runs) process.stdout.write(`${c.bold(run.file)}\n${formatEvalStylish(run.report, run.docs.length, c, shown(run.file))}\n`);
      process.stdout.write(`${c.bold(`Combined (${runs.length} annotations files)`)}\n${formatEvalSummary(report, runOf.size, c)}`);
    }
  }

  const missed = missedBars(report, flags);
  for (const line of missed) process.stderr.write(`policylint eval: ${line}\n`);
  if (runs.some((run) => run.report.unreadable.length > 0)) return 2;
  return missed.length > 0 ? 1 : 0;
}
