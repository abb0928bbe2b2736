// A detector's examples as tests (a context's in rules/*.yaml, a built-in detector's in scripts/gen-accuracy-doc.js):
// each sentence it keeps quiet gives no term finding and this very detector excused a term in it; each near miss
// is still reported.
import { expect, it } from 'vitest';
import { lintDocument } from '../../src/lint.js';
import { readMarkdown } from '../../src/readers/markdown.js';
import type { RuleSet } from '../../src/rules/ruleset.js';

export interface DetectorExamples {
  excused?: string[];
  reported?: string[];
}

/** The term findings of a Markdown text, and which detector kept each other candidate quiet. */
function traced(set: RuleSet, text: string): { found: string[]; by: string[] } {
  const by: string[] = [];
  const result = lintDocument(readMarkdown('example.md', text), { ruleSet: set, docType: 'protocol', onExcused: (e) => by.push(e.by) });
  return { found: result.messages.filter((m) => m.ruleId.startsWith('term/')).map((m) => m.found ?? ''), by };
}

/** Registers one test per example, inside the caller's `describe`. */
export function itRunsExamples(set: RuleSet, id: string, examples: DetectorExamples | undefined): void {
  it.each((examples?.excused ?? []).map((e) => [e]))('keeps quiet: %s', (example) => {
    const { found, by } = traced(set, example);
    expect(found).toEqual([]);
    // The sentence holds a term, and this detector is what kept it from being reported.
    expect(by).toContain(id);
  });
  it.each((examples?.reported ?? []).map((e) => [e]))('still reports: %s', (example) => {
    expect(traced(set, example).found.length).toBeGreaterThan(0);
  });
}
