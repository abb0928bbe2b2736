// Ordinary mistakes end in one line naming the cause and the right exit status,
// and nothing is skipped in silence: unreadable folders, links to nothing, a
// config lookup that cannot look, a busy port, a redline into a missing folder
// or over its own input, a Word package with a damaged part, an empty file.
// And the places findings point at are named in the words of their format.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, REPO, runCli, runCommand, type CliRun } from './helpers/cli.js';
import { entryText, para, withBadChecksum, wordPackage } from './helpers/docx-build.js';
import { startServe, threeFindingDocx } from './helpers/serve.js';

const STACK = /^\s+at .+/m;
const NARROW = '# Interagency Protocol\n\nAn MDT will be convened for each CSEC youth.\n';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'policylint-errors-'));
  // Readable by the unprivileged user some tests run as.
  chmodSync(dir, 0o755);
});
afterEach(() => {
  spawnSync('chmod', ['-R', 'u+rwX', dir]);
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: string | Uint8Array): string {
  const file = join(dir, name);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, content);
  return file;
}

/** One line per problem, no stack trace, an exit status policylint documents. */
function expectOneLineEach(run: CliRun): void {
  expect(run.stderr).not.toMatch(STACK);
  expect(run.stdout).not.toMatch(STACK);
  expect([0, 1, 2]).toContain(run.code);
}

/**
 * As root, a folder with mode 000 can still be read, so the CLI runs as `nobody` (setpriv) to meet a real EACCES.
 * Undefined when that is impossible here (root without setpriv).
 */
const unprivileged: ((args: string[]) => Promise<CliRun>) | undefined = (() => {
  const run = (command: string, args: string[]) => runCommand(command, args, { cwd: dir });
  if (process.getuid?.() !== 0) return (args: string[]) => run(process.execPath, [BIN, ...args]);
  if (spawnSync('setpriv', ['--version']).status !== 0) return undefined;
  const asNobody = ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath];
  // A checkout inside a folder only root may enter (a fresh clone under `mktemp -d`) is out of nobody's reach: then
  // nobody runs the same built CLI from a copy of its files in a folder anyone may read.
  const bin = spawnSync('setpriv', [...asNobody, BIN, '--version']).status === 0 ? BIN : builtCliCopy();
  return (args: string[]) => run('setpriv', [...asNobody, bin, ...args]);
})();

/** The built CLI's files (launcher, bundle, packs, schema) copied where any user may read them; removed after the tests. */
function builtCliCopy(): string {
  const copy = mkdtempSync(join(tmpdir(), 'policylint-nobody-'));
  chmodSync(copy, 0o755);
  for (const part of ['bin', 'dist', 'rules', 'schema', 'package.json']) cpSync(join(REPO, part), join(copy, part), { recursive: true });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));
  return join(copy, 'bin', 'policylint.js');
}

