// One compiled matcher for every phrase of every loaded pack: terms, names of
// record, contexts and concepts. A token trie walked once per block: the cost
// per word is a map lookup, whatever the number of rules (a combined RegExp
// slows down as alternatives are added; see docs/performance.md).
//
// The trie's edges are keyed by the hash of each word's match key (words.ts),
// so walking it copies no word into a string. A phrase found is checked word
// by word against the text before it is reported, so two words sharing a hash
// can never produce a false match.
import { SPACE, compilePhrase, normalizeGap, type PhraseToken, type PhraseVariant } from './phrase.js';
import { WordList, isWordCharAt, keyHash } from './words.js';

export type EntryKind = 'term' | 'name' | 'context' | 'concept' | 'doctype';

/** What a phrase belongs to. */
export interface PhraseOwner {
  kind: EntryKind;
  id: string;
  /**
   * A term's forms that list this phrase, in order. Forms often share a phrase ("CSEC" as a noun, a modifier, a
   * label…) and are told apart by their `when`: the matcher reports one hit for all of them, not one per form.
   */
  forms?: number[];
  caseSensitive?: boolean;
}

interface Terminal {
  owner: PhraseOwner;
  plural: boolean;
  trail: string;
  written: PhraseToken[];
  /** Same keys and separators as the node's first terminal: one check of the text serves both. */
  likeFirst: boolean;
}

interface Node {
  /** Keyed by edgeHash(separator, keyHash(word)). */
  next: Map<number, Node>;
  /** `next` as a HashTable, made before the first match (undefined when `next` is empty). */
  table?: HashTable;
  terminals?: Terminal[];
}

export interface Hit {
  owner: PhraseOwner;
  start: number;
  end: number;
  plural: boolean;
  /** A possessive ('s, s') directly after the phrase, included in [start, end). */
  possessive: boolean;
}

/**
 * A node's children, looked up for every word of every text: an open-addressing table of the (30-bit,
 * non-negative) key hashes. On the first level, where a Map was the largest cost, it is about three times faster.
 */
class HashTable {
  private readonly keys: Int32Array;
  private readonly nodes: (Node | undefined)[];
  private readonly mask: number;

  constructor(entries: Map<number, Node>) {
    let size = 16;
    while (size < entries.size * 4) size *= 2;
    this.mask = size - 1;
    this.keys = new Int32Array(size).fill(-1);
    this.nodes = new Array<Node | undefined>(size);
    for (const [key, node] of entries) {
      let slot = key & this.mask;
      while (this.keys[slot] !== -1) slot = (slot + 1) & this.mask;
      this.keys[slot] = key;
      this.nodes[slot] = node;
    }
  }

  get(key: number): Node | undefined {
    for (let slot = key & this.mask; ; slot = (slot + 1) & this.mask) {
      const k = this.keys[slot];
      if (k === key) return this.nodes[slot];
      if (k === -1) return undefined;
    }
  }
}

function edgeHash(gap: string, wordHash: number): number {
  return gap === SPACE ? wordHash : keyHash(`${gap}\u0000`) ^ wordHash;
}

/** The separator between two words, normalized as in phrases; a plain space (the usual case) without a copy. */
function gapBetween(text: string, from: number, to: number): string {
  if (to === from + 1 && text.charCodeAt(from) === 32) return SPACE;
  // Whitespace only (a line break inside a paragraph, two spaces) is a space too; decided without a copy.
  let blank = true;
  for (let i = from; i < to && blank; i++) {
    const c = text.charCodeAt(i);
    blank = c === 32 || (c >= 9 && c <= 13) || c === 0xa0;
  }
  return blank ? SPACE : normalizeGap(text.slice(from, to));
}

export class PhraseMatcher {
  private readonly root: Node = { next: new Map() };
  private phraseCount = 0;
  /** Scratch space reused by every call (matching is synchronous, so one per matcher is enough). */
  private readonly words = new WordList();
  /** Every node has its `table` (done on the first match after phrases are added). */
  private sealed = false;

  add(phrase: string, owner: PhraseOwner): void {
    this.sealed = false;
    for (const variant of compilePhrase(phrase)) {
      let node = this.root;
      for (const [i, token] of variant.tokens.entries()) {
        const key = i === 0 ? keyHash(token.key) : edgeHash(token.gap, keyHash(token.key));
        let child = node.next.get(key);
        if (!child) {
          child = { next: new Map() };
          node.next.set(key, child);
        }
        node = child;
      }
      const terminals = (node.terminals ??= []);
      const same = owner.kind === 'term' ? terminals.find((t) => sameTermPhrase(t, owner, variant)) : undefined;
      if (same) same.owner.forms = [...new Set([...(same.owner.forms ?? []), ...(owner.forms ?? [])])].sort((a, b) => a - b);
      else {
        const likeFirst = terminals.length > 0 && sameKeys(terminals[0].written, variant.tokens);
        terminals.push({ owner: { ...owner }, plural: variant.plural, trail: variant.trail, written: variant.tokens, likeFirst });
      }
      this.phraseCount++;
    }
  }

