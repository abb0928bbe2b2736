// --format github, junit and markdown through the CLI, plus their escaping.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty } from '../src/reporters/github.js';
import { xmlEscape } from '../src/reporters/junit.js';
import { MAX_FINDINGS, markdownText } from '../src/reporters/markdown.js';
import { runCli } from './helpers/cli.js';

const FIXTURES = fileURLToPath(new URL('./fixtures-config/', import.meta.url));

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; severity: number; line: number; column: number; endLine: number; endColumn: number; message: string }[];
  errorCount: number;
  warningCount: number;
  provisions: { status: string }[];
}

async function json(args: string[], cwd: string): Promise<JsonResult[]> {
  return JSON.parse((await runCli(['--format', 'json', ...args], { cwd })).stdout) as JsonResult[];
}

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'policylint-formats-'));
  writeFileSync(join(dir, '.policylintrc.yaml'), 'root: true\n');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const NARROW = '# Interagency Protocol\n\nEach CSEC youth is referred. No child prostitute is arrested.\n';

/** Parses XML strictly; throws on anything not well-formed. Returns the elements with their attributes. */
function parseXml(xml: string): { name: string; attributes: Record<string, string>; text: string }[] {
  const parser = new SaxesParser();
  const elements: { name: string; attributes: Record<string, string>; text: string }[] = [];
  const open: { name: string; attributes: Record<string, string>; text: string }[] = [];
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag) => {
    const el = { name: tag.name, attributes: tag.attributes as Record<string, string>, text: '' };
    elements.push(el);
    open.push(el);
  });
  parser.on('text', (t) => {
    if (open.length) open[open.length - 1].text += t;
  });
  parser.on('closetag', () => open.pop());
  parser.write(xml).close();
  return elements;
}

