// Contexts (rules/contexts.yaml, src/rules/contexts.ts) through the core, on documents written for these tests.
import { describe, expect, it } from 'vitest';
import type { ConfigOverrides } from '../src/config/index.js';
import { Engine } from '../src/engine.js';

/** The engine, called as the tests call the core. */
const engine = new Engine();
const lintText = (filePath: string, text: string, overrides?: ConfigOverrides) => engine.lintText(filePath, text, { overrides });

function termsIn(markdown: string): string[] {
  return lintText('policy.md', markdown, { useConfigFiles: false })
    .result.messages.filter((m) => m.ruleId.startsWith('term/'))
    .map((m) => `${m.line} ${m.found}`);
}

describe('contexts', () => {
  it('reads a phrase broken across lines as one phrase: "sex\\ntrafficking" is not trafficking left unqualified', () => {
    expect(termsIn('# Plan\n\nStaff complete training on domestic minor sex\ntrafficking (DMST) within a month.\n')).toEqual(['3 domestic minor sex\ntrafficking (DMST)']);
    expect(termsIn('# Plan\n\nStaff complete training on child sex\ntrafficking and trafficking of youth for labor.\n')).toEqual([]);
  });

  it('pairs sibling list items and headings with a labor-trafficking sibling, and only siblings', () => {
    expect(termsIn('# Plan\n\n## Forms of exploitation\n\n- Sex trafficking\n- Labor trafficking\n')).toEqual([]);
    expect(termsIn('# Plan\n\n## Sex Trafficking\n\nText.\n\n## Labor Trafficking\n\nText.\n')).toEqual([]);
    // A list elsewhere in the document is not a sibling.
    expect(termsIn('# Plan\n\n## Referrals\n\n- Sex trafficking\n- Runaway youth\n\n## Other\n\n- Labor trafficking\n')).toEqual(['5 Sex trafficking']);
  });

  it('lets a federal duty excuse only its own objects in a document without sections', () => {
    const doc = '# Plan\n\nUnder 42 U.S.C. 671(a)(34), staff report children identified as victims of sex trafficking.\n\nCSEC youth are referred to the MDT.\n';
    expect(termsIn(doc)).toEqual(['5 CSEC youth']);
  });

  it('takes a statistic as a fact, unless the sentence also sets a duty', () => {
    expect(termsIn('# Plan\n\nAn estimated 30 percent of referrals last year involved sex trafficking.\n')).toEqual([]);
    expect(termsIn('# Plan\n\nSex trafficking of children is common along the highway, according to the sheriff.\n')).toEqual([]);
    expect(termsIn('# Plan\n\nAn estimated 30 percent of referrals involve sex trafficking, so each one must go to the MDT.\n')).toEqual(['3 sex trafficking']);
  });

  it("restates a state's sex-only reporting duty only in that state's documents", () => {
    const body = '## Intake\n\nIntake workers learn when and how to report sex trafficking of a minor.\n';
    const opening = (state: string) => `# Child Protection Manual\n\nThis chapter of the ${state} manual explains intake in ${state} counties.\n\n`;
    // Minnesota's listed laws limit reporting and investigation duties to sex trafficking; California's are the county's scope to widen.
    expect(termsIn(opening('Minnesota') + body)).toEqual([]);
    expect(termsIn(opening('California') + body)).toEqual(['7 sex trafficking']);
    expect(termsIn(`# Child Protection Manual\n\n${body}`)).toEqual(['5 sex trafficking']);
  });

  it('pairs an item of a long list with its labor-trafficking neighbour only', () => {
    const items = ['Intake', 'Youth at risk of sex trafficking', 'Youth at risk of labor trafficking', 'Placement', 'Phones for sex trafficking survivors', 'Interviews', 'Closing'];
    const doc = `# Contents\n\n${items.map((i) => `- ${i}`).join('\n')}\n`;
    expect(termsIn(doc)).toEqual(['7 sex trafficking']);
    // In a short list every item is a sibling of every other.
    expect(termsIn(`# Contents\n\n${items.slice(1, 5).map((i) => `- ${i}`).join('\n')}\n`)).toEqual([]);
  });
});

