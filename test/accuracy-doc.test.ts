// docs/accuracy.md describes every detector with the examples the tests run: the contexts' run in
// rule-data.test.ts; the built-in detectors' (written in the generator) run here.
import { describe, expect, it } from 'vitest';
import { builtinRuleSet } from '../src/rules/ruleset.js';
import { BUILTIN_DETECTORS, CATEGORIES } from '../scripts/gen-accuracy-doc.js';
import { REPO, runNode } from './helpers/cli.js';
import { itRunsExamples, type DetectorExamples } from './helpers/detectors.js';

interface BuiltinDetector {
  id: string;
  category: string;
  examples: DetectorExamples;
}

const set = builtinRuleSet();

describe.each((BUILTIN_DETECTORS as BuiltinDetector[]).map((d) => [d.id, d] as const))('built-in detector %s', (id, detector) => {
  itRunsExamples(set, id, detector.examples);
  it('names a category of the page and has at least five examples it keeps quiet and two near misses', () => {
    expect(Object.keys(CATEGORIES)).toContain(detector.category);
    expect(detector.examples.excused?.length ?? 0).toBeGreaterThanOrEqual(5);
    expect(detector.examples.reported?.length ?? 0).toBeGreaterThanOrEqual(2);
  });
});

describe('docs/accuracy.md', () => {
  it('has a section for every category a context names', () => {
    for (const c of set.contexts.values()) expect(Object.keys(CATEGORIES)).toContain(c.category);
  });

  it('is generated from the current rule packs (run `npm run docs:accuracy` after editing rules/)', async () => {
    const check = await runNode(`${REPO}scripts/gen-accuracy-doc.js`, ['--check']);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
  });
});
