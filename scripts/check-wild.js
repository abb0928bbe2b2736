#!/usr/bin/env node
// check:wild — reads every real-world Word file in ../shared/corpus/docx-wild
// (public test documents from other projects: odd, broken and hostile files)
// and proves policylint neither crashes nor hangs on any of them. Each file is
// read in a worker thread with a time limit and a memory limit, so a hang or a
// runaway allocation is caught and named instead of taking the run down.
//
// A file counts as "read" when the reader returns a document, as "rejected"
// when it throws ReadError (or returns a result with `fatal` set): a clean,
// one-line refusal. Anything else is a crash. Exit status 1 on any crash or hang.
//
// Run with `npm run check:wild` (builds first). `checkWild()` is exported so
// the check can run another entry point, any module export that takes a path:
//   checkWild({ module: '../dist/readers/index.js', exportName: 'readDocumentFile' })
// The export is called with (filePath, bytes), or (filePath) when withBytes is
// false, and may return a document, a LintResult or a { result } outcome:
// `fatal` set on either counts as a clean rejection.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { cpus } from 'node:os';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..');
export const CORPUS = resolve(repoRoot, '..', 'shared', 'corpus', 'docx-wild');
const WORD_EXTENSIONS = new Set(['.docx', '.docm', '.dotx', '.dotm']);

/** One file, inside a worker: load the entry point, call it, report what happened. */
async function checkOneInWorker() {
  const { file, module, exportName, withBytes } = workerData;
  let report;
  try {
    const entry = (await import(module))[exportName];
    if (typeof entry !== 'function') throw new TypeError(`${module} does not export a function ${exportName}`);
    const result = withBytes ? await entry(file, new Uint8Array(readFileSync(file))) : await entry(file);
    const fatal = result?.fatal ?? result?.result?.fatal;
    if (typeof fatal === 'string') report = { status: 'rejected', message: fatal };
    else report = { status: 'read', blocks: Array.isArray(result?.blocks) ? result.blocks.length : undefined };
  } catch (e) {
    report = e?.name === 'ReadError' ? { status: 'rejected', message: e.message } : { status: 'crash', message: String(e?.stack ?? e) };
  }
  parentPort.postMessage(report);
}

function runOne(file, { module, exportName, withBytes, timeoutMs }) {
  return new Promise((resolvePromise) => {
    const started = performance.now();
    const worker = new Worker(new URL(import.meta.url), {
      workerData: { file, module, exportName, withBytes },
      // A reader that allocates without bound dies here, as a crash, instead of taking the run with it.
      resourceLimits: { maxOldGenerationSizeMb: 2048 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const finish = (report) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.terminate();
      resolvePromise({ file, ms: performance.now() - started, ...report });
    };
    const timer = setTimeout(() => finish({ status: 'hang', message: `no answer after ${timeoutMs / 1000} s` }), timeoutMs);
    worker.on('message', finish);
    worker.on('error', (e) => finish({ status: 'crash', message: String(e?.stack ?? e) }));
    worker.on('exit', (code) => finish({ status: 'crash', message: `worker exited with code ${code} before answering` }));
  });
}

/**
 * Checks every Word file in `dir`. Returns the per-file reports and the counts;
 * prints one line per rejection, crash or hang and a closing summary.
 */
export async function checkWild({
  dir = CORPUS,
  module = pathToFileURL(join(repoRoot, 'dist', 'readers', 'docx.js')).href,
  exportName = 'readDocx',
  withBytes = true,
  timeoutMs = 20_000,
  concurrency = Math.max(1, Math.min(4, cpus().length)),
  log = console.log,
} = {}) {
  if (!existsSync(dir)) {
    log('check:wild: corpus not found, skipped');
    return { skipped: true, files: 0, read: 0, rejected: 0, crashes: 0, hangs: 0, reports: [] };
  }
  const moduleUrl = module.startsWith('file:') ? module : pathToFileURL(resolve(here, module)).href;
  const files = readdirSync(dir)
    .filter((f) => WORD_EXTENSIONS.has(extname(f).toLowerCase()))
    .sort()
    .map((f) => join(dir, f));
  const reports = [];
  let next = 0;
  const lane = async () => {
    while (next < files.length) {
      const file = files[next++];
      reports.push(await runOne(file, { module: moduleUrl, exportName, withBytes, timeoutMs }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, lane));
  reports.sort((a, b) => a.file.localeCompare(b.file));
  const name = (r) => r.file.slice(dir.length + 1);
  for (const r of reports) {
    if (r.status === 'rejected') log(`  rejected  ${name(r)}: ${r.message.replace(`${r.file}: `, '')}`);
    else if (r.status === 'crash') log(`  CRASH     ${name(r)}: ${r.message.split('\n').slice(0, 6).join('\n            ')}`);
    else if (r.status === 'hang') log(`  HANG      ${name(r)}: ${r.message}`);
  }
  const count = (status) => reports.filter((r) => r.status === status).length;
  const summary = { skipped: false, files: files.length, read: count('read'), rejected: count('rejected'), crashes: count('crash'), hangs: count('hang'), reports };
  const slowest = [...reports].sort((a, b) => b.ms - a.ms)[0];
  log(
    `check:wild: ${summary.files} files, ${summary.read} read, ${summary.rejected} rejected with a clear error, ` +
      `${summary.crashes} crash${summary.crashes === 1 ? '' : 'es'}, ${summary.hangs} hang${summary.hangs === 1 ? '' : 's'}` +
      (slowest ? ` (slowest: ${name(slowest)}, ${(slowest.ms / 1000).toFixed(1)} s)` : ''),
  );
  return summary;
}

if (!isMainThread && workerData?.file) {
  await checkOneInWorker();
} else if (isMainThread && process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const summary = await checkWild();
  process.exitCode = summary.crashes > 0 || summary.hangs > 0 ? 1 : 0;
}
