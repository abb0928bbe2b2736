// The words of a block, found by a hand-written scanner instead of a
// /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu RegExp: the matcher looks at every
// word of every document, and the RegExp spent ~100 ns a word on Unicode
// property checks. Each word also gets a hash of its match key (lower case,
// curly apostrophe straightened) so the matcher can skip the great majority of
// words without copying them into strings.
//
// A word is what the RegExp above matches: letters and digits, joined by single
// apostrophes ("youth's", "don’t").

import { tokenKey } from './phrase.js';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const APOSTROPHE = 39;
const CURLY_APOSTROPHE = 0x2019;

/** Hash of a match key, the same one WordList computes while scanning. Kept to 30 bits so that it stays a small integer in V8 (a Set of heap numbers is several times slower). */
export function keyHash(key: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), FNV_PRIME);
  return h & HASH_MASK;
}

const HASH_MASK = 0x3fffffff;

/** 1 = letter or digit, 2 = neither, 0 = not yet known (filled on first sight). */
const BMP_CLASS = new Uint8Array(0x10000);
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
for (let c = 0; c < 128; c++) BMP_CLASS[c] = LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? 1 : 2;

/** Whether a letter or digit starts at `i` of `text`. */
export function isWordCharAt(text: string, i: number): boolean {
  return wordCharWidth(text, i) > 0;
}

/** Width in UTF-16 units of the letter or digit at `i` (1, or 2 for a surrogate pair), or 0. */
function wordCharWidth(text: string, i: number): number {
  // Past the end charCodeAt gives NaN, but V8 then drops the caller's optimized code once ("out of bounds") and
  // compiles it again: the hot loops here never read past the end.
  if (i >= text.length) return 0;
  const c = text.charCodeAt(i);
  if (c < 128) return BMP_CLASS[c] === 1 ? 1 : 0;
  if (c >= 0xd800 && c <= 0xdbff) {
    const cp = text.codePointAt(i)!;
    return cp > 0xffff && LETTER_OR_DIGIT.test(String.fromCodePoint(cp)) ? 2 : 0;
  }
  let cls = BMP_CLASS[c];
  if (cls === 0) cls = BMP_CLASS[c] = LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? 1 : 2;
  return cls === 1 ? 1 : 0;
}

/** The match key character of each ASCII letter or digit (its lower case); 0 for every other ASCII character. */
const ASCII_KEY = new Uint8Array(128);
for (let c = 0; c < 128; c++) if (BMP_CLASS[c] === 1) ASCII_KEY[c] = String.fromCharCode(c).toLowerCase().charCodeAt(0);

/** Words of one text in reusable typed arrays: a block has thousands of words, and an object each cost more in GC than the lookups. */
export class WordList {
  starts = new Int32Array(1024);
  ends = new Int32Array(1024);
  /** keyHash of each word's key. */
  hashes = new Int32Array(1024);
  /** 1 when the word ends in a possessive "'s". */
  possessive = new Uint8Array(1024);
  /** keyHash of the key without its possessive "'s" (only where `possessive` is 1). */
  stemHashes = new Int32Array(1024);
  /** 1 when the word has a character outside ASCII other than a curly apostrophe: its key is made by tokenKey. */
  unusual = new Uint8Array(1024);
  count = 0;
  private text = '';

  scan(text: string): void {
    this.text = text;
    this.count = 0;
    // ASCII is looked up inline (nearly every character of a policy): one table read tells a letter or digit and
    // gives its key character, so a word is found and hashed in one pass, without a lower-cased copy of the text.
    // A word with any other letter is hashed from its exact key (tokenKey), as rare as it is.
    const n = text.length;
    let i = 0;
    while (i < n) {
      const first = text.charCodeAt(i);
      if (first < 128 ? ASCII_KEY[first] === 0 : wordCharWidth(text, i) === 0) {
        i++;
        continue;
      }
      const start = i;
      let h = FNV_OFFSET;
      let stemHash = 0;
      let stemAt = -1;
      let unusual = false;
      for (;;) {
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c < 128) {
            const k = ASCII_KEY[c];
            if (k === 0) break;
            h = Math.imul(h ^ k, FNV_PRIME);
            i++;
            continue;
          }
          const w = wordCharWidth(text, i);
          if (w === 0) break;
          unusual = true;
          i += w;
        }
        if (i >= n) break;
        const c = text.charCodeAt(i);
        if ((c !== APOSTROPHE && c !== CURLY_APOSTROPHE) || wordCharWidth(text, i + 1) === 0) break;
        stemHash = h;
        stemAt = i;
        h = Math.imul(h ^ APOSTROPHE, FNV_PRIME);
        i++;
      }
      const possessive = stemAt >= 0 && stemAt === i - 2 && (text.charCodeAt(i - 1) | 32) === 115; /* s */
      this.add(start, i, h, possessive ? stemHash : undefined, unusual);
    }
  }

  private add(start: number, end: number, hash: number, stemHash: number | undefined, unusual: boolean): void {
    if (this.count === this.starts.length) this.grow();
    const k = this.count++;
    this.starts[k] = start;
    this.ends[k] = end;
    this.possessive[k] = stemHash === undefined ? 0 : 1;
    this.unusual[k] = unusual ? 1 : 0;
    if (!unusual) {
      this.hashes[k] = hash & HASH_MASK;
      this.stemHashes[k] = (stemHash ?? 0) & HASH_MASK;
    } else {
      const key = this.key(k);
      this.hashes[k] = keyHash(key);
      this.stemHashes[k] = stemHash === undefined ? 0 : keyHash(key.slice(0, -2));
    }
  }

  /** The match key of word `k` (phrase.ts tokenKey). */
  key(k: number): string {
    return tokenKey(this.text.slice(this.starts[k], this.ends[k]));
  }

  /** Whether the key of word `k` (or of its stem, without the possessive "'s") is `key`, compared in place. */
  keyIs(k: number, key: string, stem: boolean): boolean {
    const start = this.starts[k];
    const end = stem ? this.ends[k] - 2 : this.ends[k];
    if (end - start !== key.length) return false;
    if (this.unusual[k]) return (stem ? this.stemKey(k) : this.key(k)) === key;
    const text = this.text;
    for (let i = 0; i < key.length; i++) {
      const c = text.charCodeAt(start + i);
      const wanted = key.charCodeAt(i);
      // An ASCII word's key is its letters lower-cased and its apostrophes straight.
      if (c === wanted || (c < 128 && ASCII_KEY[c] === wanted) || (c === CURLY_APOSTROPHE && wanted === APOSTROPHE)) continue;
      return false;
    }
    return true;
  }

  /** The key of word `k` without its possessive "'s". Only for possessive words. */
  stemKey(k: number): string {
    return this.key(k).slice(0, -2);
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const bigger = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    const ints = (n: number) => new Int32Array(n);
    const bytes = (n: number) => new Uint8Array(n);
    this.starts = bigger(this.starts, ints);
    this.ends = bigger(this.ends, ints);
    this.hashes = bigger(this.hashes, ints);
    this.stemHashes = bigger(this.stemHashes, ints);
    this.possessive = bigger(this.possessive, bytes);
    this.unusual = bigger(this.unusual, bytes);
  }
}
