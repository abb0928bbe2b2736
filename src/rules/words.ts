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
  const c = text.charCodeAt(i); // NaN past the end: not a letter
  if (c < 128) return BMP_CLASS[c] === 1 ? 1 : 0;
  if (c >= 0xd800 && c <= 0xdbff) {
    const cp = text.codePointAt(i)!;
    return cp > 0xffff && LETTER_OR_DIGIT.test(String.fromCodePoint(cp)) ? 2 : 0;
  }
  let cls = BMP_CLASS[c];
  if (cls === 0) cls = BMP_CLASS[c] = LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? 1 : 2;
  return cls === 1 ? 1 : 0;
}

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
  count = 0;
  private text = '';
  private lower = '';
  /** Lower-casing kept every offset (it does unless the text has letters such as "İ" that grow). */
  private aligned = true;
  /** The text has a curly apostrophe (keys straighten it, so they are not plain slices of `lower`). */
  private curly = false;

  scan(text: string): void {
    this.text = text;
    this.lower = text.toLowerCase();
    this.aligned = this.lower.length === text.length;
    this.curly = text.includes('’');
    // Word bounds are found in the lower-cased copy when it is aligned (case mapping keeps letters letters), so one
    // pass both finds and hashes each word. ASCII is tested inline: it is nearly every character of a policy.
    const src = this.aligned ? this.lower : text;
    const n = src.length;
    this.count = 0;
    let i = 0;
    while (i < n) {
      const first = src.charCodeAt(i);
      if (first < 128 ? BMP_CLASS[first] !== 1 : wordCharWidth(src, i) === 0) {
        i++;
        continue;
      }
      const start = i;
      let h = FNV_OFFSET;
      let stemHash = 0;
      let stemAt = -1;
      for (;;) {
        while (i < n) {
          const c = src.charCodeAt(i);
          if (c < 128) {
            if (BMP_CLASS[c] !== 1) break;
            h = Math.imul(h ^ c, FNV_PRIME);
            i++;
            continue;
          }
          const w = wordCharWidth(src, i);
          if (w === 0) break;
          h = Math.imul(h ^ c, FNV_PRIME);
          if (w === 2) h = Math.imul(h ^ src.charCodeAt(i + 1), FNV_PRIME);
          i += w;
        }
        const c = src.charCodeAt(i);
        if ((c !== APOSTROPHE && c !== CURLY_APOSTROPHE) || wordCharWidth(src, i + 1) === 0) break;
        stemHash = h;
        stemAt = i;
        h = Math.imul(h ^ APOSTROPHE, FNV_PRIME);
        i++;
      }
      this.add(start, i, h, stemAt >= 0 && stemAt === i - 2 && (src.charCodeAt(i - 1) | 32) === 115 /* s */ ? stemHash : undefined);
    }
  }

  private add(start: number, end: number, hash: number, stemHash: number | undefined): void {
    if (this.count === this.starts.length) this.grow();
    const k = this.count++;
    this.starts[k] = start;
    this.ends[k] = end;
    this.possessive[k] = stemHash === undefined ? 0 : 1;
    if (this.aligned) {
      this.hashes[k] = hash & HASH_MASK;
      this.stemHashes[k] = (stemHash ?? 0) & HASH_MASK;
    } else {
      const key = this.key(k);
      this.hashes[k] = keyHash(key);
      this.stemHashes[k] = stemHash === undefined ? 0 : keyHash(key.slice(0, -2));
    }
  }

  /** The match key of word `k` (phrase.ts tokenKey), sliced from the lower-cased copy when that already is the key. */
  key(k: number): string {
    return this.aligned && !this.curly ? this.lower.slice(this.starts[k], this.ends[k]) : tokenKey(this.text.slice(this.starts[k], this.ends[k]));
  }

  /** Whether the key of word `k` (or of its stem, without the possessive "'s") is `key`, compared in place. */
  keyIs(k: number, key: string, stem: boolean): boolean {
    const start = this.starts[k];
    const end = stem ? this.ends[k] - 2 : this.ends[k];
    if (end - start !== key.length) return false;
    if (this.aligned && !this.curly) return this.lower.startsWith(key, start);
    return (stem ? this.stemKey(k) : this.key(k)) === key;
  }

  /** The key of word `k` without its possessive "'s". Only for possessive words. */
  stemKey(k: number): string {
    return this.key(k).slice(0, -2);
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const bigger = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.starts = bigger(this.starts);
    this.ends = bigger(this.ends);
    this.hashes = bigger(this.hashes);
    this.stemHashes = bigger(this.stemHashes);
    const possessive = new Uint8Array(size);
    possessive.set(this.possessive);
    this.possessive = possessive;
  }
}
