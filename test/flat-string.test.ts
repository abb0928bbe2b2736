// The flat copy every block text and every finding's `found` goes through must
// give back the very characters it was given, whatever they are.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flatString } from '../src/flat-string.js';

describe('flatString', () => {
  it('returns the same characters for any text, lone surrogates included', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
      expect(flatString(text)).toBe(text);
    }), { numRuns: 2000 });
  });

  it('copies a text whose only odd character is a lone surrogate without replacing it', () => {
    const text = `Screening protocol for every youth ${'\uD800'} in care`;
    expect(flatString(text)).toBe(text);
    expect(flatString(text).charCodeAt(35)).toBe(0xd800);
  });

  it('keeps a slice of a longer text, rope or not, as the same characters', () => {
    let rope = '';
    for (const part of ['Child ', 'trafficking ', 'includes ', 'labor ', 'and sex ', 'trafficking.']) rope += part;
    expect(flatString(rope.slice(6, 40))).toBe('trafficking includes labor and sex');
  });
});
