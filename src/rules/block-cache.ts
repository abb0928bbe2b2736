// What the rules computed for each block of a document, kept between lints of
// the same document so that an edit re-matches only the paragraphs it touched.
// The language server keeps one per open document: typing a word into a
// 300 KB policy changes one block of ~2,000, and matching and term checks were
// half of each re-lint (docs/performance.md).
//
// Everything kept is relative to the block's own text (offsets into it, never
// lines), so it stays true wherever the block moves. Entries not used by the
// latest lint are dropped, so the cache holds one document's worth at most.
import type { RuleSet } from './ruleset.js';

export class BlockCache<T> {
  private entries = new Map<string, T>();
  private used = new Map<string, T>();
  private ruleSet: RuleSet | undefined;
  private documentKey = '';

  /**
   * Starts a lint with `set`; what was computed with another rule set, or for a document whose `documentKey` (what
   * the whole document decides for each block) differs, is forgotten.
   */
  begin(set: RuleSet, documentKey = ''): void {
    if (set !== this.ruleSet || documentKey !== this.documentKey) this.entries.clear();
    this.ruleSet = set;
    this.documentKey = documentKey;
    this.used = new Map();
  }

  /** The value for `key` from the previous lint, or the one `compute` makes now. */
  get(key: string, compute: () => T): T {
    let value = this.used.get(key) ?? this.entries.get(key);
    if (value === undefined) value = compute();
    this.used.set(key, value);
    return value;
  }

  /** Ends a lint: only what it used is kept for the next. */
  end(): void {
    this.entries = this.used;
    this.used = new Map();
  }
}
