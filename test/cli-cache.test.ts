// --cache and --cache-location through the built CLI: which files are linted
// again (correctness only; the time saved is measured by `npm run bench`).
//
// A cache hit is made visible by marking the cached result: the test changes a
// cached message's text in the cache file, so a run that reuses the entry
// prints the mark and a run that lints the file again does not.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli, runNode } from './helpers/cli.js';

const MARK = 'FROM THE CACHE';
const DOC = '# Intake Protocol\n\nStaff screen each CSEC youth at intake.\n';

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'policylint-cache-'));
  writeFileSync(join(dir, '.policylintrc.yaml'), 'root: true\n');
  writeFileSync(join(dir, 'a.md'), DOC);
  writeFileSync(join(dir, 'b.md'), DOC.replace('Intake', 'Referral'));
  return dir;
}

/**
 * Marks every cached message, so that reused results can be told from fresh ones. The cache file is a head line,
 * then one line per file: its key, a tab, and its result as JSON (long strings as references, src/cli/cache.ts).
 */
function markCache(file: string): void {
  const [head, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n');
  const marked = lines.map((line) => {
    const tab = line.indexOf('\t');
    const result = JSON.parse(line.slice(tab + 1)) as { messages: { message: string }[] };
    for (const m of result.messages) m.message = MARK;
    return `${line.slice(0, tab)}\t${JSON.stringify(result)}`;
  });
  writeFileSync(file, `${[head, ...marked].join('\n')}\n`);
}

/** Which of the files' results came from the cache, after a marked cache. */
async function reused(dir: string, args: string[] = [], bin?: string): Promise<string[]> {
  const run = bin ? await runNode(bin, ['.', '--cache', '-f', 'json', ...args], { cwd: dir }) : await runCli(['.', '--cache', '-f', 'json', ...args], { cwd: dir });
  expect(run.stderr).toBe('');
  const results = JSON.parse(run.stdout) as { filePath: string; messages: { message: string }[] }[];
  return results.filter((r) => r.messages.some((m) => m.message === MARK)).map((r) => r.filePath.slice(dir.length + 1));
}

describe('--cache', () => {
  it('reuses the results of unchanged files and lints a changed one again', async () => {
    const dir = folder();
    expect(await reused(dir)).toEqual([]);
    const cacheFile = join(dir, '.policylintcache');
    expect(existsSync(cacheFile)).toBe(true);
    markCache(cacheFile);
    expect(await reused(dir)).toEqual(['a.md', 'b.md']);
    writeFileSync(join(dir, 'a.md'), DOC.replace('at intake', 'on arrival'));
    expect(await reused(dir)).toEqual(['b.md']);
  });

  it('gives the same report from the cache as from a fresh lint', async () => {
    const dir = folder();
    const fresh = await runCli(['.', '--cache', '-f', 'json'], { cwd: dir });
    const cached = await runCli(['.', '--cache', '-f', 'json'], { cwd: dir });
    expect(cached.stdout).toBe(fresh.stdout);
    const stylish = await runCli(['.', '--cache'], { cwd: dir });
    expect(stylish.stdout).toBe((await runCli(['.'], { cwd: dir })).stdout);
  });

  it('lints every file again when the config changes what applies, and only the affected ones for a nearer config', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'c.md'), DOC);
    await reused(dir);
    markCache(join(dir, '.policylintcache'));
    // A comment changes the file but not the settings: still reused.
    writeFileSync(join(dir, '.policylintrc.yaml'), 'root: true\n# reviewed\n');
    expect(await reused(dir)).toEqual(['a.md', 'b.md', 'sub/c.md']);
    writeFileSync(join(dir, 'sub', '.policylintrc.yaml'), 'rules:\n  term/csec: error\n');
    expect(await reused(dir)).toEqual(['a.md', 'b.md']);
    markCache(join(dir, '.policylintcache'));
    writeFileSync(join(dir, '.policylintrc.yaml'), 'root: true\ndocType: mou\n');
    expect(await reused(dir)).toEqual([]);
  });

  it('lints again when a rule pack it uses changes, or when the command line sets other rules', async () => {
    const dir = folder();
    const pack = 'pack: county\nnamesOfRecord:\n  - name: Intake Protocol\n    why: The protocol the county board adopted.\n';
    writeFileSync(join(dir, 'county.yaml'), pack);
    writeFileSync(join(dir, '.policylintrc.yaml'), 'root: true\nrulePacks: [county.yaml]\n');
    await reused(dir);
    markCache(join(dir, '.policylintcache'));
    expect(await reused(dir)).toEqual(['a.md', 'b.md']);
    writeFileSync(join(dir, 'county.yaml'), `${pack}  - name: Referral Protocol\n    why: The county's referral protocol.\n`);
    expect(await reused(dir)).toEqual([]);
    markCache(join(dir, '.policylintcache'));
    expect(await reused(dir, ['--rule', 'term/csec:error'])).toEqual([]);
  });

  it('lints again under another version of policylint', async () => {
    const dir = folder();
    await reused(dir);
    markCache(join(dir, '.policylintcache'));
    // A copy of the built CLI that says it is another version (the bundle reads the version from package.json).
    const other = mkdtempSync(join(tmpdir(), 'policylint-version-'));
    for (const part of ['bin', 'dist', 'rules', 'schema']) cpSync(join(REPO, part), join(other, part), { recursive: true });
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    writeFileSync(join(other, 'package.json'), JSON.stringify({ ...pkg, version: `${pkg.version}-next` }));
    expect(await reused(dir, [], join(other, 'bin', 'policylint.js'))).toEqual([]);
  });

  it('--cache-location takes a file or a folder; a broken cache file is started afresh', async () => {
    const dir = folder();
    await runCli(['.', '--cache', '--cache-location', 'tmp/lint-cache.json'], { cwd: dir });
    expect(existsSync(join(dir, 'tmp', 'lint-cache.json'))).toBe(true);
    mkdirSync(join(dir, 'caches'));
    await runCli(['.', '--cache', '--cache-location', 'caches'], { cwd: dir });
    expect(existsSync(join(dir, 'caches', '.policylintcache'))).toBe(true);
    writeFileSync(join(dir, 'caches', '.policylintcache'), '{not json');
    expect(await reused(dir, ['--cache-location', 'caches/'])).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, 'caches', '.policylintcache'), 'utf8').split('\n')[0])).toMatchObject({ format: 3 });
  });

  it('never reuses a result for --fix, and a fixed file is linted again afterwards', async () => {
    const dir = folder();
    await reused(dir);
    markCache(join(dir, '.policylintcache'));
    const fix = await runCli(['a.md', '--cache', '--fix'], { cwd: dir });
    expect(fix.stdout).not.toContain(MARK);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).not.toBe(DOC);
    expect(await reused(dir)).toEqual(['b.md']);
  });
});
