// `policylint eval` as a user runs it: the built CLI on annotation files on disk.
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { jsonPath } from '../src/eval/annotations.js';
import { builtinRuleSet } from '../src/rules/ruleset.js';
import { runCli } from './helpers/cli.js';

const FIXTURE = resolve('test/fixtures-eval');
const REAL_DEV = resolve('../shared/corpus/real-dev/annotations.json');

interface EvalJson {
  terms: { recall: number; precision: number; expected: number; hit: number; findings: number; forbiddenHits: number; byCategory: Record<string, { kind: string; spans: number; hit?: number; missed?: number; falseAlarms?: number }> };
  provisions: { agreement: number; agreed: number; total: number; byId: Record<string, { agreed: number; total: number }> };
  misses: { path: string; line: number; column: number; text: string; category: string; note: string }[];
  falseAlarms: { path: string; line: number; column: number; text: string; category: string; ruleId: string }[];
  disagreements: { path: string; provision: string; status: string; accepted: string[] }[];
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'policylint-eval-'));
  cpSync(FIXTURE, dir, { recursive: true });
});

type Span = { line: number; column: number; endColumn: number; text: string; kind: string; category: string; note: string };
function annotations(): { path: string; terms: Span[]; provisions: Record<string, string[]> }[] {
  return JSON.parse(readFileSync(join(dir, 'annotations.json'), 'utf8'));
}

async function evalJson(args: string[] = []): Promise<{ code: number; report: EvalJson; stderr: string }> {
  const run = await runCli(['eval', 'annotations.json', '--format', 'json', ...args], { cwd: dir });
  return { code: run.code, report: JSON.parse(run.stdout) as EvalJson, stderr: run.stderr };
}

