// Which files the command line lints: .policylintignore, ignorePatterns,
// --ignore-pattern, --no-ignore, the default skips (node_modules, .git) and
// --ext, each through the built CLI as a user runs it.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const DOC = '# Intake Protocol\n\nStaff screen each CSEC youth at intake.\n';

/** A folder tree from paths to contents, with a root config so nothing above it applies. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'policylint-ignore-'));
  writeFileSync(join(dir, '.policylintrc.yaml'), 'root: true\n');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** The files a JSON run reported, relative to `dir`, sorted. */
async function linted(dir: string, args: string[]): Promise<{ files: string[]; stderr: string; code: number }> {
  const run = await runCli([...args, '-f', 'json'], { cwd: dir });
  const results = run.stdout ? (JSON.parse(run.stdout) as { filePath: string }[]) : [];
  return { files: results.map((r) => r.filePath.slice(dir.length + 1)).sort(), stderr: run.stderr, code: run.code };
}

describe('ignoring files', () => {
  it('skips node_modules and .git by default', async () => {
    const dir = tree({ 'a.md': DOC, 'node_modules/pkg/readme.md': DOC, '.git/notes.md': DOC });
    expect((await linted(dir, ['.'])).files).toEqual(['a.md']);
  });

  it('reads .policylintignore (gitignore syntax) in the folder and the folders above a file, each relative to its own folder', async () => {
    const dir = tree({
      '.policylintignore': '# archived copies\narchive/\n*.draft.md\n!keep.draft.md\n',
      'County Policies/.policylintignore': 'scratch*.md\n',
      'County Policies/intake.md': DOC,
      'County Policies/scratch notes.md': DOC,
      'County Policies/old.draft.md': DOC,
      'County Policies/keep.draft.md': DOC,
      'archive/2019.md': DOC,
      'scratch.md': DOC,
    });
    const run = await linted(dir, ['.']);
    expect(run.files).toEqual(['County Policies/intake.md', 'County Policies/keep.draft.md', 'scratch.md']);
    expect(run.stderr).toBe('');
  });

  it('honours ignorePatterns in a config file, relative to its folder, and --ignore-pattern, relative to the current folder', async () => {
    const dir = tree({ 'policies/.policylintrc.yaml': 'ignorePatterns:\n  - superseded/\n', 'policies/a.md': DOC, 'policies/superseded/b.md': DOC, 'policies/c.md': DOC, 'd.md': DOC });
    expect((await linted(dir, ['.'])).files).toEqual(['d.md', 'policies/a.md', 'policies/c.md']);
    expect((await linted(dir, ['.', '--ignore-pattern', 'policies/c.md', '--ignore-pattern', 'd.*'])).files).toEqual(['policies/a.md']);
    expect((await linted(dir, ['.', '--ignore-pattern', 'policies/c.md', '--no-ignore'])).files).toEqual(['d.md', 'policies/a.md', 'policies/c.md', 'policies/superseded/b.md']);
  });

  it('lints a file named on the command line even when ignored, with a warning naming what ignores it', async () => {
    const dir = tree({ '.policylintignore': 'drafts/\n', 'drafts/x.md': DOC });
    const run = await linted(dir, ['drafts/x.md']);
    expect(run.files).toEqual(['drafts/x.md']);
    expect(run.stderr).toBe('policylint: drafts/x.md: linted because it was named, though .policylintignore ignores it\n');
  });

  it('a folder or glob whose every file is ignored is a mistake: one line, exit status 2', async () => {
    const dir = tree({ '.policylintignore': 'drafts/\n', 'drafts/x.md': DOC, 'a.md': DOC });
    const run = await linted(dir, ['drafts', 'a.md']);
    expect(run.files).toEqual(['a.md']);
    expect(run.stderr).toBe('policylint: drafts: every file here is ignored (by .policylintignore); use --no-ignore to lint them\n');
    expect(run.code).toBe(2);
  });

  it('policylint report leaves out the same files', async () => {
    const dir = tree({ '.policylintignore': 'drafts/\n', 'drafts/unfinished-draft.md': DOC, 'final-protocol.md': DOC });
    const run = await runCli(['report', '.', '-o', 'coverage.html', '--quiet'], { cwd: dir });
    expect(run.code).toBe(0);
    const html = readFileSync(join(dir, 'coverage.html'), 'utf8');
    expect(html).toContain('final-protocol.md');
    expect(html).not.toContain('unfinished-draft.md');
  });

  it('a wrong ignorePatterns value names the config file, line and key', async () => {
    const dir = tree({ 'p/.policylintrc.yaml': 'ignorePatterns:\n  - 3\n', 'p/a.md': DOC });
    const run = await runCli(['p'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^policylint: .*p\/\.policylintrc\.yaml:2: ignorePatterns\.0: must be string\n$/);
  });
});

describe('--ext', () => {
  it('chooses the extensions looked for in folders; files named outright are linted whatever their extension', async () => {
    const dir = tree({ 'a.md': DOC, 'b.txt': DOC, 'c.markdown': DOC, 'notes.policy': DOC });
    expect((await linted(dir, ['.', '--ext', '.txt,markdown'])).files).toEqual(['b.txt', 'c.markdown']);
    expect((await linted(dir, ['.', '--ext', '.policy'])).files).toEqual(['notes.policy']);
    expect((await linted(dir, ['.'])).files).toEqual(['a.md', 'b.txt', 'c.markdown']);
    const bad = await runCli(['.', '--ext', '*.md'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--ext.*expected extensions such as \.md,\.txt/);
  });
});

describe('--quiet', () => {
  it('reports errors only', async () => {
    const dir = tree({ 'a.md': DOC });
    const all = JSON.parse((await runCli(['a.md', '-f', 'json', '--rule', 'term/csec:error'], { cwd: dir })).stdout) as { messages: { severity: number }[] }[];
    const quiet = JSON.parse((await runCli(['a.md', '-f', 'json', '--rule', 'term/csec:error', '--quiet'], { cwd: dir })).stdout) as { messages: { severity: number }[] }[];
    expect(all[0].messages.some((m) => m.severity === 1)).toBe(true);
    expect(quiet[0].messages.length).toBeGreaterThan(0);
    expect(quiet[0].messages.every((m) => m.severity === 2)).toBe(true);
  });
});
