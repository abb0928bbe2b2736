// The word scanner replaces a RegExp on the hot path; these tests hold it to
// that RegExp's answers, and hold the hashed trie to exact matches.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PhraseMatcher } from '../src/rules/matcher.js';
import { tokenKey } from '../src/rules/phrase.js';
import { keyHash, WordList } from '../src/rules/words.js';

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

function scanned(text: string) {
  const words = new WordList();
  words.scan(text);
  return Array.from({ length: words.count }, (_, k) => ({
    start: words.starts[k],
    end: words.ends[k],
    key: words.key(k),
    hash: words.hashes[k],
    possessive: words.possessive[k] === 1,
    stemHash: words.stemHashes[k],
  }));
}

// Characters that stress the scanner: ASCII, apostrophes, accents, a letter whose lower case is longer ("İ"),
// astral letters and digits (surrogate pairs), an astral symbol that is not a letter, CJK, a combining mark.
const pieces = fc.constantFrom('a', 'Z', '7', ' ', '-', "'", '’', 's', 'S', 'é', 'İ', '𝐀', '𝟘', '😀', '中', '\u0301', '\n', '.', 'CSEC');

describe('WordList', () => {
  it('finds the words the RegExp finds, with the same keys, hashes and possessive stems', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }).map((p) => p.join('')), (text) => {
        const expected = [...text.matchAll(WORD)].map((m) => {
          const key = tokenKey(m[0]);
          const possessive = key.endsWith("'s");
          return { start: m.index!, end: m.index! + m[0].length, key, hash: keyHash(key), possessive, stemHash: possessive ? keyHash(key.slice(0, -2)) : 0 };
        });
        expect(scanned(text)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('grows past its first buffers', () => {
    const text = 'youth '.repeat(5000);
    expect(scanned(text)).toHaveLength(5000);
  });
});

describe('PhraseMatcher over hashed words', () => {
  it('never reports a word that only shares its hash with a phrase word', () => {
    // Find two different lower-case words with the same 30-bit hash (a birthday search: ~32,000 words expected).
    const seen = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; !pair; i++) {
      const word = `w${i.toString(36)}`;
      const other = seen.get(keyHash(word));
      if (other !== undefined) pair = [other, word];
      else seen.set(keyHash(word), word);
    }
    const [phraseWord, impostor] = pair;
    const m = new PhraseMatcher();
    m.add(`${phraseWord} youth`, { kind: 'term', id: 'single' });
    m.add(phraseWord, { kind: 'term', id: 'alone' });
    expect(keyHash(phraseWord)).toBe(keyHash(impostor));
    expect(m.match(`the ${impostor} youth and ${impostor}`)).toEqual([]);
    expect(m.match(`the ${phraseWord} youth`).map((h) => h.owner.id)).toEqual(['alone', 'single']);
  });
});
