// The sample documents in fixtures/ and their expected findings: the built CLI
// is run once on every sample, its JSON results normalised as
// scripts/update-fixtures.js does, and compared with <sample>.expected.json.
// To accept a behaviour change: `node scripts/update-fixtures.js`, then review
// the diff of fixtures/ like code (docs/fixtures.md).
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { applyPatch, parsePatch } from 'diff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
// Shared with the generator so both normalise the same way.
import {
  EXPECTED_SUFFIX,
  FIXTURES,
  LINT_ARGS,
  REPO,
  expectedNameFor,
  listExpectations,
  listSamples,
  normaliseResult,
  repoPath,
  sampleFor,
} from '../scripts/update-fixtures.js';

interface Normalised {
  file: string;
  docType: string | null;
  provisions: { id: string; status: string; line: number }[];
  messages: { ruleId: string | null; severity: number; line: number; column: number; endLine?: number; endColumn?: number; found?: string; status?: string; suggestion?: string }[];
}

interface JsonResult {
  filePath: string;
  messages: { ruleId: string | null; severity: number; fix?: { text: string }; fatal?: boolean; message: string; line: number }[];
  fixableWarningCount: number;
  fixableErrorCount: number;
}

const samples: string[] = listSamples();
const textSamples = samples.filter((s) => /\.(md|markdown|txt)$/i.test(s));
const UPDATE_HINT = 'run `node scripts/update-fixtures.js` and review the diff of fixtures/';

function hashFixtures(): Map<string, string> {
  return new Map(readdirSync(FIXTURES).map((f) => [f, createHash('sha256').update(readFileSync(join(FIXTURES, f))).digest('hex')]));
}

let actual: Map<string, Normalised>;
let before: Map<string, string>;

beforeAll(async () => {
  before = hashFixtures();
  // One process for every sample, with the same options the expectations were made with.
  const run = await runCli([...LINT_ARGS, ...samples.map((s) => `fixtures/${s}`)], { cwd: REPO });
  if (run.code !== 0 && run.code !== 1) throw new Error(`policylint exited with status ${run.code}:\n${run.stderr}`);
  const results = JSON.parse(run.stdout) as Parameters<typeof normaliseResult>[0][];
  actual = new Map(results.map((r) => [repoPath(r.filePath), normaliseResult(r) as Normalised]));
});

afterAll(() => {
  // Nothing in this file may write into fixtures/.
  expect(hashFixtures()).toEqual(before);
});

describe('fixtures/', () => {
  it('holds samples, each with its expected findings, and nothing else', () => {
    expect(samples.length, 'no sample documents in fixtures/').toBeGreaterThanOrEqual(8);
    const expectations = listExpectations();
    const missing = samples.filter((s) => !expectations.includes(expectedNameFor(s)));
    const orphans = expectations.filter((e) => !sampleFor(e, samples));
    const strays = readdirSync(FIXTURES).filter((f) => !samples.includes(f) && !f.endsWith(EXPECTED_SUFFIX));
    expect({ missing, orphans, strays }, `samples without expectations, expectations without samples, other files: ${UPDATE_HINT}`).toEqual({ missing: [], orphans: [], strays: [] });
    expect(new Set(samples.map(expectedNameFor)).size, 'two samples share a name').toBe(samples.length);
  });

  it.each(samples)('%s: findings match the expected file', (sample) => {
    const got = actual.get(`fixtures/${sample}`);
    expect(got, `policylint returned no result for fixtures/${sample}`).toBeDefined();
    expect(got!.messages.filter((m) => 'fatal' in m), `fixtures/${sample} could not be read`).toEqual([]);
    const expected = JSON.parse(readFileSync(join(FIXTURES, expectedNameFor(sample)), 'utf8')) as Normalised;
    // On a mismatch vitest prints a field-by-field diff (- expected, + actual).
    expect(got, `fixtures/${sample} differs from ${expectedNameFor(sample)}; if the change is intended, ${UPDATE_HINT}`).toEqual(expected);
  });
});

describe('fixes on the text fixtures (Markdown and plain text)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'policylint-fixtures-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('--fix-dry-run, then --fix on copies, leaves no fixable term findings, and the two agree', async () => {
    // Dry run on the fixtures themselves: the report goes to a file, the diff to stdout; nothing is written.
    const dry = await runCli([...LINT_ARGS, '-o', join(dir, 'dry-run.json'), '--fix-dry-run', ...textSamples.map((s) => `fixtures/${s}`)], { cwd: REPO });
    expect([0, 1], dry.stderr).toContain(dry.code);
    const patches = new Map(parsePatch(dry.stdout).map((p) => [basename(p.oldFileName ?? ''), p]));
    const dryReport = JSON.parse(readFileSync(join(dir, 'dry-run.json'), 'utf8')) as JsonResult[];
    const fixable = dryReport.filter((r) => r.messages.some((m) => m.fix)).map((r) => basename(r.filePath)).sort();
    expect(fixable.length, 'no text fixture has a fixable finding: the fix check would test nothing').toBeGreaterThan(0);
    expect([...patches.keys()].sort(), 'the dry run shows a diff for exactly the files with fixable findings').toEqual(fixable);

    for (const s of textSamples) copyFileSync(join(FIXTURES, s), join(dir, s));
    const copies = textSamples.map((s) => join(dir, s));
    const fix = await runCli([...LINT_ARGS, '--fix', ...copies], { cwd: dir });
    expect([0, 1], fix.stderr).toContain(fix.code);

    for (const s of textSamples) {
      const original = readFileSync(join(FIXTURES, s), 'utf8');
      const fixed = readFileSync(join(dir, s), 'utf8');
      const patch = patches.get(s);
      // What --fix wrote is what --fix-dry-run showed.
      expect(patch ? applyPatch(original, patch) : original, `${s}: --fix and --fix-dry-run disagree`).toBe(fixed);
    }

    const relint = await runCli([...LINT_ARGS, ...copies], { cwd: dir });
    expect([0, 1], relint.stderr).toContain(relint.code);
    const left = (JSON.parse(relint.stdout) as JsonResult[]).flatMap((r) =>
      r.messages.filter((m) => m.ruleId?.startsWith('term/') && m.fix).map((m) => `${basename(r.filePath)}:${m.line} ${m.ruleId} ${m.message.split('": ')[0]}"`),
    );
    expect(left, 'term findings still fixable after --fix').toEqual([]);
  });
});
