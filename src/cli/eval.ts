// `policylint eval ANNOTATIONS`: lints every annotated document exactly as
// `policylint --format json` would from its folder (same configuration discovery,
// same document-type guess), scores the findings against the annotations
// (src/eval/score.ts) and checks the bars a rule pack must keep.
import { dirname, relative, resolve, sep } from 'node:path';
import { readAnnotations } from '../eval/annotations.js';
import { formatEvalJson, formatEvalStylish } from '../eval/format.js';
import { scoreDocuments, type EvalReport } from '../eval/score.js';
import { lintFile } from '../lint-file.js';
import { colorWanted, palette } from '../reporters/color.js';
import type { LintResult } from '../types.js';

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

/** Returns the exit status: 0 when every bar holds, 1 when one is missed, 2 on bad input. */
export async function runEval(annotationsFile: string, flags: EvalFlags): Promise<number> {
  const docs = readAnnotations(annotationsFile);
  const results = new Map<string, LintResult>();
  for (const doc of docs) results.set(doc.filePath, (await lintFile(doc.filePath)).result);
  const report = scoreDocuments(docs, (doc) => results.get(doc.filePath)!);

  for (const { path, problem } of report.unreadable) process.stderr.write(`policylint: ${resolve(dirname(annotationsFile), path)}: ${problem}\n`);
  const folder = dirname(resolve(annotationsFile));
  // Relative to the folder policylint ran in, even above it, so that editors and terminals can open the place.
  const where = (path: string) => relative(process.cwd(), resolve(folder, path)).split(sep).join('/');
  process.stdout.write(flags.format === 'json' ? formatEvalJson(report) : formatEvalStylish(report, docs.length, palette(colorWanted(process.stdout, flags.color)), where));

  const missed = missedBars(report, flags);
  for (const line of missed) process.stderr.write(`policylint eval: ${line}\n`);
  if (report.unreadable.length > 0) return 2;
  return missed.length > 0 ? 1 : 0;
}
