// The worker-thread batch linter (src/parallel) must give exactly what linting
// the same files one by one in this thread gives, including fatal results for
// files that cannot be read. Workers run the compiled code, so this test
// imports the pool from dist/ (`npm test` builds first).
import { chmodSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConfigOverrides } from '../dist/config/index.js';
import { Engine } from '../dist/engine.js';
import { lintFiles, MIN_FILES_PER_THREAD, threadCount } from '../dist/parallel/pool.js';
import type { LintResult } from '../dist/types.js';
import { para, wordPackage } from './helpers/docx-build.js';

/** The engine, called as the tests call the core. */
const engine = new Engine();
const lintFile = (filePath: string, overrides?: ConfigOverrides) => engine.lintFile(filePath, { overrides });

const OVERRIDES = { useConfigFiles: false };
let dir: string;
let files: string[];

function write(name: string, content: string | Uint8Array): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

async function inProcess(list: string[]): Promise<LintResult[]> {
  const out: LintResult[] = [];
  for (const f of list) out.push((await lintFile(f, OVERRIDES)).result);
  return out;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'policylint-parallel-'));
  mkdirSync(join(dir, 'a-folder.md'));
  const unreadable = write('unreadable.md', '# Locked\n\nCSEC youth.\n');
  chmodSync(unreadable, 0o000);
  files = [
    write('protocol.md', '# Interagency CSEC Protocol\n\nAn MDT will be convened for each CSEC youth referred by the Hotline.\n\n- Staff shall never call a youth a child prostitute.\n'),
    write('clean.md', '# Interagency Protocol\n\nThe team meets monthly and serves every child affected by trafficking, whether for sex or labor.\n'),
    write('notes.txt', 'Services for CSEC victims include a safety plan.\n'),
    write('policy.docx', wordPackage({ body: para(['Services for CSEC youth include an advocate.']) + para(['Pimps recruit online.']) })),
    write('binary.md', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1])),
    join(dir, 'missing.md'),
    join(dir, 'a-folder.md'),
    unreadable,
    write('table.md', '# Roles\n\n| Role | Serves |\n|---|---|\n| Advocate | CSEC minors |\n'),
  ];
});

describe('lintFiles across worker threads', () => {
  it('returns the same results, in the same order, as linting in this thread', async () => {
    const seen: number[] = [];
    const pooled = await lintFiles(files, { threads: 2, overrides: OVERRIDES, onResult: (_, i) => seen.push(i) });
    expect(pooled.threads).toBe(2);
    expect(pooled.results).toEqual(await inProcess(files));
    expect([...seen].sort((a, b) => a - b)).toEqual(files.map((_, i) => i));
    // The documents were really linted, and the unreadable ones are fatal results, not crashes.
    const byName = (name: string) => pooled.results.find((r) => r.filePath.endsWith(name))!;
    expect(byName('protocol.md').messages.map((m) => m.ruleId)).toEqual(expect.arrayContaining(['term/csec', 'term/child-prostitute']));
    expect(byName('policy.docx').messages.map((m) => m.ruleId)).toEqual(expect.arrayContaining(['term/csec', 'term/pimp']));
    expect(byName('missing.md').fatal).toBe('no such file');
    expect(byName('a-folder.md').fatal).toMatch(/folder/);
    expect(byName('binary.md').fatal).toMatch(/binary/);
    if (process.getuid?.() !== 0) expect(byName('unreadable.md').fatal).toBe('permission denied');
  });

  it('lints in this thread when asked for one thread', async () => {
    const result = await lintFiles(files, { threads: 1, overrides: OVERRIDES });
    expect(result.threads).toBe(0);
    expect(result.results).toEqual(await inProcess(files));
  });

  it('falls back to this thread when no worker can start', async () => {
    const result = await lintFiles(files, { threads: 2, overrides: OVERRIDES, workerUrl: pathToFileURL(join(dir, 'no-such-worker.js')) });
    expect(result.threads).toBe(0);
    expect(result.results).toEqual(await inProcess(files));
  });

  it('lints a file in this thread when a worker runs out of memory', async () => {
    // A 1 MB heap cannot even load the linter: every worker dies of it, and nothing is lost.
    const result = await lintFiles(files, { threads: 2, overrides: OVERRIDES, workerHeapMb: 1 });
    expect(result.threads).toBe(0);
    expect(result.results).toEqual(await inProcess(files));
  });

  it('reports a file whose worker dies as fatal and lints the rest', async () => {
    // The real worker (imported first, so it is listening before any message), plus a
    // listener that stops the thread when handed crash.md.
    const realWorker = new URL('../dist/parallel/worker.js', import.meta.url).href;
    const crashing = write('crashing-worker.mjs', [
      `import ${JSON.stringify(realWorker)};`,
      "import { parentPort } from 'node:worker_threads';",
      "parentPort.on('message', (m) => { if (m.type === 'lint' && m.file.endsWith('crash.md')) process.exit(7); });",
    ].join('\n'));
    const crash = write('crash.md', '# Fine\n\nNothing wrong here.\n');
    const list = [files[0], files[1], crash, files[2], files[8]];
    const result = await lintFiles(list, { threads: 2, overrides: OVERRIDES, workerUrl: pathToFileURL(crashing) });
    expect(result.threads).toBe(2);
    expect(result.results[2].fatal).toMatch(/worker thread stopped: exit code 7/);
    const expected = await inProcess(list);
    for (const i of [0, 1, 3, 4]) expect(result.results[i]).toEqual(expected[i]);
  });
});

describe('threadCount', () => {
  it('keeps small batches in this thread and caps workers by files', () => {
    expect(threadCount(1)).toBe(1);
    expect(threadCount(MIN_FILES_PER_THREAD - 1)).toBe(1);
    expect(threadCount(1000, 1)).toBe(1);
    expect(threadCount(3, 8)).toBe(3);
    expect(threadCount(1000, 4)).toBe(4);
    expect(threadCount(1000)).toBeGreaterThanOrEqual(1);
    expect(threadCount(2 * MIN_FILES_PER_THREAD)).toBeLessThanOrEqual(2);
  });
});
