// policylint/unified through its real entry points: remark-cli with a
// .remarkrc.mjs (vfile-reporter's output), and the unified API with
// remark-parse and with retext-english. Every finding must sit where
// `policylint --format json` puts it: same line, column, end and rule.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import remarkParse from 'remark-parse';
import { retext } from 'retext';
import retextEnglish from 'retext-english';
import { unified } from 'unified';
import { VFile } from 'vfile';
import policylint from '../src/unified/index.js';
import { REPO, runCli, runNode, type CliRun } from './helpers/cli.js';

const FIXTURES = join(REPO, 'fixtures');
const REAL_DEV = resolve(REPO, '../shared/corpus/real-dev');
// remark-cli exports nothing to resolve: its bin, where npm installed it.
const REMARK_CLI = join(REPO, 'node_modules/remark-cli/cli.js');

/** What must be identical between the CLI and the plugin. */
interface Place {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  ruleId: string;
  severity: number;
}

const key = (p: Place) => `${p.line}:${p.column}-${p.endLine}:${p.endColumn} ${p.ruleId} ${p.severity}`;

async function cliFindings(files: string[], args: string[] = []): Promise<Map<string, Place[]>> {
  const run = await runCli(['--format', 'json', ...args, ...files]);
  expect(run.stderr).toBe('');
  const results = JSON.parse(run.stdout) as { filePath: string; messages: Place[] }[];
  return new Map(results.map((r) => [r.filePath, r.messages.map((m) => ({ line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn, ruleId: m.ruleId, severity: m.severity }))]));
}

type Message = VFile['messages'][number];

function pluginPlace(m: Message): Place {
  const place = m.place as { start?: { line: number; column: number }; end?: { line: number; column: number }; line?: number; column?: number };
  const start = place.start ?? (place as { line: number; column: number });
  const end = place.end ?? start;
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column, ruleId: m.ruleId!, severity: m.fatal === true ? 2 : m.fatal === false ? 1 : 0 };
}

function withRemark(path: string, options?: object): VFile {
  const file = new VFile({ path, value: readFileSync(path) });
  unified().use(remarkParse).use(policylint, options).runSync(unified().use(remarkParse).parse(file), file);
  return file;
}

const textFixtures = readdirSync(FIXTURES)
  .filter((f) => /\.(md|txt)$/.test(f))
  .map((f) => join(FIXTURES, f));

