// A lint without a LintCache matches each block when a rule first reads it and releases it once the term rules are
// done (keeping only its concepts and context hits); the editor's lint keeps every block's work for the next one.
// Both must report the same findings and provision statuses.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintDocument } from '../dist/lint.js';
import { readDocumentFile, readDocumentText } from '../dist/readers/index.js';
import { LintCache } from '../dist/rules/analysis.js';
import { builtinRuleSet } from '../dist/rules/ruleset.js';
import type { LintResult } from '../dist/types.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const EVAL_FIXTURE = join(import.meta.dirname, 'fixtures-eval');
const documents = [
  ...readdirSync(FIXTURES).filter((f) => !f.endsWith('.json')).map((f) => join(FIXTURES, f)),
  ...readdirSync(EVAL_FIXTURE).filter((f) => f.endsWith('.md')).map((f) => join(EVAL_FIXTURE, f)),
];

async function lint(file: string, cache?: LintCache): Promise<LintResult> {
  const read = readDocumentFile(file, new Uint8Array(readFileSync(file)));
  const doc = read instanceof Promise ? await read : read;
  return lintDocument(doc, { ruleSet: builtinRuleSet(), cache });
}

describe('a lint that releases each block as it goes', () => {
  it.each(documents.map((d) => [d.slice(d.lastIndexOf('/') + 1), d]))('reports what a lint keeping every block reports: %s', async (_, file) => {
    const released = await lint(file);
    const cache = new LintCache();
    const kept = await lint(file, cache);
    expect(released.provisions.length).toBeGreaterThan(0);
    expect(released).toEqual(kept);
    // And the cache, used a second time, still gives the same.
    expect(await lint(file, cache)).toEqual(released);
  });

  it('keeps the context hits of a released block for the blocks around it', () => {
    // The second item is inclusive only through the phrase "forced labor" in its sibling, which is released by then.
    const text = '# Scope\n\nThe team serves youth harmed by:\n\n- debt bondage and forced labor\n- sex trafficking\n\nCSEC youth are referred to the team.\n';
    const doc = () => readDocumentText('scope.md', text);
    const released = lintDocument(doc(), { ruleSet: builtinRuleSet() });
    const kept = lintDocument(doc(), { ruleSet: builtinRuleSet(), cache: new LintCache() });
    expect(released.messages.filter((m) => m.ruleId.startsWith('term/')).map((m) => m.found)).toEqual(['CSEC youth']);
    expect(released).toEqual(kept);
  });

  it("forgets a block's term findings when an edit changes the document's state", () => {
    const body = '## Intake\n\nIntake workers learn when and how to report sex trafficking of a minor.\n';
    const edit = (state: string) => readDocumentText('manual.md', `# Manual\n\nThis chapter of the ${state} manual explains intake in ${state} counties.\n\n${body}`);
    const cache = new LintCache();
    const found = (state: string) => lintDocument(edit(state), { ruleSet: builtinRuleSet(), cache }).messages.filter((m) => m.ruleId.startsWith('term/')).length;
    expect(found('Minnesota')).toBe(0);
    expect(found('California')).toBe(1);
  });

  it('forgets a block\'s term findings when an edit makes its words a link, though its text stays the same', () => {
    const cache = new LintCache();
    const found = (text: string) => lintDocument(readDocumentText('links.md', text), { ruleSet: builtinRuleSet(), cache }).messages.filter((m) => m.ruleId.startsWith('term/')).length;
    expect(found('# Guide\n\nParents can read Sex Trafficking Warning Signs for Families.\n')).toBe(1);
    expect(found('# Guide\n\nParents can read [Sex Trafficking Warning Signs for Families](https://example.org/s).\n')).toBe(0);
  });

  it('term findings are plain data: their wording is shared and frozen, their place their own', async () => {
    const text = '# Referrals\n\nStaff refer CSEC youth to the team.\n\nStaff refer CSEC youth to the county.\n';
    const { messages } = lintDocument(readDocumentText('referrals.md', text), { ruleSet: builtinRuleSet() });
    const [term, other] = messages.filter((m) => m.ruleId === 'term/csec');
    expect(Object.getPrototypeOf(term)).toBe(Object.prototype);
    // Worded alike: one list of suggestions, which no consumer can change for all.
    expect(other.suggestions).toBe(term.suggestions);
    expect(Object.isFrozen(term.suggestions) && Object.isFrozen(term.suggestions[0])).toBe(true);
    // The fix is placed in the source when the finding is made: ESLint's {range, text}.
    expect(term.fix).toEqual({ range: term.range, text: term.suggestions[0].text });
    expect(structuredClone(term)).toEqual(term);
    expect(JSON.parse(JSON.stringify(term))).toEqual(term);
  });
});
