// Messages that read well and scale: one short line per finding, what a rule says every time said once per rule
// (--verbose stylish, --format json-with-metadata), and reports written file by file. Through the CLI.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { textOf } from '../src/reporters/index.js';
import { jsonReporter } from '../src/reporters/json.js';
import { stylishReporter } from '../src/reporters/stylish.js';
import { palette } from '../src/reporters/color.js';
import type { LintResult } from '../src/types.js';
import { runCli } from './helpers/cli.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const SAMPLES = readdirSync(FIXTURES).filter((f) => /\.(md|txt|docx)$/.test(f)).map((f) => join(FIXTURES, f));

interface Message {
  ruleId: string | null;
  message: string;
  citations?: unknown;
}

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'policylint-messages-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const NARROW = '# CSEC Interagency Protocol\n\nEach CSEC youth is referred. No child prostitute is arrested. CSEC youth are served.\n';

describe('finding messages', () => {
  it('are one line of at most 200 characters on every fixture, without citations', async () => {
    const run = await runCli(['--no-config-lookup', '--format', 'json', ...SAMPLES]);
    const results = JSON.parse(run.stdout) as { messages: Message[] }[];
    const messages = results.flatMap((r) => r.messages);
    expect(messages.length).toBeGreaterThan(50);
    for (const m of messages) {
      expect(m.message, m.message).not.toMatch(/\n|Source:/);
      expect(m.message.length, m.message).toBeLessThanOrEqual(200);
      expect(m).not.toHaveProperty('citations');
    }
  });
});

describe('--format json-with-metadata', () => {
  it('is ESLint\'s shape: results, and each reported rule\'s meta once with the long text', async () => {
    const dir = tempDir({ 'a.md': NARROW, 'b.md': NARROW });
    const run = await runCli(['--no-config-lookup', '--format', 'json-with-metadata', 'a.md', 'b.md'], { cwd: dir });
    const out = JSON.parse(run.stdout) as {
      results: { filePath: string; messages: Message[] }[];
      metadata: { rulesMeta: Record<string, { type: string; docs: { description: string; url: string; explanation?: string; sources?: string[]; model?: string }; fixable?: string; hasSuggestions: boolean }> };
    };
    expect(out.results.map((r) => r.filePath)).toEqual([join(dir, 'a.md'), join(dir, 'b.md')]);
    const reported = new Set(out.results.flatMap((r) => r.messages.map((m) => m.ruleId)));
    expect(Object.keys(out.metadata.rulesMeta).sort()).toEqual([...reported].sort());
    expect(out.metadata.rulesMeta['term/csec']).toMatchObject({
      type: 'suggestion',
      fixable: 'code',
      hasSuggestions: true,
      docs: { description: '"CSEC" used for the population, services or duties', url: expect.stringMatching(/rules\.md#term-csec$/) },
    });
    expect(out.metadata.rulesMeta['term/csec'].docs.explanation).toMatch(/PACT ten-county study/);
    const mdt = out.metadata.rulesMeta['provision/mdt-labor'];
    expect(mdt).toMatchObject({ type: 'problem', hasSuggestions: true });
    expect(mdt.docs.model).toMatch(/multidisciplinary team \(MDT\)/);
    expect(mdt.docs.sources!.length).toBeGreaterThan(0);
  });

  it('is still valid JSON with no file linted', async () => {
    const dir = tempDir({});
    const run = await runCli(['--no-config-lookup', '--format', 'json-with-metadata', 'missing.md'], { cwd: dir });
    expect(JSON.parse(run.stdout)).toMatchObject({ results: [{ messages: [{ fatal: true }] }], metadata: { rulesMeta: {} } });
  });
});

describe('--verbose stylish', () => {
  it('says once per rule, under the file\'s findings, what the rule is about, why, and its sources', async () => {
    const dir = tempDir({ 'p.md': NARROW });
    const plain = await runCli(['--no-config-lookup', 'p.md'], { cwd: dir });
    const verbose = await runCli(['--no-config-lookup', '--verbose', 'p.md'], { cwd: dir });
    expect(plain.stdout).not.toContain('About these rules');
    const about = verbose.stdout.slice(verbose.stdout.indexOf('About these rules'));
    // Two "CSEC youth" findings, one explanation.
    expect(about.match(/^ {2}term\/csec {2}/gm)).toHaveLength(1);
    expect(about).toMatch(/term\/csec {2}"CSEC" used for the population, services or duties \(2 findings\)/);
    const prose = about.replace(/\n +/g, ' ');
    expect(prose).toMatch(/names sex trafficking only, so using it for the people a policy serves/);
    expect(prose).toMatch(/Sources: PACT ten-county study \(RDA\/CFPIC 2020\), county recommendation 8 \(p\. 24\)\./);
    expect(about).toMatch(/term\/child-prostitute/);
    expect(about).toMatch(/Model language: policylint explain provision\//);
    // The finding lines themselves are the same short ones.
    expect(verbose.stdout.startsWith(plain.stdout.slice(0, plain.stdout.indexOf('  Provisions')))).toBe(true);
  });
});

describe('reports written file by file', () => {
  const result = (filePath: string): LintResult => ({ filePath, messages: [], errorCount: 0, warningCount: 0, fixableCount: 0, provisions: [] });

  it('json and stylish give each file\'s text when it is done, and only the closing at the end', () => {
    const json = jsonReporter();
    expect(JSON.parse(`${textOf(json.file(result('/a.md')))}]`)).toHaveLength(1);
    expect(textOf(json.file(result('/b.md')))).toMatch(/^,\n\{"filePath":"\/b\.md"/);
    expect(json.end()).toBe('\n]\n');
    const stylish = stylishReporter(palette(false));
    expect(stylish.file({ ...result('/a.md'), fatal: 'no such file', errorCount: 1 })).toMatch(/no such file/);
    expect(stylish.end()).toMatch(/1 problem/);
  });

  it('json makes a file\'s messages a hundred at a time, as the writer asks for them', () => {
    const finding = { ruleId: 'term/csec', severity: 1 as const, message: 'm', line: 1, column: 1, endLine: 1, endColumn: 5, block: 0, start: 0, end: 4, suggestions: [], citations: [] };
    const messages = Array.from({ length: 2500 }, () => ({ ...finding }));
    const pieces = jsonReporter().file({ ...result('/big.md'), messages, warningCount: 2500 }) as Iterator<string>;
    // Nothing is formatted before it is asked for: a finding changed after the first piece shows in the second.
    expect(pieces.next().value).toMatch(/^\[\n\{"filePath":"\/big\.md","messages":\[$/);
    messages[0].message = 'changed';
    const rest = [...(pieces as unknown as Iterable<string>)];
    expect(rest).toHaveLength(26);
    expect(rest[0]).toMatch(/^\{"ruleId":"term\/csec","severity":1,"message":"changed"/);
    expect(JSON.parse(`[\n{"filePath":"/big.md","messages":[${rest.join('')}]`)[0].messages).toHaveLength(2500);
  });

  it('the CLI writes JSON one result a line, valid as a whole', async () => {
    const files = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`doc-${i}.md`, NARROW]));
    const dir = tempDir(files);
    const run = await runCli(['--no-config-lookup', '--threads', '1', '--format', 'json', ...Object.keys(files)], { cwd: dir });
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(32);
    expect(lines[0]).toBe('[');
    expect(lines.at(-1)).toBe(']');
    expect(JSON.parse(run.stdout)).toHaveLength(30);
  });
});