describe('nothing is skipped in silence', () => {
  it.skipIf(!unprivileged)('a folder that cannot be read is named in one line, exit 2, and the other files are linted', async () => {
    write('ok/a.md', NARROW);
    write('locked/b.md', NARROW);
    chmodSync(join(dir, 'locked'), 0o000);
    const run = await unprivileged!(['--format', 'json', '.']);
    expectOneLineEach(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^policylint: .*locked: folder cannot be read: permission denied$/m);
    expect((JSON.parse(run.stdout) as { filePath: string }[]).map((r) => r.filePath)).toEqual([join(dir, 'ok/a.md')]);
  });

  it.skipIf(!unprivileged)('a config lookup that cannot look in a folder, or read a config file, names that file', async () => {
    write('locked/b.md', NARROW);
    chmodSync(join(dir, 'locked'), 0o000);
    const inLocked = await unprivileged!([join('locked', 'b.md')]);
    expectOneLineEach(inLocked);
    expect(inLocked.code).toBe(2);
    expect(inLocked.stderr).toMatch(/locked\/policylint\.config\.js: policylint looks for its configuration here and cannot: permission denied$/m);

    write('team/c.md', NARROW);
    const config = write('team/.policylintrc.yaml', 'rules: {}\n');
    chmodSync(config, 0o000);
    const unreadable = await unprivileged!([join('team', 'c.md')]);
    expectOneLineEach(unreadable);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toContain(`${config}: cannot be read: permission denied`);
  });

  it('a link to nothing and a file where a folder is expected are named; exit 2', async () => {
    write('docs/a.md', NARROW);
    symlinkSync(join(dir, 'missing.md'), join(dir, 'docs/gone.md'));
    symlinkSync(join(dir, 'missing.png'), join(dir, 'docs/picture.png'));
    const run = await runCli(['docs'], { cwd: dir });
    expectOneLineEach(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/docs\/gone\.md: is a link to a file that does not exist$/m);
    // A link to something policylint would not read anyway is no problem.
    expect(run.stderr).not.toContain('picture.png');
    expect(run.stdout).toContain('docs/a.md');

    const inside = await runCli([join('docs', 'a.md', 'inner.md')], { cwd: dir });
    expect(inside.code).toBe(2);
    expect(inside.stderr.trim()).toMatch(/inner\.md: a part of this path is a file, not a folder$/);
    expect(inside.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('never says "No problems found" beside exit 2', async () => {
    write('clean.md', '# Protocol\n\nThe team meets monthly about sex and labor trafficking.\n');
    const missing = await runCli(['missing.md'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stdout).not.toMatch(/No problems found/);
    expect(missing.stdout).toMatch(/✖ 1 file, folder or pattern could not be linted \(named above\)/);
    const both = await runCli(['missing.md', 'clean.md', '--rule', 'provision:off'], { cwd: dir });
    expect(both.code).toBe(2);
    expect(both.stdout).not.toMatch(/✔/);
    expect(both.stdout).toMatch(/No problems found in the other 1 file\./);
  });

  it('an empty file gets one line saying so, and no provision is present in it', async () => {
    write('empty.md', '');
    write('blank.txt', '\n   \n\t\n');
    write('empty.docx', wordPackage({ body: para([' ']) }));
    const run = await runCli(['--format', 'json', 'empty.md', 'blank.txt', 'empty.docx'], { cwd: dir });
    expectOneLineEach(run);
    expect(run.code).toBe(0);
    for (const name of ['empty.md', 'blank.txt', 'empty.docx']) expect(run.stderr).toContain(`${join(dir, name)}: is empty: there is no text to check\n`);
    for (const r of JSON.parse(run.stdout) as { messages: unknown[]; provisions: unknown[] }[]) expect(r).toMatchObject({ messages: [], provisions: [] });
    const stylish = await runCli(['empty.md'], { cwd: dir });
    expect(stylish.stdout).not.toMatch(/present/);
  });
});

describe('one line naming the cause', () => {
  it('serve on a port in use', async () => {
    const busy = createServer();
    await new Promise<void>((done) => busy.listen(0, '127.0.0.1', done));
    const port = (busy.address() as AddressInfo).port;
    try {
      const run = await runCli(['serve', '--port', String(port)], { cwd: dir });
      expectOneLineEach(run);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`policylint: serve: port ${port} is already in use (another program, or another policylint serve); choose another with --port, or leave --port out to take a free one\n`);
    } finally {
      busy.close();
    }
  });

  it('--redline into a folder that does not exist, or over its own input without --in-place', async () => {
    const input = write('procedure.docx', threeFindingDocx());
    const original = readFileSync(input);
    const missing = await runCli(['procedure.docx', '--redline', join('nowhere', 'out.docx')], { cwd: dir });
    expectOneLineEach(missing);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`policylint: --redline nowhere/out.docx: the folder ${join(dir, 'nowhere')} does not exist; create it first or write the redline elsewhere\n`);

    for (const target of ['procedure.docx', './procedure.docx', join(dir, 'procedure.docx')]) {
      const self = await runCli(['procedure.docx', '--redline', target], { cwd: dir });
      expect(self.code, target).toBe(2);
      expect(self.stderr).toMatch(/^policylint: --redline .* is the input file itself: policylint never overwrites a document unless asked; name another file, or add --in-place to replace procedure\.docx with the redline\n$/);
      expect(readFileSync(input).equals(original)).toBe(true);
    }
    const inPlace = await runCli(['procedure.docx', '--redline', 'procedure.docx', '--in-place'], { cwd: dir });
    // Two of the three findings: "treats no child as a child prostitute" rejects the label, which is left as written (docs/fixes.md).
    expect(inPlace.stderr).toMatch(/wrote .*procedure\.docx \(2 tracked changes/);
    expect(entryText(readFileSync(input), 'word/document.xml')).toContain('<w:ins ');
  });

  it('a Word file whose side part fails its checksum: --redline and the workbench upload', async () => {
    const damaged = withBadChecksum(threeFindingDocx(), '[Content_Types].xml');
    write('damaged.docx', damaged);
    // Linting reads no content types, so it still works; the redline needs them.
    const lint = await runCli(['damaged.docx'], { cwd: dir });
    expect(lint.stderr).toBe('');
    expect(lint.stdout).toMatch(/child prostitute/);
    const run = await runCli(['damaged.docx', '--redline', 'out.docx'], { cwd: dir });
    expectOneLineEach(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`policylint: ${join(dir, 'damaged.docx')}: is a damaged zip package ([Content_Types].xml fails its checksum); no redline was written\n`);
    expect(existsSync(join(dir, 'out.docx'))).toBe(false);

    const workbench = await startServe([], dir);
    try {
      const res = await fetch(`${workbench.origin}/api/documents`, { method: 'POST', headers: { 'x-policylint-token': workbench.token, 'x-file-name': 'damaged.docx' }, body: damaged });
      expect(res.status).toBe(422);
      expect(await res.json()).toEqual({ error: 'damaged.docx: is a damaged zip package ([Content_Types].xml fails its checksum)' });
    } finally {
      expect(await workbench.stop()).toBe(0);
    }
    expect(workbench.stderr()).not.toMatch(STACK);
  });
});

describe('places in the words of the format', () => {
  it('Word findings are at a paragraph: stylish, JSON, the redline comments and the report', async () => {
    write('procedure.docx', threeFindingDocx());
    const stylish = await runCli(['procedure.docx'], { cwd: dir });
    const lines = stylish.stdout.split('\n').filter((l) => /warning|error/.test(l) && l.startsWith('  '));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^ {2}paragraph \d+ +(warning|error) /);

    const json = JSON.parse((await runCli(['procedure.docx', '--format', 'json'], { cwd: dir })).stdout) as { messages: { line: number; place: string }[]; provisions: { status: string; line: number; place?: string }[] }[];
    for (const m of json[0].messages) expect(m.place).toBe(`paragraph ${m.line}`);
    for (const p of json[0].provisions) expect(p.place).toBe(p.status === 'present' || p.status === 'partial' ? `paragraph ${p.line}` : undefined);

    // A provision's suggested place, which the redline's comment carries: training is absent, under a "Training" heading.
    write(
      'with-training.docx',
      wordPackage({
        body: [
          para(['Intake Procedure'], '<w:pStyle w:val="Heading1"/>'),
          para(['Social workers screen every ', 'CSEC youth', ' at intake.']),
          para(['Training'], '<w:pStyle w:val="Heading2"/>'),
          para(['Supervisors keep a list of new workers.']),
        ].join(''),
      }),
    );
    const redline = await runCli(['with-training.docx', '--redline', join(dir, 'redline.docx')], { cwd: dir });
    expect(redline.stderr).toMatch(/wrote/);
    const comments = entryText(readFileSync(join(dir, 'redline.docx')), 'word/comments.xml');
    expect(comments).toMatch(/under “Training”, paragraph \d+|under "Training", paragraph \d+|under &quot;Training&quot;, paragraph \d+/);
    expect(comments).not.toMatch(/Training(”|"|&quot;), line \d/);

    const report = await runCli(['report', 'procedure.docx', '-o', 'report.html', '--quiet'], { cwd: dir });
    expect(report.code).toBe(0);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toMatch(/<span>Paragraph \d+<\/span>/);
    expect(html).not.toMatch(/<span>Line \d+, column \d+<\/span><code>term\//);
  });

  it('a Markdown finding keeps line:column', async () => {
    write('p.md', NARROW);
    const run = await runCli(['p.md', '--rule', 'provision:off'], { cwd: dir });
    expect(run.stdout).toMatch(/^ {2}3:34 +warning /m);
  });
});

describe('after --redline', () => {
  it('the summary does not offer --fix', async () => {
    write('procedure.docx', threeFindingDocx());
    const plain = await runCli(['procedure.docx'], { cwd: dir });
    expect(plain.stdout).toMatch(/potentially fixable with the `--fix` option/);
    const redline = await runCli(['procedure.docx', '--redline', 'out.docx'], { cwd: dir });
    expect(redline.stderr).toMatch(/wrote/);
    expect(redline.stdout).toMatch(/✖ \d+ problems/);
    expect(redline.stdout).not.toMatch(/fixable/);
  });
});

describe('.dotm', () => {
  it('is read as Word, like .docm and .dotx, named or found in a folder', async () => {
    write('word/template.dotm', threeFindingDocx());
    write('word/procedure.docx', threeFindingDocx());
    const run = await runCli(['--format', 'json', 'word'], { cwd: dir });
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number }[] }[];
    expect(results.map((r) => r.filePath.split('/').pop())).toEqual(['procedure.docx', 'template.dotm']);
    const terms = (i: number) => results[i].messages.filter((m) => m.ruleId.startsWith('term/'));
    expect(terms(1)).toHaveLength(3);
    expect(terms(1)).toEqual(terms(0));
  });
});
