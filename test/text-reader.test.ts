// Plain-text documents: inline directives wherever Markdown has them (and never
// linted or fixed themselves), the title from the opening line(s), and the
// document-type guess that follows from it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, fixEdits } from '../src/fix/text-edits.js';
import type { ConfigOverrides } from '../src/config/index.js';
import { Engine } from '../src/engine.js';
import { rangeOf } from '../src/model.js';
import { readText } from '../src/readers/text.js';
import type { Finding } from '../src/types.js';

/** The engine, called as the tests call the core. */
const engine = new Engine();
const lintText = (filePath: string, text: string, overrides?: ConfigOverrides) => engine.lintText(filePath, text, { overrides });

const NO_CONFIG = { useConfigFiles: false };

function lint(name: string, text: string) {
  const outcome = lintText(name, text, NO_CONFIG);
  expect(outcome.result.fatal).toBeUndefined();
  return outcome;
}

/** "ruleId@line:column" of every term finding. */
const terms = (ms: Finding[]) => ms.filter((m) => m.ruleId.startsWith('term/')).map((m) => `${m.ruleId}@${m.line}:${m.column}`);

/** What --fix would write. */
function fixed(name: string, text: string): string {
  const { result } = lint(name, text);
  return applyEdits(text, fixEdits(result.messages));
}

const TITLE = 'CHILD TRAFFICKING RESPONSE POLICY\n\n';

