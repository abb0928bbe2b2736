// What CI tools built for ESLint read from policylint: JSON fixes as
// {range, text} in source offsets (applied here the way ESLint applies fixes),
// SARIF partialFingerprints that survive lines added above a finding, and
// several reports (--format with --output-file, in pairs) from one run.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli } from './helpers/cli.js';

interface JsonMessage {
  ruleId: string;
  line: number;
  fix?: { range?: [number, number]; text: string };
}
interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  fixableErrorCount: number;
  fixableWarningCount: number;
}

/** ESLint's SourceCodeFixer: fixes in order of range, one that overlaps or touches an earlier one left out. */
function applyEslintFixes(text: string, messages: JsonMessage[]): string {
  const fixes = messages.flatMap((m) => (m.fix ? [m.fix] : [])).sort((a, b) => a.range![0] - b.range![0] || a.range![1] - b.range![1]);
  let output = '';
  let lastPos = Number.NEGATIVE_INFINITY;
  for (const fix of fixes) {
    const [start, end] = fix.range!;
    if (lastPos >= start || start > end) continue;
    output += text.slice(Math.max(0, lastPos), Math.max(0, start)) + fix.text;
    lastPos = end;
  }
  return output + text.slice(Math.max(0, lastPos));
}

function copyToTemp(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'policylint-eslint-shape-'));
  writeFileSync(join(dir, '.policylintrc.yaml'), 'root: true\n');
  for (const f of files) copyFileSync(join(REPO, f), join(dir, basename(f)));
  return dir;
}

describe('JSON fixes in ESLint’s shape', () => {
  const samples = ['examples/county-protocol.md', 'fixtures/csec-only-protocol.md', 'fixtures/probation-policy.txt', 'fixtures/screening-guide.md', 'fixtures/training-plan.md'];

  it.each(samples)('%s: applying the JSON ranges to the source gives exactly what --fix writes', async (sample) => {
    const dir = copyToTemp([sample]);
    const name = basename(sample);
    const source = readFileSync(join(dir, name), 'utf8');
    const [result] = JSON.parse((await runCli([name, '-f', 'json'], { cwd: dir })).stdout) as JsonResult[];
    const fixes = result.messages.filter((m) => m.fix);
    expect(fixes.length).toBeGreaterThan(0);
    for (const m of fixes) expect(m.fix!.range).toEqual([expect.any(Number), expect.any(Number)]);
    expect(result.fixableErrorCount + result.fixableWarningCount).toBe(fixes.length);
    const applied = applyEslintFixes(source, result.messages);
    expect(applied).not.toBe(source);
    await runCli([name, '--fix'], { cwd: dir });
    expect(readFileSync(join(dir, name), 'utf8')).toBe(applied);
  });

  it('json-with-metadata carries the same ranges; Word fixes keep their paragraph form (no range)', async () => {
    const dir = copyToTemp(['examples/county-protocol.md', 'fixtures/county-procedure.docx']);
    const plain = JSON.parse((await runCli(['county-protocol.md', '-f', 'json'], { cwd: dir })).stdout) as JsonResult[];
    const meta = JSON.parse((await runCli(['county-protocol.md', '-f', 'json-with-metadata'], { cwd: dir })).stdout) as { results: JsonResult[] };
    expect(meta.results[0].messages.map((m) => m.fix)).toEqual(plain[0].messages.map((m) => m.fix));
    const [word] = JSON.parse((await runCli(['county-procedure.docx', '-f', 'json'], { cwd: dir })).stdout) as JsonResult[];
    const wordFixes = word.messages.filter((m) => m.fix);
    expect(wordFixes.length).toBeGreaterThan(0);
    for (const m of wordFixes) expect(Object.keys(m.fix!)).toEqual(['text']);
  });

  it('a fix --fix would not make (its words run through markup) is not written as a fix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policylint-eslint-shape-'));
    writeFileSync(join(dir, 'a.md'), '# Intake\n\nStaff screen each *CSEC* youth, and each CSEC youth is referred.\n');
    const [result] = JSON.parse((await runCli(['a.md', '-f', 'json', '--no-config-lookup'], { cwd: dir })).stdout) as JsonResult[];
    const csec = result.messages.filter((m) => m.ruleId === 'term/csec');
    expect(csec).toHaveLength(2);
    expect(csec.map((m) => m.fix === undefined)).toEqual([true, false]);
  });
});