  get size(): number {
    return this.phraseCount;
  }

  /** Every phrase occurrence in `text`, in order of start. Overlaps are kept; callers resolve them. */
  match(text: string): Hit[] {
    const words = this.words;
    words.scan(text);
    const { starts, ends, hashes, stemHashes, possessive, count } = words;
    const hits: Hit[] = [];
    if (!this.sealed) this.seal();
    const firstWords = this.root.table;
    if (!firstWords) return hits;
    for (let i = 0; i < count; i++) {
      let node: Node | undefined = firstWords.get(hashes[i]);
      if (!node) {
        if (possessive[i]) this.record(text, i, i, firstWords.get(stemHashes[i]), true, hits);
        continue;
      }
      let j = i;
      for (;;) {
        if (node.terminals) this.record(text, i, j, node, false, hits);
        const table: HashTable | undefined = node.table;
        if (j + 1 >= count || !table) break;
        const gap = gapBetween(text, ends[j], starts[j + 1]);
        const child: Node | undefined = table.get(edgeHash(gap, hashes[j + 1]));
        if (!child) {
          if (possessive[j + 1]) this.record(text, i, j + 1, table.get(edgeHash(gap, stemHashes[j + 1])), true, hits);
          break;
        }
        node = child;
        j++;
      }
    }
    return hits;
  }

  /** Gives every node its `table`. */
  private seal(): void {
    const pending = [this.root];
    for (let node = pending.pop(); node; node = pending.pop()) {
      node.table = node.next.size > 0 ? new HashTable(node.next) : undefined;
      pending.push(...node.next.values());
    }
    this.sealed = true;
  }

  private record(text: string, first: number, last: number, node: Node | undefined, stemmed: boolean, hits: Hit[]): void {
    if (!node?.terminals) return;
    const { starts, ends } = this.words;
    const start = starts[first];
    let end = ends[last];
    let possessive = stemmed;
    // A plural possessive ("victims'") leaves the apostrophe outside the word.
    const after = end < text.length ? text.charCodeAt(end) : 0; // never past the end (see words.ts wordCharWidth)
    if (!stemmed && (after === 39 || after === 0x2019) && (text.charCodeAt(end - 1) | 32) === 115 /* s */ && !isWordCharAt(text, end + 1)) {
      end += 1;
      possessive = true;
    }
    let firstMatches: boolean | undefined;
    const terminals = node.terminals;
    for (let k = 0; k < terminals.length; k++) {
      const terminal = terminals[k];
      const matches = k === 0 || terminal.likeFirst ? (firstMatches ??= this.sameWords(text, first, stemmed, terminals[0].written)) : this.sameWords(text, first, stemmed, terminal.written);
      if (!matches) continue;
      if (terminal.owner.caseSensitive && !sameCase(text, starts, ends, first, terminal.written)) continue;
      const trailed = terminal.trail && !possessive && text.startsWith(terminal.trail, end) ? end + terminal.trail.length : end;
      hits.push({ owner: terminal.owner, start, end: trailed, plural: terminal.plural, possessive });
    }
  }

  /** The words from `first` are the phrase's words with its separators (the trie only compared hashes). */
  private sameWords(text: string, first: number, stemmed: boolean, written: PhraseToken[]): boolean {
    const { starts, ends } = this.words;
    const last = written.length - 1;
    for (let k = 0; k <= last; k++) {
      const w = first + k;
      if (!this.words.keyIs(w, written[k].key, stemmed && k === last)) return false;
      if (k > 0 && gapBetween(text, ends[w - 1], starts[w]) !== written[k].gap) return false;
    }
    return true;
  }
}

function sameKeys(a: PhraseToken[], b: PhraseToken[]): boolean {
  return a.length === b.length && a.every((t, k) => t.key === b[k].key && t.gap === b[k].gap);
}

/** A terminal the variant can join: the same term, number, trailing punctuation and (if case counts) spelling. */
function sameTermPhrase(t: Terminal, owner: PhraseOwner, variant: PhraseVariant): boolean {
  return (
    t.owner.kind === 'term' && t.owner.id === owner.id && !!t.owner.caseSensitive === !!owner.caseSensitive &&
    t.plural === variant.plural && t.trail === variant.trail &&
    (!owner.caseSensitive || t.written.every((w, k) => w.written === variant.tokens[k].written))
  );
}

function sameCase(text: string, starts: Int32Array, ends: Int32Array, first: number, written: PhraseToken[]): boolean {
  return written.every((w, k) => {
    const word = text.slice(starts[first + k], ends[first + k]).replace(/['’]s$/, '');
    return word === w.written || word.replace(/’/g, "'") === w.written;
  });
}