describe('--format github', () => {
  it('writes one workflow command per finding with its range and rule, relative to the cwd', async () => {
    const dir = tempDir({ 'county, draft.md': NARROW });
    const run = await runCli(['--format', 'github', 'county, draft.md'], { cwd: dir });
    const [result] = await json(['county, draft.md'], dir);
    const lines = run.stdout.trimEnd().split('\n');
    const commands = lines.filter((l) => l.startsWith('::'));
    expect(commands).toHaveLength(result.messages.length);
    const csec = result.messages.find((m) => m.ruleId === 'term/csec')!;
    expect(commands).toContain(
      `::warning file=county%2C draft.md,line=${csec.line},col=${csec.column},endLine=${csec.endLine},endColumn=${csec.endColumn},title=term/csec::${escapeData(csec.message)}`,
    );
    expect(commands.filter((c) => c.startsWith('::error ')).length).toBe(result.errorCount);
    // A missing provision annotates the first line, with no columns.
    expect(commands.some((c) => /^::warning file=county%2C draft\.md,line=1,title=provision\//.test(c))).toBe(true);
    expect(lines.at(-1)).toBe(`policylint: ${result.errorCount} error${result.errorCount === 1 ? '' : 's'} and ${result.warningCount} warnings in 1 of 1 file`);
  });

  it('reports an unreadable file as an error annotation', async () => {
    const dir = tempDir({});
    const run = await runCli(['--format', 'github', 'gone.md'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^::error file=gone\.md,title=policylint::no such file$/m);
  });

  it.each([
    ['100% of cases', '100%25 of cases', '100%25 of cases'],
    ['line one\nline two\r', 'line one%0Aline two%0D', 'line one%0Aline two%0D'],
    ['a, b: c', 'a, b: c', 'a%2C b%3A c'],
  ])('escapes %j', (text, data, property) => {
    expect(escapeData(text)).toBe(data);
    expect(escapeProperty(text)).toBe(property);
  });
});

describe('--format junit', () => {
  it('is well-formed XML with one testsuite per file and one testcase per finding', async () => {
    const dir = tempDir({ 'a&b <draft>.md': NARROW, 'clean.md': '# Interagency Protocol\n\nThe team meets monthly.\n' });
    const run = await runCli(['--format', 'junit', '--rule', 'provision:off', 'a&b <draft>.md', 'clean.md', 'gone.md'], { cwd: dir });
    const elements = parseXml(run.stdout);
    const suites = elements.filter((e) => e.name === 'testsuite');
    expect(suites.map((s) => s.attributes.name)).toEqual(['a&b <draft>.md', 'clean.md', 'gone.md']);
    const [draft, clean, gone] = suites;
    const results = await json(['--rule', 'provision:off', 'a&b <draft>.md'], dir);
    expect(Number(draft.attributes.tests)).toBe(results[0].messages.length);
    expect(Number(draft.attributes.failures)).toBe(results[0].messages.length);
    const failures = elements.filter((e) => e.name === 'failure');
    expect(failures.map((f) => f.attributes.message)).toEqual(results[0].messages.map((m) => m.message));
    expect(failures.some((f) => f.attributes.type === 'error' && /^line 3, col \d+, Error - "child prostitute"/.test(f.text))).toBe(true);
    // A clean file is one passing test; an unreadable one is an error.
    expect(clean.attributes).toMatchObject({ tests: '1', failures: '0', errors: '0' });
    expect(gone.attributes).toMatchObject({ tests: '1', errors: '1' });
    const root = elements[0];
    expect(root).toMatchObject({ name: 'testsuites', attributes: { failures: String(results[0].messages.length), errors: '1' } });
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    expect(xmlEscape(`a<b>&"c"'d'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;');
    expect(xmlEscape('bell\u0007 and \uFFFE gone, tab\tkept')).toBe('bell and  gone, tab\tkept');
    expect(() => parseXml(`<a t="${xmlEscape('x\u0001"<&')}">${xmlEscape(']]> \u0000')}</a>`)).not.toThrow();
  });
});

describe('--format markdown', () => {
  it('summarises counts, files, provision coverage and the first findings', async () => {
    const run = await runCli(['--format', 'markdown', 'coverage'], { cwd: FIXTURES });
    const results = await json(['coverage'], FIXTURES);
    const errors = results.reduce((n, r) => n + r.errorCount, 0);
    const warnings = results.reduce((n, r) => n + r.warningCount, 0);
    const md = run.stdout;
    expect(md).toMatch(new RegExp(`^### policylint\\n\\n\\*\\*${errors} errors?\\*\\* and \\*\\*${warnings} warnings\\*\\* in 4 of 4 files\\.$`, 'm'));
    const csec = results.find((r) => r.filePath.endsWith('csec-protocol.md'))!;
    const count = (s: string) => csec.provisions.filter((p) => p.status === s).length;
    expect(md).toContain(`| coverage/csec-protocol.md | ${csec.errorCount} | ${csec.warningCount} | ${count('present')} · ${count('partial')} · ${count('absent')} |`);
    const all = results.flatMap((r) => r.provisions);
    const total = (s: string) => all.filter((p) => p.status === s).length;
    expect(md).toContain(`**Provision coverage** in 4 documents: ${total('present')} present · ${total('partial')} partial · ${total('absent')} absent · ${total('not-applicable')} not applicable.`);
    const findings = results.reduce((n, r) => n + r.messages.length, 0);
    expect(findings).toBeGreaterThan(MAX_FINDINGS);
    expect(md).toContain(`<summary>First ${MAX_FINDINGS} of ${findings} findings</summary>`);
    expect(md.split('\n').filter((l) => /^\| coverage\/.+:\d+:\d+ \|/.test(l))).toHaveLength(MAX_FINDINGS);
    // Rules link to their documentation; "(Source: …)" tails are left to that page.
    expect(md).toMatch(/\| \[term\/csec\]\(https:\/\/\S+#term-csec\) \|/);
    expect(md).not.toMatch(/\(Source:/);
  });

  it('says so when there is nothing to report', async () => {
    const dir = tempDir({ 'clean.md': '# Interagency Protocol\n\nThe team meets monthly.\n' });
    const run = await runCli(['--format', 'markdown', '--rule', 'provision:off', 'clean.md'], { cwd: dir });
    expect(run.stdout.startsWith('### policylint\n\nNo problems found in 1 file.\n')).toBe(true);
    expect(run.stdout).not.toMatch(/<details>/);
  });

  it('keeps table cells on one line and shows markup as text', () => {
    expect(markdownText('a|b <script> *x*\nnext')).toBe('a\\|b &lt;script&gt; \\*x\\* next');
  });
});