interface SarifResult {
  ruleId: string;
  message: { text: string };
  locations: { physicalLocation: { region: { startLine: number } } }[];
  partialFingerprints: Record<string, string>;
}

async function sarifOf(dir: string, file: string): Promise<SarifResult[]> {
  const run = await runCli([file, '-f', 'sarif'], { cwd: dir });
  return (JSON.parse(run.stdout) as { runs: { results: SarifResult[] }[] }).runs[0].results;
}

describe('SARIF partialFingerprints', () => {
  it('stay the same when ten lines are added above the findings, and again when they are removed', async () => {
    const dir = copyToTemp(['examples/county-protocol.md']);
    const original = readFileSync(join(dir, 'county-protocol.md'), 'utf8');
    const before = await sarifOf(dir, 'county-protocol.md');
    const shifted = original.replace(/\n\n/, `\n\n${Array.from({ length: 5 }, (_, i) => `A note added in review, number ${i + 1}.\n`).join('\n')}\n`);
    expect(shifted.split('\n').length - original.split('\n').length).toBe(10);
    writeFileSync(join(dir, 'county-protocol.md'), shifted);
    const after = await sarifOf(dir, 'county-protocol.md');
    expect(after.map((r) => r.ruleId)).toEqual(before.map((r) => r.ruleId));
    // The term findings below the insertion moved down ten lines, with the same fingerprints.
    const moved = before.filter((r, i) => r.ruleId.startsWith('term/') && after[i].locations[0].physicalLocation.region.startLine === r.locations[0].physicalLocation.region.startLine + 10);
    expect(moved.length).toBeGreaterThan(5);
    expect(after.map((r) => r.partialFingerprints)).toEqual(before.map((r) => r.partialFingerprints));
    writeFileSync(join(dir, 'county-protocol.md'), original);
    expect((await sarifOf(dir, 'county-protocol.md')).map((r) => r.partialFingerprints)).toEqual(before.map((r) => r.partialFingerprints));
  });

  it('tell apart two findings of the same words in one file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policylint-eslint-shape-'));
    writeFileSync(join(dir, 'a.md'), '# Intake\n\nEach CSEC youth is screened.\n\nEach CSEC youth is referred.\n');
    const csec = (await sarifOf(dir, 'a.md')).filter((r) => r.ruleId === 'term/csec');
    expect(csec).toHaveLength(2);
    const [a, b] = csec.map((r) => r.partialFingerprints['policylintFinding/v1']);
    expect(a).toMatch(/^[0-9a-f]{16}:1$/);
    expect(b).toBe(a.replace(/:1$/, ':2'));
  });
});

describe('several reports from one run', () => {
  it('writes each --format to the --output-file of the same position, and the one without a file to standard output', async () => {
    const dir = copyToTemp(['examples/county-protocol.md']);
    const run = await runCli(['county-protocol.md', '-f', 'sarif', '-o', 'out/report.sarif', '-f', 'github', '-o', '-', '-f', 'json', '-o', 'out/report.json'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe((await runCli(['county-protocol.md', '-f', 'github'], { cwd: dir })).stdout);
    expect(readFileSync(join(dir, 'out', 'report.json'), 'utf8')).toBe((await runCli(['county-protocol.md', '-f', 'json'], { cwd: dir })).stdout);
    expect(readFileSync(join(dir, 'out', 'report.sarif'), 'utf8')).toBe((await runCli(['county-protocol.md', '-f', 'sarif'], { cwd: dir })).stdout);
  });

  it('refuses pairs it cannot honour, in one line, with exit status 2', async () => {
    const dir = copyToTemp(['examples/county-protocol.md']);
    const cases: [string[], RegExp][] = [
      [['-f', 'json', '-f', 'github'], /^policylint: json and github would both go to standard output; give all but one an --output-file\n$/],
      [['-f', 'json', '-o', 'a.json', '-o', 'b.json'], /^policylint: 2 output files for 1 format: give each --output-file its own --format/],
      [['-f', 'json', '-o', 'a.json', '-f', 'sarif', '-o', 'a.json'], /^policylint: a\.json is given as the output file of two formats\n$/],
      [['-f', 'json', '-o', 'a.json', '-f', 'nope'], /^policylint: unknown format "nope"/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(['county-protocol.md', ...args], { cwd: dir });
      expect(run.stderr).toMatch(message);
      expect(run.code).toBe(2);
    }
  });
});
