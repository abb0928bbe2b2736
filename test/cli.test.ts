// The CLI as a user runs it: built bin/policylint.js as a child process.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, runCli } from './helpers/cli.js';
import { para, wordPackage } from './helpers/docx-build.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'policylint-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string | Uint8Array): string {
  const file = join(dir, name);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  return file;
}

const NARROW = '# Interagency Protocol\n\nAn MDT will be convened for each CSEC youth.\n';
const CLEAN = '# Interagency Protocol\n\nThe team meets monthly.\n';

interface JsonResult {
  filePath: string;
  messages: { ruleId: string | null; severity: number; message: string; found?: string; line: number; column: number; endLine?: number; endColumn?: number; suggestions?: { desc: string; text: string }[]; fatal?: boolean }[];
  errorCount: number;
  warningCount: number;
  docType?: string;
  provisions: { id: string; status: string; line: number; message: string }[];
}

async function lintJson(args: string[], input?: string): Promise<{ code: number; results: JsonResult[]; stderr: string }> {
  const run = await runCli(['--format', 'json', ...args], { cwd: dir, input });
  return { code: run.code, results: JSON.parse(run.stdout) as JsonResult[], stderr: run.stderr };
}

describe('policylint CLI', () => {
  it('reports findings in ESLint JSON shape with 1-based, end-exclusive ranges', async () => {
    const file = write('p.md', NARROW);
    const { results } = await lintJson([file]);
    const term = results[0].messages.find((m) => m.ruleId?.startsWith('term/'))!;
    expect(term).toMatchObject({ severity: 1, line: 3, column: 34, endLine: 3, endColumn: 44 });
    expect(NARROW.split('\n')[2].slice(term.column - 1, term.endColumn! - 1)).toBe('CSEC youth');
    expect(term.suggestions![0].text.length).toBeGreaterThan(0);
    // The words the finding is about, as an extra ESLint-compatible field; only term findings have it.
    expect(term.found).toBe('CSEC youth');
    expect(results[0].messages.filter((m) => m.ruleId?.startsWith('provision/')).every((m) => !('found' in m))).toBe(true);
    expect(results[0]).toHaveProperty('errorCount');
    expect(results[0]).toHaveProperty('warningCount');
    expect(results[0].provisions.length).toBeGreaterThan(0);
  });

  it('exits 2 for unreadable files, names each in one line (and a guessed encoding), and still lints the rest', async () => {
    const good = write('good.md', NARROW);
    const binary = write('image.md', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
    const latin1 = write('latin1.txt', new Uint8Array([0x43, 0x53, 0x45, 0x43, 0x20, 0xe9, 0x74, 0xe9]));
    const run = await runCli(['--format', 'json', join(dir, 'missing.md'), binary, latin1, good], { cwd: dir });
    expect(run.code).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/missing\.md: no such file$/);
    expect(lines[1]).toMatch(/image\.md: is a binary file/);
    expect(lines[2]).toMatch(/latin1\.txt: is not UTF-8; read as Windows-1252/);
    const results = JSON.parse(run.stdout) as JsonResult[];
    expect(results.find((r) => r.filePath === good)!.messages.some((m) => m.ruleId?.startsWith('term/'))).toBe(true);
    expect(results.find((r) => r.filePath.endsWith('missing.md'))!.messages[0]).toMatchObject({ fatal: true, severity: 2 });
  });

  it('searches folders recursively for policy files, skipping node_modules and dot-folders', async () => {
    write('a/one.md', NARROW);
    write('a/b/two.markdown', NARROW);
    write('a/b/three.txt', CLEAN);
    write('a/node_modules/x.md', NARROW);
    write('a/.git/y.md', NARROW);
    write('a/notes.json', '{}');
    const { results } = await lintJson(['a']);
    expect(results.map((r) => r.filePath.slice(dir.length + 1)).sort()).toEqual(['a/b/three.txt', 'a/b/two.markdown', 'a/one.md']);
  });

  it('expands globs and reports a pattern that matches nothing', async () => {
    write('docs/one.md', NARROW);
    write('docs/two.md', CLEAN);
    const run = await runCli(['--format', 'json', 'docs/*.md', 'nothing/**/*.md'], { cwd: dir });
    expect((JSON.parse(run.stdout) as JsonResult[]).map((r) => r.filePath.slice(dir.length + 1)).sort()).toEqual(['docs/one.md', 'docs/two.md']);
    expect(run.stderr).toMatch(/nothing\/\*\*\/\*\.md: no files match this pattern/);
    expect(run.code).toBe(2);
  });

  it('lints standard input under the given file name', async () => {
    const { results, code } = await lintJson(['--stdin', '--stdin-filename', 'protocol.md'], NARROW);
    expect(code).toBe(0);
    expect(results[0].filePath).toBe('protocol.md');
    expect(results[0].messages.some((m) => m.ruleId?.startsWith('term/') && m.line === 3)).toBe(true);
  });

  it('exits 1 on errors, and on warnings only past --max-warnings', async () => {
    const warnOnly = write('w.md', NARROW);
    const withError = write('e.md', '# Policy\n\nNo child prostitute will be arrested.\n');
    expect((await runCli([warnOnly], { cwd: dir })).code).toBe(0);
    expect((await runCli(['--max-warnings', '0', warnOnly], { cwd: dir })).code).toBe(1);
    expect((await runCli(['--max-warnings', '1000', warnOnly], { cwd: dir })).code).toBe(0);
    expect((await runCli([withError], { cwd: dir })).code).toBe(1);
  });

  it('--quiet reports errors only', async () => {
    const file = write('q.md', '# Policy\n\nNo child prostitute will be arrested. Serve each CSEC youth.\n');
    const { results } = await lintJson(['--quiet', file]);
    expect(results[0].messages.length).toBeGreaterThan(0);
    expect(results[0].messages.every((m) => m.severity === 2)).toBe(true);
  });

  it('prints stylish output grouped by file with a summary and a coverage table', async () => {
    const file = write('s.md', NARROW);
    const run = await runCli([file], { cwd: dir });
    expect(run.stdout).toMatch(/s\.md\n/);
    expect(run.stdout).toMatch(/\n {2}3:34 +warning +"CSEC youth".*term\//);
    expect(run.stdout).toMatch(/Provisions \(protocol, guessed/);
    expect(run.stdout).toMatch(/mdt-labor +partial +line 3/);
    expect(run.stdout).toMatch(/✖ \d+ problems? \(0 errors, \d+ warnings?\)/);
    expect(run.stdout).not.toMatch(/\u001b\[/);
  });

  it('--threads lints through worker threads with the same results as in-process', async () => {
    write('t/one.md', NARROW);
    write('t/two.txt', CLEAN);
    write('t/three.md', '# Policy\n\nNo child prostitute will be arrested.\n');
    const threaded = await lintJson(['--threads', '2', 't']);
    const inProcess = await lintJson(['--threads', '1', 't']);
    expect(threaded.results).toEqual(inProcess.results);
    expect(threaded.code).toBe(inProcess.code);
  });

  it('ends quietly when the reader closes the pipe early (policylint … | head)', async () => {
    const file = write('long.md', '# Protocol\n\n' + 'Each CSEC youth is served.\n\n'.repeat(3000));
    const child = spawn(process.execPath, [BIN, file], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).toBe('');
    expect([0, 1]).toContain(code);
  });

  it('lists the output formats in the help of lint, which --help points to', async () => {
    expect((await runCli(['--help'], { cwd: dir })).stdout).toContain('policylint lint --help');
    const help = await runCli(['lint', '--help'], { cwd: dir });
    expect(help.stdout.replace(/\s+/g, ' ')).toMatch(/output format: stylish, json, json-with-metadata, sarif, github, junit, markdown/);
  });

  it('gives usage errors exit status 2', async () => {
    const both = await runCli(['--fix', '--fix-dry-run', 'x.md'], { cwd: dir });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^policylint: --fix and --fix-dry-run cannot be used together/);
    expect((await runCli(['--format', 'nope', 'x.md'], { cwd: dir })).code).toBe(2);
    expect((await runCli(['--max-warnings', 'many', 'x.md'], { cwd: dir })).code).toBe(2);
    expect((await runCli([], { cwd: dir })).code).toBe(2);
  });
});

describe('--fix', () => {
  const DOC = [
    '# CSEC Protocol',
    '',
    'The CSEC Program funds an MDT for each CSEC youth. See `CSEC youth` and [CSEC youth](https://example.org/CSEC-youth).',
    '',
    'A CSEC youth may not be called a child prostitute.',
    '',
  ].join('\n');

  it('applies replacements, leaves names of record, code and link targets, and a second --fix changes no byte', async () => {
    const file = write('fix.md', DOC);
    const first = await runCli(['--fix', file], { cwd: dir });
    expect(first.code).not.toBe(2);
    const fixed = readFileSync(file, 'utf8');
    expect(fixed).not.toBe(DOC);
    expect(fixed).toContain('The CSEC Program funds');
    expect(fixed).toContain('`CSEC youth`');
    expect(fixed).toContain('(https://example.org/CSEC-youth)');
    // The label the sentence rejects is left as written (docs/fixes.md); the youth it speaks of is renamed.
    expect(fixed).toContain('A youth affected by child trafficking may not be called a child prostitute.');
    expect(readdirSync(dir).filter((f) => f.includes('policylint-tmp'))).toEqual([]);

    const { results } = await lintJson([file]);
    expect(results[0].messages.filter((m) => m.ruleId?.startsWith('term/')).map((m) => [m.ruleId, m.fix])).toEqual([['term/child-prostitute', undefined]]);

    await runCli(['--fix', file], { cwd: dir });
    expect(readFileSync(file, 'utf8')).toBe(fixed);
  });

  it('--fix-dry-run prints a unified diff and writes nothing', async () => {
    const file = write('dry.md', DOC);
    const run = await runCli(['--fix-dry-run', file], { cwd: dir });
    expect(run.stdout).toMatch(/^-A CSEC youth may not be called a child prostitute\.$/m);
    expect(run.stdout).toMatch(/^\+.*$/m);
    expect(readFileSync(file, 'utf8')).toBe(DOC);
  });

  it('--fix-dry-run with a machine format on standard output is a usage error; with -o the report goes to the file and the diff to stdout', async () => {
    const file = write('dry.md', DOC);
    for (const format of ['json', 'sarif', 'junit', 'github', 'markdown']) {
      const run = await runCli(['--fix-dry-run', '-f', format, file], { cwd: dir });
      expect(run.code, format).toBe(2);
      expect(run.stdout, format).toBe('');
      expect(run.stderr.trim().split('\n'), format).toEqual([
        `policylint: --fix-dry-run prints a diff on standard output, which would break the ${format} report there; write the report to a file with -o FILE, or use --format stylish`,
      ]);
    }
    const stdin = await runCli(['--stdin', '--stdin-filename', 'x.md', '--fix-dry-run', '-f', 'json'], { cwd: dir, input: DOC });
    expect(stdin.code).toBe(2);
    const report = join(dir, 'report.json');
    const run = await runCli(['--fix-dry-run', '-f', 'json', '-o', report, file], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^-A CSEC youth may not be called a child prostitute\.$/m);
    expect((JSON.parse(readFileSync(report, 'utf8')) as JsonResult[])[0].filePath).toBe(file);
    expect(readFileSync(file, 'utf8')).toBe(DOC);
  });

  it('a plain-text directive is not linted or fixed: disable-next-line on its own line and disable-line at the end of a line', async () => {
    const text = [
      'CHILD TRAFFICKING RESPONSE POLICY',
      '',
      '<!-- policylint-disable-next-line term/pimp -->',
      'A quotation of a youth\'s own words that uses "pimp".',
      '',
      'Each CSEC youth is served. <!-- policylint-disable-line term/csec -->',
      '',
    ].join('\n');
    const file = write('directives.txt', text);
    const { results } = await lintJson(['--no-config-lookup', file]);
    expect(results[0].messages.filter((m) => m.ruleId?.startsWith('term/'))).toEqual([]);
    const dry = await runCli(['--no-config-lookup', '--fix-dry-run', file], { cwd: dir });
    expect(dry.stdout).not.toContain('@@');
    await runCli(['--no-config-lookup', '--fix', file], { cwd: dir });
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});

describe('a linked title is a name of record, in Markdown and in Word', () => {
  it('does not report a term inside a link that reads as a title, and still reports one in a link that is part of the sentence', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policylint-links-'));
    const md = join(dir, 'links.md');
    writeFileSync(md, '# Harbor County Protocol\n\nParents can read [Sex Trafficking Warning Signs for Families](https://example.org/s).\n\nStaff [learn about sex trafficking here](https://example.org/m).\n');
    const docx = join(dir, 'links.docx');
    writeFileSync(docx, wordPackage({ body: para(['Harbor County Protocol']) + '<w:p><w:r><w:t xml:space="preserve">Parents can read </w:t></w:r><w:hyperlink r:id="rId9"><w:r><w:t>Sex Trafficking Warning Signs for Families</w:t></w:r></w:hyperlink><w:r><w:t>.</w:t></w:r></w:p>' }));
    const run = await runCli(['--no-config-lookup', '--format', 'json', md, docx]);
    const [mdResult, docxResult] = JSON.parse(run.stdout) as { messages: { ruleId: string; line: number }[] }[];
    expect(mdResult.messages.filter((m) => m.ruleId.startsWith('term/')).map((m) => m.line)).toEqual([5]);
    expect(docxResult.messages.filter((m) => m.ruleId.startsWith('term/'))).toEqual([]);
  });
});
