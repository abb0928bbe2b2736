#!/usr/bin/env node
// Runs the whole vitest suite and ends with one plain line, "N passed, N failed,
// N skipped", which CI reads (vitest's own summary is not a format CI knows).
// Exits with vitest's status. Extra arguments go to vitest (e.g. a file filter).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const results = '.vitest-results.json';
rmSync(results, { force: true });
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const run = spawnSync(process.execPath, [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile=${results}`, ...process.argv.slice(2)], { stdio: 'inherit' });

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(results)) {
  const report = JSON.parse(readFileSync(results, 'utf8'));
  passed = report.numPassedTests;
  // A test file that fails before its tests run (an import or collection error) has no failed test of its own.
  const brokenFiles = (report.testResults ?? []).filter((file) => file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed')).length;
  failed = report.numFailedTests + Math.max(report.numRuntimeErrorTestSuites ?? 0, brokenFiles);
  skipped = report.numPendingTests + report.numTodoTests;
} else {
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = run.status === 0 && failed === 0 ? 0 : 1;
