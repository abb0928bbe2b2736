// Issue 2's acceptance check: every term of shared/domain.md §2 is reported
// through the CLI's JSON output, and no name of record is.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

// One line per term of domain.md §2, each in a sentence that does not mention labor trafficking.
const TERMS = [
  ['CSEC youth', 'The protocol serves CSEC youth in foster care.'],
  ['CSEC victims', 'Probation identifies CSEC victims at intake.'],
  ['serving CSEC', 'Agencies serving CSEC meet monthly.'],
  ['commercially sexually exploited children', 'The unit assists commercially sexually exploited children.'],
  ['commercially sexually exploited youth', 'Placement options for commercially sexually exploited youth are limited.'],
  ['commercially sexually exploited minors', 'Shelter beds are reserved for commercially sexually exploited minors.'],
  ['commercial sexual exploitation of children', 'The county works to end the commercial sexual exploitation of children.'],
  ['sex trafficking', 'Staff screen every youth for sex trafficking.'],
  ['child sex trafficking', 'The task force responds to child sex trafficking.'],
  ['domestic minor sex trafficking', 'Advocates serve victims of domestic minor sex trafficking.'],
  ['DMST', 'Referrals for DMST go to the advocate.'],
  ['CSEC Steering Committee', 'The CSEC Steering Committee meets quarterly.'],
  ['CSEC MDT', 'The CSEC MDT reviews each referral.'],
  ['CSEC Coordinator', 'The CSEC Coordinator schedules meetings.'],
  ['CSEC Liaison', 'Each region has a CSEC Liaison.'],
  ['CSEC Unit', 'The CSEC Unit carries a small caseload.'],
  ['CSEC Protocol', 'Staff follow the CSEC Protocol.'],
  ['child prostitute', 'No youth may be described as a child prostitute.'],
  ['juvenile prostitution', 'Arrests for juvenile prostitution ended in 2017.'],
  ['teen prostitution', 'The unit was created to address teen prostitution.'],
  ['underage prostitution', 'Officers once charged youth with underage prostitution.'],
  ['prostituted child', 'A prostituted child needs services.'],
  ['pimp', 'The youth was controlled by a pimp.'],
  ['john', 'The youth was sold to a john.'],
  ['the life', 'Many youth want to leave the life.'],
] as const;

const NAMES_OF_RECORD = [
  'The County opted into the CSEC Program under WIC 16524.6.',
  'The CSEC Program Appropriation funds the advocate.',
  'Social workers complete the CSE-IT at intake.',
  'The Commercial Sexual Exploitation Identification Tool is used at placement.',
  'The CSEC Action Team and its Survivor Advisory Board reviewed the draft.',
  'Missing youth are reported to the National Center for Missing & Exploited Children.',
  'The Preventing Sex Trafficking and Strengthening Families Act requires this report.',
  'The Sexually Exploited and Trafficked Minors Act was vetoed in 2014.',
  'John Smith, Deputy Director, signed the agreement.',
];

async function lint(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'policylint-terms-'));
  const file = join(dir, 'terms.md');
  writeFileSync(file, text);
  const run = await runCli(['--format', 'json', file], { cwd: dir });
  expect(run.stderr).toBe('');
  return (JSON.parse(run.stdout) as { messages: { ruleId: string; line: number; column: number; endLine: number; endColumn: number; message: string; severity: number; suggestions: { desc: string; text: string }[] }[] }[])[0];
}

describe('domain.md §2 terms through the CLI', () => {
  it('reports each term with its location, message and suggestions', async () => {
    const lines = TERMS.map(([, sentence]) => sentence);
    const result = await lint(`# Policy\n\n${lines.join('\n\n')}\n`);
    const terms = result.messages.filter((m) => m.ruleId.startsWith('term/'));
    TERMS.forEach(([phrase, sentence], i) => {
      const line = 3 + i * 2;
      const hit = terms.find((m) => m.line === line);
      expect(hit, `${phrase} in "${sentence}"`).toBeDefined();
      const covered = sentence.slice(hit!.column - 1, hit!.endColumn - 1);
      expect(covered.toLowerCase()).toContain(phrase.toLowerCase());
      expect([1, 2]).toContain(hit!.severity);
      // One short line: the words found, what is wrong, what to write (or that a label the sentence rejects is left
      // alone); no sources (they are the rule's).
      expect(hit!.message).toMatch(/^"[^"\n]+" [^\n]+; (?:write "[^"\n]+"|reword it|the sentence rejects the label)[^\n]*\.$/);
      expect(hit!.message.length).toBeLessThanOrEqual(200);
      expect(hit!.message).not.toMatch(/Source:/);
      expect(hit!.suggestions.length).toBeGreaterThan(0);
    });
  });

  it('says each rule\'s sources once, in the rule metadata, not in each message', async () => {
    const input = 'The protocol serves CSEC youth in foster care. Each CSEC youth is served.\n';
    const run = await runCli(['--format', 'json-with-metadata', '--no-config-lookup', '--stdin', '--stdin-filename', 'p.md'], { input });
    const out = JSON.parse(run.stdout) as { results: { messages: { ruleId: string; message: string; citations?: unknown }[] }[]; metadata: { rulesMeta: Record<string, { docs: { description: string; url: string; explanation: string; sources: string[] } }> } };
    const csec = out.results[0].messages.filter((m) => m.ruleId === 'term/csec');
    expect(csec).toHaveLength(2);
    for (const m of csec) {
      expect(m.message).toBe('"CSEC youth" names sex trafficking only; write "youth affected by child trafficking".');
      expect(m).not.toHaveProperty('citations');
    }
    const meta = out.metadata.rulesMeta['term/csec'];
    expect(meta.docs.sources.some((s) => s.includes('county recommendation 8 (p. 24): update the language of all relevant policies'))).toBe(true);
    expect(meta.docs.explanation).toMatch(/names sex trafficking only/);
    const sarif = await runCli(['--format', 'sarif', '--no-config-lookup', '--stdin', '--stdin-filename', 'p.md'], { input });
    expect(sarif.stdout).toContain('county recommendation 8 (p. 24): update the language of all relevant policies');
  });

  it('reports nothing for names of record', async () => {
    const result = await lint(`# Policy\n\n${NAMES_OF_RECORD.join('\n\n')}\n`);
    expect(result.messages.filter((m) => m.ruleId.startsWith('term/'))).toEqual([]);
  });
});