describe('directives in plain text, as in Markdown', () => {
  it('disable-next-line on its own line covers the line right after it, in the same paragraph', () => {
    const text = `${TITLE}Some text.\n<!-- policylint-disable-next-line term/pimp -->\nA quotation of a youth's own words that uses "pimp".\n\nHer pimp kept her wages.\n`;
    const { result, doc } = lint('p.txt', text);
    expect(doc!.directives).toEqual([{ type: 'disable-next-line', rules: ['term/pimp'], line: 4, column: 1 }]);
    // Line 5 is suppressed; line 7, which no directive covers, is still reported. Nothing inside the comment is.
    expect(terms(result.messages)).toEqual(['term/pimp@7:5']);
  });

  it('disable-line at the end of a line covers that line, and the rule id inside it is neither flagged nor fixed', () => {
    const text = `${TITLE}Each CSEC youth is served. <!-- policylint-disable-line term/csec -->\n`;
    expect(terms(lint('p.txt', text).result.messages)).toEqual([]);
    expect(fixed('p.txt', text)).toBe(text);
  });

  it('a directive naming another rule leaves the line reported, but only the words outside the comment', () => {
    const text = `${TITLE}Each CSEC youth is served. <!-- policylint-disable-line term/pimp -- csec youth -->\n`;
    expect(terms(lint('p.txt', text).result.messages)).toEqual(['term/csec@3:6']);
    expect(fixed('p.txt', text)).toBe(`${TITLE}Each youth affected by child trafficking is served. <!-- policylint-disable-line term/pimp -- csec youth -->\n`);
  });

  it('disable … enable ranges work from the middle of a paragraph and from their own paragraph', () => {
    const text = [
      'CHILD TRAFFICKING RESPONSE POLICY',
      '',
      'Each CSEC youth is served.',
      '<!-- policylint-disable term/csec -- quoting the 2016 board resolution -->',
      'Each CSEC youth is served.',
      '<!-- policylint-enable term/csec -->',
      'Each CSEC youth is served.',
      '',
      '<!-- policylint-disable -->',
      '',
      'Her pimp kept her wages.',
      '',
    ].join('\n');
    const { result, doc } = lint('p.txt', text);
    expect(doc!.directives.map((d) => `${d.type}@${d.line}`)).toEqual(['disable@4', 'enable@6', 'disable@9']);
    expect(terms(result.messages)).toEqual(['term/csec@3:6', 'term/csec@7:6']);
  });

  it('cuts the comment out of the block text and keeps every other character where it is', () => {
    const text = 'Intro.\n\n<!-- policylint-disable-next-line term/pimp -->\nMANDATED REPORTING\n\nStaff <!-- policylint-disable-line --> report it.\n';
    const doc = readText('p.txt', text);
    expect(doc.blocks.map((b) => [b.kind, b.text, b.line])).toEqual([
      ['paragraph', 'Intro.', 1],
      ['heading', 'MANDATED REPORTING', 4],
      ['paragraph', 'Staff  report it.', 6],
    ]);
    const staff = doc.blocks[2];
    const at = staff.text.indexOf('report');
    expect(rangeOf(doc, staff, at, at + 'report'.length)).toEqual({ line: 6, column: 40, endLine: 6, endColumn: 46 });
    expect(text.split('\n')[5].slice(39, 45)).toBe('report');
  });

  it('every block character is the source character it maps to, and no directive text is left in a block', () => {
    const piece = fc.constantFrom('CSEC youth', 'POLICY', 'word.', ' ', '\n', '\n\n', '\r\n', '<!-- policylint-disable-line term/csec -->', '<!-- policylint-enable -->', '<!-- note -->', '<!--', '-->');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        const src = pieces.join('');
        const doc = readText('x.txt', src);
        for (const b of doc.blocks) {
          expect(b.text.trim()).toBe(b.text);
          // A stray "<!--" opens a comment up to the next "-->", as in HTML and Markdown: not a directive, so left as text.
          if (!pieces.includes('<!--')) expect(b.text).not.toMatch(/policylint-/);
          for (const seg of b.segments) expect(src.slice(seg.sourceStart, seg.sourceStart + seg.length)).toBe(b.text.slice(seg.textStart, seg.textStart + seg.length));
          expect(b.segments.reduce((n, seg) => n + seg.length, 0)).toBe(b.text.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('Markdown: a rule id inside a directive is never flagged or fixed either', () => {
    const text = '# Child Trafficking Response Policy\n\nEach CSEC youth is served. <!-- policylint-disable-line term/pimp -- csec youth -->\n\n<!-- policylint-disable-next-line term/pimp -->\nA quotation that uses "pimp".\n';
    expect(terms(lint('p.md', text).result.messages)).toEqual(['term/csec@3:6']);
    expect(fixed('p.md', text)).toBe('# Child Trafficking Response Policy\n\nEach youth affected by child trafficking is served. <!-- policylint-disable-line term/pimp -- csec youth -->\n\n<!-- policylint-disable-next-line term/pimp -->\nA quotation that uses "pimp".\n');
  });
});

describe('plain-text title', () => {
  const HEADER = 'TULE BASIN COUNTY PROBATION DEPARTMENT\nPOLICY 7.14: YOUTH WHO MAY BE TRAFFICKED\n\n';
  const BODY = '1. PURPOSE\n\nThis policy directs officers to look for indicators of sex or labor trafficking.\n';

  it('is the opening line(s) when they look like a title', () => {
    expect(readText('p.txt', HEADER + BODY).title).toBe('TULE BASIN COUNTY PROBATION DEPARTMENT POLICY 7.14: YOUTH WHO MAY BE TRAFFICKED');
    expect(readText('p.txt', 'Tule Basin County Probation Department\nPolicy 7.14: Youth Who May Be Trafficked\n\n' + BODY).title).toBe(
      'Tule Basin County Probation Department Policy 7.14: Youth Who May Be Trafficked',
    );
    const doc = readText('p.txt', HEADER + BODY);
    expect(doc.blocks.map((b) => [b.kind, b.level])).toEqual([['heading', 1], ['heading', 1], ['paragraph', undefined]]);
  });

  it('is not an opening sentence or paragraph of text', () => {
    expect(readText('p.txt', 'Tule Basin County Probation Department. Effective January 1, 2024.\n\n' + BODY).title).toBe('1. PURPOSE');
    expect(readText('p.txt', 'Officers screen every youth at intake\nfor indicators of trafficking\n\n' + BODY).title).toBe('1. PURPOSE');
    expect(readText('p.txt', 'A\nB\nC\nD\n\n' + BODY).title).toBe('1. PURPOSE');
  });

  it('decides the document type: a two-line header naming a policy is a policy, and every provision for its type applies', () => {
    const { result } = lint('p.txt', HEADER + BODY);
    expect(result.title).toBe('TULE BASIN COUNTY PROBATION DEPARTMENT POLICY 7.14: YOUTH WHO MAY BE TRAFFICKED');
    expect(result.docType).toBe('policy');
    // Every type-specific provision applies; only the steering-committee check is not asked, as the policy describes no committee.
    expect(result.provisions.filter((p) => p.status === 'not-applicable').map((p) => p.id)).toEqual(['steering-committee-inclusive']);
  });
});

describe('document-type guess from the opening text alone', () => {
  const guess = (text: string) => lint('p.md', text).result.docType;

  it('a tie between a broad and a narrow type goes to the broad one', () => {
    // One "indicators" (screening) against one "this policy" (policy), no cue in the title.
    expect(guess('# Tule Basin County Probation Department\n\nThis policy directs officers to look for indicators of trafficking.\n')).toBe('policy');
  });

  it('one weak cue does not make a narrow type; two do', () => {
    expect(guess('# Tule Basin County Probation Department\n\nOfficers look for indicators of trafficking.\n')).toBe('protocol');
    // Two distinct cues; the same cue twice ("indicators", "indicator") is one.
    expect(guess('# Tule Basin County Probation Department\n\nOfficers look for indicators of trafficking.\n\nThe indicator list is below.\n')).toBe('protocol');
    expect(guess('# Tule Basin County Probation Department\n\nOfficers look for indicators of trafficking.\n\nThe screening questions are listed below.\n')).toBe('screening');
  });

  it('a cue in the title still decides, and between two title cues the narrower wins', () => {
    expect(guess('# Trafficking Indicators\n\nThis policy lists them.\n')).toBe('screening');
    expect(guess('# Memorandum of Understanding: Child Trafficking Protocol\n\nStaff follow it.\n')).toBe('mou');
  });
});
