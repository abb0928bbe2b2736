// One descriptor per rule (src/rules/descriptor.ts): `policylint rules`, `explain`, SARIF's driver rules and
// json-with-metadata's rulesMeta all say what the rule set's descriptor says, for the built-in packs and a county's.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryIdOf, isKindPattern, ruleIdOf, ruleKindOf, settingKeysOf } from '../src/rule-id.js';
import { builtinRuleSet } from '../src/rules/ruleset.js';
import { categoryOf } from '../src/rules/descriptor.js';
import { runCli } from './helpers/cli.js';

const set = builtinRuleSet();
const SARIF_LEVEL = { info: 'note', warn: 'warning', error: 'error' };

describe('rule ids', () => {
  it('are read and written in one shape', () => {
    expect(ruleIdOf('term', 'csec')).toBe('term/csec');
    expect(ruleKindOf('provision/mdt-labor')).toBe('provision');
    expect(ruleKindOf('unused-disable-directive')).toBe('unused-disable-directive');
    expect(entryIdOf('term/csec', 'term')).toBe('csec');
    expect(entryIdOf('term/csec', 'provision')).toBeUndefined();
    expect(entryIdOf('terms/csec', 'term')).toBeUndefined();
    expect(settingKeysOf('term/csec')).toEqual(['term/csec', 'term/*', 'term']);
    expect([isKindPattern('term'), isKindPattern('term/*'), isKindPattern('term/csec')]).toEqual([true, true, false]);
  });
});

describe('rule descriptors', () => {
  it('describe every term and provision of the rule set, terms first', () => {
    const ids = [...set.rules.keys()];
    expect(ids).toEqual([...[...set.terms.keys()].map((id) => `term/${id}`), ...set.provisions.map((p) => `provision/${p.id}`)]);
    for (const d of set.rules.values()) {
      expect(d.title.length).toBeGreaterThan(0);
      expect(d.why).toBe(d.why.trim());
      expect(d.helpUri).toMatch(/\/docs\/rules\.md#(term|provision)-/);
      expect(d.citations.length).toBeGreaterThan(0);
      if (d.kind === 'provision') expect(d.model?.length).toBeGreaterThan(0);
    }
  });

  it('are what `policylint rules`, `explain` and SARIF print', async () => {
    const [rules, sarif] = await Promise.all([
      runCli(['rules']),
      runCli(['--no-config-lookup', '-f', 'sarif', 'examples/county-protocol.md']),
    ]);
    const rows = rules.stdout.split('\n');
    const driver = JSON.parse(sarif.stdout).runs[0].tool.driver.rules as { id: string; shortDescription: { text: string }; helpUri?: string; defaultConfiguration?: { level: string } }[];
    for (const d of set.rules.values()) {
      const row = rows.find((r) => r.startsWith(`${d.id} `))!.split(/\s{2,}/);
      expect(row).toEqual([d.id, categoryOf(d), d.defaultSeverity, d.title]);
      const rule = driver.find((r) => r.id === d.id)!;
      expect(rule.shortDescription.text).toBe(d.title);
      expect(rule.helpUri).toBe(d.helpUri);
      expect(rule.defaultConfiguration?.level).toBe(SARIF_LEVEL[d.defaultSeverity]);
    }
    const explained = await runCli(['explain', 'provision/mdt-labor']);
    const mdt = set.rules.get('provision/mdt-labor')!;
    expect(explained.stdout.split('\n')[0]).toBe(`${mdt.id} — ${mdt.title}`);
  });

  it("follow a county pack's term, and explain says when a term cannot be fixed", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policylint-descriptor-'));
    const pack = join(dir, 'county.yaml');
    writeFileSync(
      pack,
      [
        'pack: test-county',
        'citations:',
        '  county-memo:',
        '    text: Test County memo on program names (fictional)',
        '    source: guidance',
        'terms:',
        '  - id: rescue-program',
        '    kind: precision',
        '    severity: error',
        '    title: A program name the county retired',
        '    why: The county retired this program name; describe the service instead.',
        '    citations: [county-memo]',
        '    forms:',
        '      - match: ["rescue program"]',
        '',
      ].join('\n'),
    );
    const explained = await runCli(['explain', '--rule-pack', pack, 'rescue-program']);
    expect(explained.code).toBe(0);
    expect(explained.stdout).toContain('term/rescue-program — A program name the county retired');
    expect(explained.stdout).toContain('Kind: precision; default severity: error; not fixable: reword by hand.');
    expect(explained.stdout).toContain('Test County memo on program names (fictional)');
    writeFileSync(join(dir, 'doc.md'), '# Services\n\nThe rescue program meets monthly.\n');
    const linted = await runCli(['--no-config-lookup', '--rule-pack', pack, '-f', 'json-with-metadata', 'doc.md'], { cwd: dir });
    const meta = JSON.parse(linted.stdout).metadata.rulesMeta['term/rescue-program'];
    expect(meta).toMatchObject({ type: 'suggestion', defaultSeverity: 'error', kind: 'precision', hasSuggestions: false, docs: { description: 'A program name the county retired' } });
    expect(meta.fixable).toBeUndefined();
  });
});
