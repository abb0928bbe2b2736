// The rule data tests itself: every example in rules/*.yaml runs here, as
// ESLint's RuleTester runs valid and invalid cases, so adding a case is one line of YAML.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { lintDocument } from '../src/lint.js';
import { readMarkdown } from '../src/readers/markdown.js';
import { fillSuffixes } from '../src/rules/phrase.js';
import { builtinRuleSet, ENGINE_CONCEPTS } from '../src/rules/ruleset.js';
import { DOC_TYPES } from '../src/types.js';
import { itRunsExamples } from './helpers/detectors.js';

const set = builtinRuleSet();
const lint = (text: string, docType: (typeof DOC_TYPES)[number] = 'protocol') => lintDocument(readMarkdown('example.md', text), { ruleSet: set, docType });
const termIds = (text: string) => lint(text).messages.filter((m) => m.ruleId.startsWith('term/')).map((m) => m.ruleId);

describe('rule packs', () => {
  it('load, validate and define the provisions the issue names', () => {
    expect(set.terms.size).toBeGreaterThan(10);
    expect(set.provisions.map((p) => p.id).sort()).toEqual(
      ['canra-labor', 'data-codes', 'forced-criminality', 'hhs-24h-notice', 'immigrant-youth-services', 'inclusive-title', 'labor-definition', 'labor-screening', 'mdt-labor', 'steering-committee-inclusive', 'survivor-engagement', 'training-labor', 'tribal-collaboration'].sort(),
    );
  });
});

describe.each([...set.terms.values()].map((t) => [t.id, t] as const))('term/%s', (id, term) => {
  it.each((term.examples?.flag ?? []).map((e) => [e]))('flags: %s', (example) => {
    expect(termIds(example)).toContain(`term/${id}`);
  });
  it.each((term.examples?.pass ?? []).map((e) => [e]))('passes: %s', (example) => {
    expect(termIds(example)).not.toContain(`term/${id}`);
  });
  it('has replacements that are themselves clean', () => {
    for (const form of term.forms) {
      for (const r of form.replace ?? []) {
        for (const plural of [false, true]) expect(termIds(`Staff serve ${fillSuffixes(r, plural)} every day.`)).toEqual([]);
      }
    }
  });
  it('has at least one example of each kind', () => {
    expect(term.examples?.flag?.length ?? 0).toBeGreaterThan(0);
  });
});

describe.each([...set.contexts.values()].map((c) => [c.id, c] as const))('context/%s', (id, context) => {
  itRunsExamples(set, id, context.examples);
  it('names its category, says what it leaves alone, and has at least five examples it keeps quiet and two near misses', () => {
    expect(context.category).toBeDefined();
    expect(context.leavesAlone?.trim()).toBeTruthy();
    expect(context.examples?.excused?.length ?? 0).toBeGreaterThanOrEqual(5);
    expect(context.examples?.reported?.length ?? 0).toBeGreaterThanOrEqual(2);
  });
});

describe.each(set.provisions.filter((p) => !p.topic.includes('TITLE')).map((p) => [p.id, p] as const))('provision/%s model language', (id, p) => {
  it('uses no flagged terms', () => {
    expect(termIds(p.model)).toEqual([]);
  });
  it('makes the provision present when pasted under its heading', () => {
    const docType = p.appliesTo[0];
    const result = lint(`# Child Trafficking Response\n\n## ${p.newHeading ?? p.title}\n\n${p.model}\n`, docType);
    expect(result.provisions.find((r) => r.id === id)?.status).toBe('present');
  });
});

describe('concepts', () => {
  it('are each used by a provision or by the engine (an unused one only costs matching time)', () => {
    const used = new Set<string>(ENGINE_CONCEPTS);
    for (const p of set.provisions) for (const c of [...p.topic, ...p.require, ...(p.confusable ?? [])]) used.add(c);
    // NOT_X shields X (provisions.ts).
    const unused = [...set.concepts].filter((c) => !used.has(c) && !(c.startsWith('NOT_') && used.has(c.slice(4))));
    expect(unused).toEqual([]);
  });
});

describe('docs/rules.md', () => {
  it('is generated from the current rule packs (run `npm run docs:rules` after editing rules/)', () => {
    const check = spawnSync(process.execPath, ['scripts/gen-rules-doc.js', '--check'], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
