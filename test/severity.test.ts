// One severity scale (src/severity.ts): the schemas a person writes against name the same severities, ESLint's
// config numbers are read once at the config boundary (0 is off there), and a finding's level is what JSON prints.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEVERITY_NAMES, severityFromConfig, severityLabel, severityLevel, severityName } from '../src/severity.js';
import { runCli, REPO } from './helpers/cli.js';

const schema = (name: string) => JSON.parse(readFileSync(join(REPO, 'schema', name), 'utf8'));

describe('severity scale', () => {
  it('names, levels and labels go round', () => {
    for (const level of [0, 1, 2] as const) expect(severityLevel(severityName(level))).toBe(level);
    expect([0, 1, 2].map((l) => severityLabel(l as 0 | 1 | 2))).toEqual(['info', 'warning', 'error']);
    expect(severityFromConfig(0)).toBe('off');
    expect(severityFromConfig(2)).toBe('error');
    expect(severityFromConfig('info')).toBe('info');
    expect(severityFromConfig(3)).toBeUndefined();
    expect(severityFromConfig('warning')).toBeUndefined();
  });

  it('is the one the config and rule-pack schemas allow', () => {
    const config = schema('config.schema.json');
    expect(config.$defs.severity.enum).toEqual([...SEVERITY_NAMES, 0, 1, 2]);
    expect(config.properties.reportUnusedDisableDirectives.enum).toEqual([true, false, ...SEVERITY_NAMES]);
    const pack = JSON.stringify(schema('rule-pack.schema.json'));
    const packSeverities = [...pack.matchAll(/"severity":\{"enum":(\[[^\]]*\])\}/g)].map((m) => JSON.parse(m[1]));
    expect(packSeverities.length).toBeGreaterThan(1);
    for (const allowed of packSeverities) expect(allowed).toEqual(SEVERITY_NAMES.filter((n) => n !== 'off'));
  });
});

describe('severity through the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'policylint-severity-'));
  writeFileSync(join(dir, '.policylintrc.json'), JSON.stringify({ root: true, rules: { term: 0, 'term/csec': 1, provision: 2 } }));
  writeFileSync(join(dir, 'doc.md'), '# County Protocol\n\nA pimp may approach youth. CSEC referrals go to the team.\n');
  const severities = (stdout: string) =>
    (JSON.parse(stdout) as { messages: { ruleId: string; severity: number }[] }[])[0].messages.map((m) => `${m.ruleId.split('/')[0]}:${m.severity}`);

  it("reads ESLint's config numbers as names: 0 turns a rule off, 1 and 2 are warn and error", async () => {
    const run = await runCli(['--format', 'json', 'doc.md'], { cwd: dir });
    const found = severities(run.stdout);
    expect(found).toContain('term:1');
    expect(found.filter((s) => s.startsWith('term:'))).toEqual(['term:1']);
    expect(found.filter((s) => s.startsWith('provision:')).length).toBeGreaterThan(0);
    expect(found.filter((s) => s.startsWith('provision:') && s !== 'provision:2')).toEqual([]);
  });

  it('keeps info findings out of the command line and refuses a severity that is not on the scale', async () => {
    const info = await runCli(['--format', 'json', '--rule', 'term/csec:info', 'doc.md'], { cwd: dir });
    expect(severities(info.stdout).filter((s) => s.startsWith('term:'))).toEqual([]);
    const bad = await runCli(['--rule', 'term/csec:warning', 'doc.md'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('RULE:SEVERITY');
  });
});
