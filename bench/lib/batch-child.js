#!/usr/bin/env node
// The batch benchmark's child process: lints the files listed in LIST with the
// worker pool from dist/parallel (THREADS workers; 1 = in this thread) and
// writes a summary to SUMMARY. Its parent measures wall time and the peak RSS
// of this whole process, which includes every worker thread.
//   node bench/lib/batch-child.js LIST SUMMARY THREADS
import { readFileSync, writeFileSync } from 'node:fs';
import { lintFiles } from '../../dist/parallel/pool.js';

const [list, summaryFile, threads] = process.argv.slice(2);
const files = readFileSync(list, 'utf8').split('\n').filter(Boolean);
const { results, threads: threadsUsed } = await lintFiles(files, { threads: Number(threads), overrides: { useConfigFiles: false } });
const fatal = results.filter((r) => r.fatal).map((r) => `${r.filePath}: ${r.fatal}`);
writeFileSync(summaryFile, JSON.stringify({
  files: results.length,
  threadsUsed,
  findings: results.reduce((n, r) => n + r.messages.length, 0),
  fatal,
}));
if (fatal.length > 0) {
  process.stderr.write(`${fatal.length} files could not be linted:\n${fatal.slice(0, 5).join('\n')}\n`);
  process.exitCode = 3;
}
