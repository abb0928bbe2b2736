// How a replacement is fitted into the sentence it goes into: capitals at a
// sentence start (after a paragraph number too), headings in Title Case or
// capitals, the article before it, number and possessives. Through lintText,
// as the CLI and the language server call it.
import { describe, expect, it } from 'vitest';
import type { ConfigOverrides } from '../src/config/index.js';
import { Engine } from '../src/engine.js';

/** The engine, called as the tests call the core. */
const engine = new Engine();
const lintText = (filePath: string, text: string, overrides?: ConfigOverrides) => engine.lintText(filePath, text, { overrides });

/** The first fix of the first term finding, applied to the text. */
function fixed(text: string, file = '/policy.md'): string {
  const { result } = lintText(file, text, { useConfigFiles: false });
  const fix = result.messages.find((m) => m.ruleId.startsWith('term/') && m.fix)?.fix;
  if (!fix || !('range' in fix) || !fix.range) throw new Error(`no fixable term finding in: ${text}`);
  return text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
}

describe('replacements fit their sentence', () => {
  it.each([
    ['7.1 Sexually exploited youth are placed with trained families.', '7.1 Exploited or trafficked youth are placed with trained families.'],
    ['3) CSEC victims are children first.', '3) Child trafficking victims are children first.'],
    ['(a) CSEC youth are served by the team.', '(a) Youth affected by child trafficking are served by the team.'],
    ['- CSEC youth are served by the team.', '- Youth affected by child trafficking are served by the team.'],
    ['The team serves each CSEC youth.', 'The team serves each youth affected by child trafficking.'],
    ['The team meets a CSEC youth at intake.', 'The team meets a youth affected by child trafficking at intake.'],
  ])('%s', (text, expected) => {
    expect(fixed(text)).toBe(expected);
  });
});

describe('a term its sentence defines', () => {
  it('is reported with its replacement but not fixed: the definition has to be rewritten by its author', () => {
    const { result } = lintText('/glossary.md', '2.1 **Domestic minor sex trafficking (DMST)** means the recruitment of a minor.', { useConfigFiles: false });
    const finding = result.messages.find((m) => m.ruleId.startsWith('term/'))!;
    expect(finding.fix).toBeUndefined();
    expect(finding.suggestions.length).toBeGreaterThan(0);
    expect(finding.message).toContain('and revise the definition (not changed by --fix)');
  });
});

describe('web and e-mail addresses', () => {
  it.each([
    ['/p.md', 'See <https://example.org/csec-youth> for details.'],
    ['/p.md', 'Visit https://example.org/csec-youth today.'],
    ['/p.md', 'Write to csec-unit@county.gov with questions.'],
    ['/p.txt', 'Forms are at www.county.gov/csec/forms.'],
  ])('are never reported or fixed: %s %s', (file, text) => {
    const { result } = lintText(file, `${text}\n\nEach CSEC youth is served.\n`, { useConfigFiles: false });
    const terms = result.messages.filter((m) => m.ruleId.startsWith('term/'));
    expect(terms.map((m) => m.line)).toEqual([3]);
  });
});