describe('policylint eval', () => {
  it('scores every annotation category of the fixture: each expected span flagged, no forbidden span flagged', async () => {
    const { code, report } = await evalJson(['--min-recall', '1', '--min-precision', '1', '--max-forbidden', '0', '--min-provisions', '1']);
    expect(code).toBe(0);
    expect(report.terms).toMatchObject({ recall: 1, precision: 1, forbiddenHits: 0 });
    const categories = report.terms.byCategory;
    for (const name of ['csec-only', 'sex-only', 'stigmatizing']) expect(categories[name]).toMatchObject({ kind: 'expected', missed: 0 });
    for (const name of ['name-of-record', 'definition', 'inclusive-pairing', 'sex-specific-duty', 'sex-specific-fact', 'quotation']) {
      expect(categories[name].kind).toBe('forbidden');
      expect(categories[name].spans).toBeGreaterThan(0);
      expect(categories[name].falseAlarms).toBe(0);
    }
    expect(report.provisions).toMatchObject({ agreement: 1, agreed: 3, total: 3 });
  });

  it('finds the forbidden spans through the contexts that excuse them: with those contexts made inert, they are flagged', async () => {
    // A county pack replaces a built-in context by id; found through the configuration in the document's folder,
    // as `policylint` itself would find it.
    const inert = [...builtinRuleSet().contexts.keys()];
    writeFileSync(join(dir, 'inert.yaml'), `pack: inert\ncontexts:\n${inert.map((id) => `  - id: ${id}\n    why: made inert for a test\n    match: ["zz never zz"]\n`).join('')}`);
    writeFileSync(join(dir, '.policylintrc.yaml'), 'rulePacks: [inert.yaml]\n');
    const { report } = await evalJson();
    const categories = report.terms.byCategory;
    for (const name of ['definition', 'inclusive-pairing', 'sex-specific-duty', 'sex-specific-fact']) expect(categories[name].falseAlarms, name).toBeGreaterThan(0);
    expect(categories['name-of-record'].falseAlarms).toBeGreaterThan(0);
  });

  it('counts a finding on a forbidden span as a false alarm and an unflagged expected span as a miss, and exits 1 below a bar', async () => {
    const data = annotations();
    // Mark one flagged phrase forbidden, and a phrase nothing flags as expected.
    const flagged = data[0].terms.find((t) => t.text === 'CSEC youth')!;
    flagged.kind = 'forbidden';
    flagged.category = 'definition';
    const lines = readFileSync(join(dir, 'categories.md'), 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('specialized case manager'));
    const column = lines[line].indexOf('case manager') + 1;
    data[0].terms.push({ line: line + 1, column, endColumn: column + 'case manager'.length, text: 'case manager', kind: 'expected', category: 'csec-only', note: 'made-up miss' });
    data[0].provisions['mdt-labor'] = ['present'];
    writeFileSync(join(dir, 'annotations.json'), JSON.stringify(data));

    const { code, report, stderr } = await evalJson(['--min-recall', '0.9', '--max-forbidden', '0']);
    expect(code).toBe(1);
    expect(report.terms.forbiddenHits).toBe(1);
    expect(report.falseAlarms).toEqual([expect.objectContaining({ path: 'categories.md', line: flagged.line, column: flagged.column, text: 'CSEC youth', category: 'definition', ruleId: 'term/csec' })]);
    expect(report.misses).toEqual([expect.objectContaining({ line: line + 1, column, text: 'case manager', category: 'csec-only' })]);
    expect(report.terms.recall).toBeCloseTo(8 / 9);
    expect(report.terms.precision).toBeCloseTo(8 / 9);
    expect(report.disagreements).toEqual([expect.objectContaining({ provision: 'mdt-labor', status: 'partial', accepted: ['present'] })]);
    expect(stderr).toMatch(/term recall 0\.889 is below --min-recall 0\.9/);
    expect(stderr).toMatch(/1 forbidden hits is above --max-forbidden 0/);

    const stylish = await runCli(['eval', 'annotations.json', '--no-color'], { cwd: dir });
    expect(stylish.code).toBe(0);
    expect(stylish.stdout).toMatch(/^ {2}term recall +0\.89 /m);
    expect(stylish.stdout).toMatch(new RegExp(`^ {2}categories\\.md:${line + 1}:${column} +case manager +csec-only +made-up miss$`, 'm'));
    expect(stylish.stdout).toMatch(new RegExp(`^ {2}categories\\.md:${flagged.line}:${flagged.column} +CSEC youth +definition `, 'm'));
  });

  it('credits each detector with the forbidden spans it kept quiet', async () => {
    const { report } = await evalJson();
    const detectors = (report.terms as unknown as { byDetector: Record<string, { forbidden: number; expected: number; other: number }> }).byDetector;
    expect(detectors['paired-with-labor'].forbidden).toBeGreaterThan(0);
    expect(Object.values(detectors).reduce((n, d) => n + d.expected, 0)).toBe(0);
    const stylish = await runCli(['eval', 'annotations.json', '--no-color'], { cwd: dir });
    expect(stylish.stdout).toMatch(/^ {2}paired-with-labor +[1-9]\d* +0 +\d+$/m);
  });

  it('scores several annotations files: a report each, their combination, and the bars on the combination', async () => {
    // A second copy of the fixture in its own folder, with one expected span that nothing flags.
    cpSync(FIXTURE, join(dir, 'second'), { recursive: true });
    const second = JSON.parse(readFileSync(join(dir, 'second', 'annotations.json'), 'utf8'));
    second[0].terms.push({ line: 1, column: 1, endColumn: 2, text: 'x', kind: 'expected', category: 'csec-only', note: 'made-up miss' });
    writeFileSync(join(dir, 'second', 'annotations.json'), JSON.stringify(second));

    const run = await runCli(['eval', 'annotations.json', 'second/annotations.json', '--format', 'json', '--min-recall', '0.95'], { cwd: dir });
    const out = JSON.parse(run.stdout) as { files: (EvalJson & { annotations: string })[]; combined: EvalJson };
    expect(out.files.map((f) => [f.annotations, f.terms.expected, f.terms.hit])).toEqual([['annotations.json', 9, 9], ['second/annotations.json', 10, 9]]);
    expect(out.combined.terms).toMatchObject({ expected: 19, hit: 18 });
    expect(out.combined.misses).toEqual([expect.objectContaining({ path: 'second/categories.md', text: 'x' })]);
    // 18 of 19 is below 0.95 though the first file alone passes.
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/term recall 0\.947 is below --min-recall 0\.95/);

    const stylish = await runCli(['eval', 'annotations.json', 'second/annotations.json', '--no-color'], { cwd: dir });
    expect(stylish.stdout).toMatch(/^Combined \(2 annotations files\)\npolicylint eval: 2 documents\n {2}term recall +0\.95 +\(18 of 19/m);
  });

  it('names the JSON path of a schema error and exits 2', async () => {
    const data = annotations();
    (data[0].terms[2] as { kind: string }).kind = 'expectd';
    writeFileSync(join(dir, 'annotations.json'), JSON.stringify(data));
    const run = await runCli(['eval', 'annotations.json'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/annotations\.json: \$\[0\]\.terms\[2\]\.kind: must be one of "expected", "forbidden", "ambiguous"$/)]);
  });

  it('reports an unreadable document on one line, scores the others and exits 2', async () => {
    const data = annotations();
    data.push({ ...data[0], path: 'missing.md' });
    writeFileSync(join(dir, 'annotations.json'), JSON.stringify(data));
    const { code, report, stderr } = await evalJson();
    expect(code).toBe(2);
    expect(stderr).toMatch(/missing\.md: no such file/);
    expect(report.terms.expected).toBe(9);
    expect(report.terms.forbiddenHits).toBe(0);
  });

  it('refuses a file that is not JSON, and a bar out of range, with one line', async () => {
    writeFileSync(join(dir, 'broken.json'), '[{');
    const broken = await runCli(['eval', 'broken.json'], { cwd: dir });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.json: is not valid JSON/);
    const bar = await runCli(['eval', 'annotations.json', '--min-recall', '1.5'], { cwd: dir });
    expect(bar.code).toBe(2);
    expect(bar.stderr).toMatch(/expected a number from 0 to 1/);
  });

  it('writes JSON paths the usual way', () => {
    expect(jsonPath('/3/terms/0/kind')).toBe('$[3].terms[0].kind');
    expect(jsonPath('')).toBe('$');
    expect(jsonPath('/0/provisions/canra-labor')).toBe('$[0].provisions.canra-labor');
  });

  it.skipIf(!existsSync(REAL_DEV))('keeps the figures reached on the real documents (../shared/corpus/real-dev)', async () => {
    const run = await runCli(['eval', REAL_DEV, '--format', 'json', '--min-recall', '1', '--min-precision', '1', '--max-forbidden', '0', '--min-provisions', '0.93']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});
