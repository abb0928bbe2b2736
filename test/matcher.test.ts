import { describe, expect, it } from 'vitest';
import { PhraseMatcher } from '../src/rules/matcher.js';
import { compilePhrase, fillSuffixes } from '../src/rules/phrase.js';

function found(phrases: string[], text: string, caseSensitive = false): string[] {
  const m = new PhraseMatcher();
  phrases.forEach((p, i) => m.add(p, { kind: 'term', id: String(i), caseSensitive }));
  return m.match(text).map((h) => text.slice(h.start, h.end));
}

describe('phrase syntax', () => {
  it('refuses regular-expression habits that would never match, and takes an optional choice as [(a|b)]', () => {
    expect(() => compilePhrase('determine whether [a|the] child')).toThrow(/\[\(a\|b\)\]/);
    expect(() => compilePhrase('reports of (known|suspected) (or suspected)?')).toThrow(/not phrase syntax/);
    expect(found(['determine whether [(a|the)] child'], 'determine whether the child; determine whether child')).toEqual(['determine whether the child', 'determine whether child']);
  });

  it.each([
    ['CSEC victim{s}', 2],
    ['(child|juvenile|teen) prostitute{s}', 6],
    ['[the] CSEC MDT', 2],
    ['22 U.S.C. 7105', 1],
  ])('%s expands to %i variants', (phrase, count) => {
    expect(compilePhrase(phrase)).toHaveLength(count);
  });

  it('keeps literal parentheses that hold no alternatives', () => {
    expect(found(['671(a)(34)'], 'under 42 U.S.C. 671(a)(34) and 671(a)(35)')).toEqual(['671(a)(34)']);
  });

  it('fills suffixes by number', () => {
    expect(fillSuffixes('child trafficking victim{s}', true)).toBe('child trafficking victims');
    expect(fillSuffixes('child trafficking victim{s}', false)).toBe('child trafficking victim');
  });

  it('rejects unbalanced brackets', () => {
    expect(() => compilePhrase('CSEC victim{s')).toThrow(/unbalanced/);
  });
});

describe('PhraseMatcher', () => {
  it('matches across line breaks and hyphens, in any case', () => {
    expect(found(['CSEC involved youth'], 'serving CSEC-involved\n  Youth today')).toEqual(['CSEC-involved\n  Youth']);
  });

  it('reports number and possessives', () => {
    const m = new PhraseMatcher();
    m.add('CSEC victim{s}', { kind: 'term', id: 'x' });
    const hits = m.match("a CSEC victim's needs and CSEC victims' needs");
    expect(hits.map((h) => [h.plural, h.possessive])).toEqual([[false, true], [true, true]]);
    expect(hits.map((h) => "a CSEC victim's needs and CSEC victims' needs".slice(h.start, h.end))).toEqual(["CSEC victim's", "CSEC victims'"]);
  });

  it('needs punctuation between words to be as written', () => {
    expect(found(['22 U.S.C. 7105'], 'see 22 U.S.C. 7105(b)(1) or 22 USC 7105')).toEqual(['22 U.S.C. 7105']);
    expect(found(['sex trafficking'], 'sex. Trafficking')).toEqual([]);
  });

  it('honours case-sensitive entries', () => {
    expect(found(['john{s}'], 'John Smith met johns', true)).toEqual(['johns']);
  });

  it('keeps overlapping and nested phrases for the caller to resolve', () => {
    expect(found(['CSEC', 'CSEC Program'], 'the CSEC Program')).toEqual(['CSEC', 'CSEC Program']);
  });

  it('does not match inside longer words', () => {
    expect(found(['CSE'], 'CSEC and CSE-IT and CSE youth')).toEqual(['CSE', 'CSE']);
  });
});
