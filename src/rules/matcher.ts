// One compiled matcher for every phrase of every loaded pack: terms, names of
// record, contexts and concepts. A token trie walked once per block: the cost
// per word is a map lookup, whatever the number of rules (a combined RegExp
// slows down as alternatives are added; see docs/performance.md).
import { SPACE, compilePhrase, normalizeGap, tokenKey, type PhraseToken } from './phrase.js';

export type EntryKind = 'term' | 'name' | 'context' | 'concept' | 'doctype';

/** What a phrase belongs to. `form` is the index of a term's form. */
export interface PhraseOwner {
  kind: EntryKind;
  id: string;
  form?: number;
  caseSensitive?: boolean;
}

interface Terminal {
  owner: PhraseOwner;
  plural: boolean;
  trail: string;
  written: PhraseToken[];
}

interface Node {
  next: Map<string, Node>;
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

interface Token {
  start: number;
  end: number;
  key: string;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

function edgeKey(gap: string, key: string): string {
  return gap === SPACE ? key : `${gap}\u0000${key}`;
}

export class PhraseMatcher {
  private readonly root: Node = { next: new Map() };
  private phraseCount = 0;

  add(phrase: string, owner: PhraseOwner): void {
    for (const variant of compilePhrase(phrase)) {
      let node = this.root;
      for (const [i, token] of variant.tokens.entries()) {
        const key = i === 0 ? token.key : edgeKey(token.gap, token.key);
        let child = node.next.get(key);
        if (!child) {
          child = { next: new Map() };
          node.next.set(key, child);
        }
        node = child;
      }
      (node.terminals ??= []).push({ owner, plural: variant.plural, trail: variant.trail, written: variant.tokens });
      this.phraseCount++;
    }
  }

  get size(): number {
    return this.phraseCount;
  }

  /** Every phrase occurrence in `text`, in order of start. Overlaps are kept; callers resolve them. */
  match(text: string): Hit[] {
    const tokens: Token[] = [];
    WORD.lastIndex = 0;
    for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
      tokens.push({ start: m.index, end: m.index + m[0].length, key: tokenKey(m[0]) });
    }
    const hits: Hit[] = [];
    for (let i = 0; i < tokens.length; i++) {
      let node = this.root.next.get(tokens[i].key);
      if (!node && !possessiveStem(tokens[i].key)) continue;
      if (!node) {
        this.record(text, tokens, i, i, this.root.next.get(possessiveStem(tokens[i].key)!), true, hits);
        continue;
      }
      let j = i;
      for (;;) {
        this.record(text, tokens, i, j, node, false, hits);
        if (j + 1 >= tokens.length || node.next.size === 0) break;
        const gap = normalizeGap(text.slice(tokens[j].end, tokens[j + 1].start));
        const nextKey = edgeKey(gap, tokens[j + 1].key);
        const child = node.next.get(nextKey);
        if (!child) {
          const stem = possessiveStem(tokens[j + 1].key);
          if (stem) this.record(text, tokens, i, j + 1, node.next.get(edgeKey(gap, stem)), true, hits);
          break;
        }
        node = child;
        j++;
      }
    }
    return hits;
  }

  private record(
    text: string,
    tokens: Token[],
    first: number,
    last: number,
    node: Node | undefined,
    stemmed: boolean,
    hits: Hit[],
  ): void {
    if (!node?.terminals) return;
    const start = tokens[first].start;
    let end = tokens[last].end;
    let possessive = stemmed;
    // A plural possessive ("victims'") leaves the apostrophe outside the word.
    if (!stemmed && /^['’](?![\p{L}\p{N}])/u.test(text.slice(end, end + 2)) && /s$/i.test(tokens[last].key)) {
      end += 1;
      possessive = true;
    }
    for (const terminal of node.terminals) {
      if (terminal.owner.caseSensitive && !sameCase(text, tokens, first, terminal.written)) continue;
      const trailed = terminal.trail && !possessive && text.startsWith(terminal.trail, end) ? end + terminal.trail.length : end;
      hits.push({ owner: terminal.owner, start, end: trailed, plural: terminal.plural, possessive });
    }
  }
}

function possessiveStem(key: string): string | undefined {
  return key.endsWith("'s") ? key.slice(0, -2) : undefined;
}

function sameCase(text: string, tokens: Token[], first: number, written: PhraseToken[]): boolean {
  return written.every((w, k) => {
    const t = tokens[first + k];
    const word = text.slice(t.start, t.end).replace(/['’]s$/, '');
    return word === w.written || word.replace(/’/g, "'") === w.written;
  });
}
