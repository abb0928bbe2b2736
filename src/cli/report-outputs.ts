// Several reports from one run, as ESLint pairs each formatter with its own
// output: the n-th `--format` goes to the n-th `--output-file`; a format
// without one (or with `-`) goes to standard output, which only one format may
// use. So a CI job lints once and writes annotations to the log, a Markdown job
// summary and a SARIF file from the same results.
import { plural } from '../report/words.js';

export interface OutputSpec {
  format: string;
  /** Undefined: standard output. */
  file?: string;
}

/** Pairs formats with output files, or says in one line why they cannot be paired. */
export function pairOutputs(formats: string[] | undefined, files: string[] | undefined): OutputSpec[] | { problem: string } {
  const fmts = formats?.length ? formats : ['stylish'];
  const outs = files ?? [];
  if (outs.length > fmts.length) {
    return { problem: `${outs.length} output files for ${plural(fmts.length, 'format')}: give each --output-file its own --format (the first --format goes to the first --output-file, and so on)` };
  }
  const specs = fmts.map((format, i) => ({ format, file: outs[i] === '-' ? undefined : outs[i] }));
  const toStdout = specs.filter((s) => s.file === undefined);
  if (toStdout.length > 1) {
    return { problem: `${toStdout.map((s) => s.format).join(' and ')} would both go to standard output; give all but one an --output-file` };
  }
  const seen = new Set<string>();
  for (const s of specs) {
    if (s.file === undefined) continue;
    if (seen.has(s.file)) return { problem: `${s.file} is given as the output file of two formats` };
    seen.add(s.file);
  }
  return specs;
}