describe('unified API', () => {
  let cli: Map<string, Place[]>;
  beforeAll(async () => {
    cli = await cliFindings(textFixtures);
  });

  it('with remark-parse: every fixture has the CLI findings, at the same places', () => {
    let compared = 0;
    for (const path of textFixtures) {
      const file = withRemark(path);
      expect(file.messages.map(pluginPlace).map(key), basename(path)).toEqual(cli.get(path)!.map(key));
      compared += file.messages.length;
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('with remark-parse: a byte-order mark, CRLF line ends, front matter, emoji and entities do not move a finding', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'policylint-unified-edges-'));
    try {
      const path = join(folder, 'edges.md');
      const text = [
        '\uFEFF---',
        'title: CSEC Protocol',
        '---',
        '',
        '# 🧭 CSEC Protocol',
        '',
        'Staff &amp; partners serve 👧🏽 CSEC youth and `CSEC` victims; *CSEC youth* too.',
        '',
        '| Role | Who |',
        '| --- | --- |',
        '| 🧑‍⚖️ CSEC Coordinator | the pimp\\s case |',
        '',
      ].join('\r\n');
      writeFileSync(path, text);
      const cli = await cliFindings([path]);
      const file = withRemark(path);
      expect(file.messages.map(pluginPlace).map(key)).toEqual(cli.get(path)!.map(key));
      expect(file.messages.filter((m) => m.ruleId!.startsWith('term/')).length).toBeGreaterThan(3);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('reports in unified conventions: source, rule id, place, url, expected, note, fatal', () => {
    const file = withRemark(join(FIXTURES, 'csec-only-protocol.md'));
    const term = file.messages.find((m) => m.ruleId === 'term/csec' && m.line === 12)!;
    expect(term.source).toBe('policylint');
    expect(term.place).toEqual({ start: { line: 12, column: 21, offset: expect.any(Number) }, end: { line: 12, column: 31, offset: expect.any(Number) } });
    const { start, end } = term.place as { start: { offset: number }; end: { offset: number } };
    expect(String(file).slice(start.offset, end.offset)).toBe('CSEC youth');
    expect(term.actual).toBe('CSEC youth');
    expect(term.expected).toContain('youth affected by child trafficking');
    expect(term.url).toBe('https://policylint.dev/docs/rules.md#term-csec');
    // The one-line rationale: the first sentence of why the rule exists.
    expect(term.note).toMatch(/^"CSEC" \(commercially sexually exploited children\) names sex trafficking only[^\n]*\.$/);
    expect(term.reason).toBe('"CSEC youth" names sex trafficking only; write "youth affected by child trafficking".');
    expect(term.fatal).toBe(false);
    expect(file.messages.find((m) => m.ruleId === 'term/child-prostitute')!.fatal).toBe(true);
    // A provision that is absent is about the whole document: reported at its start, with no replacement.
    const absent = file.messages.find((m) => m.ruleId === 'provision/tribal-collaboration')!;
    expect(absent.place).toEqual({ line: 1, column: 1, offset: 0 });
    expect(absent.expected).toBeUndefined();
  });

  it('leaves every provision status in file.data.policylint, as the CLI reports them', async () => {
    const path = join(FIXTURES, 'interagency-mou.md');
    const run = await runCli(['--format', 'json', path]);
    const [expected] = JSON.parse(run.stdout) as { docType: string; docTypeSource: string; provisions: { id: string; status: string; line: number }[] }[];
    const data = withRemark(path).data.policylint as { docType: string; docTypeSource: string; provisions: { id: string; status: string; line: number }[] };
    expect({ docType: data.docType, docTypeSource: data.docTypeSource }).toEqual({ docType: expected.docType, docTypeSource: expected.docTypeSource });
    expect(data.provisions.map((p) => `${p.id} ${p.status} ${p.line}`)).toEqual(expected.provisions.map((p) => `${p.id} ${p.status} ${p.line}`));
    expect(data.provisions.some((p) => p.status === 'present' || p.status === 'not-applicable')).toBe(true);
  });

  it('with retext-english: a .txt file and text without a name are read as plain text, as the CLI reads the file', () => {
    const path = join(FIXTURES, 'probation-policy.txt');
    const named = new VFile({ path, value: readFileSync(path, 'utf8') });
    retext().use(retextEnglish).use(policylint).processSync(named);
    expect(named.messages.map(pluginPlace).map(key)).toEqual(cli.get(path)!.map(key));
    expect(named.messages.length).toBeGreaterThan(3);

    const unnamed = new VFile({ cwd: FIXTURES, value: readFileSync(path, 'utf8') });
    retext().use(retextEnglish).use(policylint).processSync(unnamed);
    expect(unnamed.messages.map(pluginPlace).map(key)).toEqual(cli.get(path)!.map(key));
  });

  it('with retext-english on a Markdown file: the Markdown reader, as the CLI', () => {
    const path = join(FIXTURES, 'screening-guide.md');
    const file = new VFile({ path, value: readFileSync(path, 'utf8') });
    retext().use(retextEnglish).use(policylint).processSync(file);
    expect(file.messages.map(pluginPlace).map(key)).toEqual(cli.get(path)!.map(key));
  });

  it('rules, docType and packs options act as the CLI flags do', async () => {
    const path = join(FIXTURES, 'csec-only-protocol.md');
    const pack = join(REPO, 'test/fixtures-config/packs/sierra-vista.yaml');
    const options = { rules: { 'term/csec': 'off', 'term/pimp': 2, provision: 0 }, docType: 'policy', packs: [pack] };
    const flags = ['--rule', 'term/csec:off', '--rule', 'term/pimp:error', '--rule', 'provision:off', '--doc-type', 'policy', '--rule-pack', pack];
    const cli = await cliFindings([path], flags);
    const file = withRemark(path, options);
    expect(file.messages.map(pluginPlace).map(key)).toEqual(cli.get(path)!.map(key));
    expect(file.messages.some((m) => m.ruleId === 'term/csec' || m.ruleId!.startsWith('provision/'))).toBe(false);
    expect(file.messages.find((m) => m.ruleId === 'term/pimp')!.fatal).toBe(true);
  });

  it('the config option uses that file instead of looking for one', () => {
    const folder = mkdtempSync(join(tmpdir(), 'policylint-unified-config-'));
    try {
      writeFileSync(join(folder, 'quiet.yaml'), 'rules:\n  term: off\n  provision: off\n');
      const file = withRemark(join(FIXTURES, 'csec-only-protocol.md'), { config: join(folder, 'quiet.yaml') });
      expect(file.messages).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('a wrong option throws one line naming it; an unknown rule is a fatal message naming the option', () => {
    expect(() => unified().use(remarkParse).use(policylint, { docType: 'memo' } as never).freeze()).toThrow(/^policylint: option docType must be one of protocol, .*, not "memo"$/);
    expect(() => unified().use(remarkParse).use(policylint, { rules: { 'term/csec': 'warning' } } as never).freeze()).toThrow('policylint: option rules["term/csec"] must be off, info, warn or error (or 0, 1, 2), not "warning"');
    expect(() => unified().use(remarkParse).use(policylint, { fixes: true } as never).freeze()).toThrow('policylint: unknown option "fixes" (the options are packs, rules, docType, config, fix)');
    const file = withRemark(join(FIXTURES, 'csec-only-protocol.md'), { rules: { 'term/csek': 'off' } });
    expect(file.messages).toHaveLength(1);
    expect(file.messages[0].fatal).toBe(true);
    expect(file.messages[0].reason).toBe('policylint option rules: term/csek: unknown rule (did you mean term/csec?); `policylint rules` lists them');
  });

  it('{fix: true} makes the replacements in the file and its tree, and reports what is left', async () => {
    const path = join(FIXTURES, 'csec-only-protocol.md');
    const original = readFileSync(path, 'utf8');
    const file = new VFile({ path, value: original });
    const tree = unified().use(remarkParse).parse(file);
    const fixedTree = unified().use(remarkParse).use(policylint, { fix: true }).runSync(tree, file);
    const fixed = String(file);
    expect(fixed).not.toBe(original);
    // The same text `policylint --fix-dry-run` shows, applied.
    const cli = await runCli(['--stdin', '--stdin-filename', path, '--fix-dry-run'], { input: original });
    expect(cli.stdout).toContain('+# Condor Ridge County Child Trafficking Interagency Protocol');
    expect(fixed).toContain('# Condor Ridge County Child Trafficking Interagency Protocol');
    const heading = (fixedTree as unknown as { children: { type: string; children: { value: string }[] }[] }).children[0];
    expect(heading.children[0].value).toBe('Condor Ridge County Child Trafficking Interagency Protocol');
    // What is left is what the CLI finds in the fixed text, at its places in the fixed text.
    const left = await runCli(['--format', 'json', '--stdin', '--stdin-filename', path], { input: fixed });
    const expected = (JSON.parse(left.stdout) as { messages: Place[] }[])[0].messages;
    expect(file.messages.map(pluginPlace).map(key)).toEqual(expected.map(key));
    expect(file.messages.some((m) => m.ruleId === 'term/csec-body' && m.line === 1)).toBe(false);
  });

  it('{fix: true} under retext writes exactly what policylint --fix writes', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'policylint-unified-fix-'));
    try {
      const path = join(folder, 'probation-policy.txt');
      const original = readFileSync(join(FIXTURES, 'probation-policy.txt'), 'utf8');
      writeFileSync(path, original);
      await runCli(['--fix', path]);
      const byCli = readFileSync(path, 'utf8');
      expect(byCli).not.toBe(original);
      const output = retext().use(retextEnglish).use(policylint, { fix: true }).processSync(new VFile({ path, value: original }));
      expect(String(output)).toBe(byCli);
      const left = await cliFindings([path]);
      expect(output.messages.map(pluginPlace).map(key)).toEqual(left.get(path)!.map(key));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('{fix: true} without a parser to rebuild the tree says so, fixes nothing and still reports', () => {
    const path = join(FIXTURES, 'csec-only-protocol.md');
    const original = readFileSync(path, 'utf8');
    const file = new VFile({ path, value: original });
    const tree = unified().use(remarkParse).parse(file);
    const out = unified().use(policylint, { fix: true }).runSync(tree, file);
    expect(out).toBe(tree);
    expect(String(file)).toBe(original);
    expect(file.messages[0].reason).toBe('policylint: { fix: true } needs a parser (remark-parse or retext-english) to rebuild the tree; nothing was fixed');
    expect(file.messages[0].fatal).toBe(true);
    expect(file.messages.slice(1).map(pluginPlace).map(key)).toEqual(withRemark(path).messages.map(pluginPlace).map(key));
  });
});

/** Runs remark-cli in `cwd`, as a user would from a terminal. */
function runRemark(args: string[], cwd: string): Promise<CliRun> {
  return runNode(REMARK_CLI, [...args, '--no-color'], { cwd });
}

/** A project that has installed policylint (node_modules/policylint is this repository) and uses it in its .remarkrc.mjs. */
function remarkProject(options: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'policylint-remark-'));
  mkdirSync(join(folder, 'node_modules'));
  symlinkSync(REPO, join(folder, 'node_modules/policylint'), 'dir');
  writeFileSync(join(folder, '.remarkrc.mjs'), `import policylint from 'policylint/unified';\n\nexport default { plugins: [[policylint, ${options}]] };\n`);
  return folder;
}

/** vfile-reporter's report split by file: its heading line is the file's path as given. */
function reportSections(report: string): Map<string, string> {
  const sections = new Map<string, string>();
  let current = '';
  for (const line of report.split('\n')) {
    if (/^\S/.test(line) && !/^\d+:\d+/.test(line)) sections.set((current = line.trim()), '');
    else if (current) sections.set(current, `${sections.get(current)}${line}\n`);
  }
  return sections;
}

/**
 * vfile-reporter's lines: "12:21-12:31 warning <reason>  term/csec  policylint". The reporter sorts messages at
 * the same place by rule id, so comparisons with the CLI's list are made on sorted lists.
 */
function reportedPlaces(report: string): Place[] {
  const places: Place[] = [];
  for (const line of report.split('\n')) {
    const m = /^(\d+):(\d+)(?:-(\d+):(\d+))?\s+(error|warning|info)\s+.*\s(\S+)\s+policylint$/.exec(line.trimEnd());
    if (!m) continue;
    const [, l, c, el, ec, severity, ruleId] = m;
    places.push({ line: +l, column: +c, endLine: +(el ?? l), endColumn: +(ec ?? c), ruleId, severity: severity === 'error' ? 2 : severity === 'warning' ? 1 : 0 });
  }
  return places;
}

describe('remark-cli with a .remarkrc.mjs', () => {
  let folder: string;
  beforeAll(() => {
    folder = remarkProject("{ rules: { 'term/pimp': 'error' } }");
    for (const name of ['csec-only-protocol.md', 'inclusive-protocol.md', 'interagency-mou.md']) writeFileSync(join(folder, name), readFileSync(join(FIXTURES, name)));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('prints the CLI findings in vfile-reporter format and exits 1 on an error', async () => {
    const names = ['csec-only-protocol.md', 'inclusive-protocol.md', 'interagency-mou.md'];
    const run = await runRemark([...names, '--no-stdout'], folder);
    expect(run.code).toBe(1);
    const cli = await cliFindings(names.map((n) => join(folder, n)), ['--rule', 'term/pimp:error']);
    const sections = reportSections(run.stderr);
    for (const name of names) expect(reportedPlaces(sections.get(name) ?? '').map(key).sort(), name).toEqual(cli.get(join(folder, name))!.map(key).sort());
    expect(run.stderr).toMatch(/^12:21-12:31 +warning +"CSEC youth" names sex trafficking only; write "youth affected by child trafficking"\. +term\/csec +policylint$/m);
    expect(run.stderr).toMatch(/^61:17-61:21 +error +"pimp" is street slang that hides the trafficking; write "trafficker"\. +term\/pimp +policylint$/m);
  });

  it('--output with {fix: true} writes the fixed document', async () => {
    writeFileSync(join(folder, '.remarkrc.mjs'), "import policylint from 'policylint/unified';\n\nexport default { plugins: [[policylint, { fix: true }]] };\n");
    const run = await runRemark(['csec-only-protocol.md', '--output'], folder);
    expect(run.stderr).toMatch(/^csec-only-protocol\.md: written$/m);
    const written = readFileSync(join(folder, 'csec-only-protocol.md'), 'utf8');
    expect(written).toMatch(/^# Condor Ridge County Child Trafficking Interagency Protocol$/m);
    expect(written).not.toMatch(/CSEC youth/);
    // Nothing fixable is left for the CLI either.
    const after = await runCli(['--format', 'json', join(folder, 'csec-only-protocol.md')]);
    const left = (JSON.parse(after.stdout) as { messages: { fix?: unknown }[] }[])[0].messages;
    expect(left.filter((m) => m.fix)).toEqual([]);
  });

  it('a wrong option in .remarkrc is reported on the file and remark-cli fails', async () => {
    writeFileSync(join(folder, '.remarkrc.mjs'), "import policylint from 'policylint/unified';\n\nexport default { plugins: [[policylint, { docType: 'memo' }]] };\n");
    const run = await runRemark(['inclusive-protocol.md', '--no-stdout'], folder);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('policylint: option docType must be one of protocol');
    // One line naming the cause: remark-cli prints a cause's stack, and this one has none to print.
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});

const realDev = existsSync(REAL_DEV)
  ? readdirSync(REAL_DEV, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(REAL_DEV, d.name, 'docs')))
      .flatMap((d) => readdirSync(join(REAL_DEV, d.name, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join(REAL_DEV, d.name, 'docs', f)))
  : [];

// Real policies are read where they lie, never copied. Outside CI the folder may be missing: skip then.
describe.skipIf(realDev.length === 0 && !process.env.CI)('real-dev documents', () => {
  it('the plugin under remark-parse finds what the CLI finds, at the same places', async () => {
    expect(realDev.length).toBeGreaterThan(0);
    const cli = await cliFindings(realDev);
    let findings = 0;
    for (const path of realDev) {
      const file = withRemark(path);
      expect(file.messages.map(pluginPlace).map(key), path).toEqual(cli.get(path)!.map(key));
      findings += file.messages.length;
    }
    expect(findings).toBeGreaterThan(0);
  });

  it('remark-cli reports what the CLI reports on each document', async () => {
    const folder = remarkProject('{}');
    try {
      const cli = await cliFindings(realDev);
      const run = await runRemark(['--rc-path', join(folder, '.remarkrc.mjs'), '--no-stdout', ...realDev], folder);
      const sections = reportSections(run.stderr);
      for (const path of realDev) {
        const section = [...sections].find(([name]) => resolve(folder, name) === path)?.[1];
        expect(section, path).toBeDefined();
        expect(reportedPlaces(section!).map(key).sort(), path).toEqual(cli.get(path)!.map(key).sort());
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
