// What every rule kind reads: the document, the rule set, and the phrase hits
// of each block from one pass of the compiled matcher.
import type { PolicyDocument } from '../model.js';
import { BlockCache } from './block-cache.js';
import type { Hit } from './matcher.js';
import type { RuleSet } from './ruleset.js';
import { sentences, type Span } from './sentences.js';
import type { TermGroup } from './terms.js';

/** What the rules derive from one block alone, relative to its text (kept between lints by a LintCache). */
export interface BlockWork {
  /** Phrase hits, in order of start. */
  hits: Hit[];
  sentences?: Span[];
  /** Term findings of the block before they are placed in the document (terms.ts). */
  termGroups?: TermGroup[];
}

/** Per-block work of one document, reused by its next lint (the language server keeps one per open document). */
export class LintCache extends BlockCache<BlockWork> {}

export interface Analysis {
  doc: PolicyDocument;
  set: RuleSet;
  /** A block's phrase hits, in order of start. */
  hits(block: number): Hit[];
  /** What the rules derive from a block alone, worked out when first asked for. */
  work(block: number): BlockWork;
  /** The per-block work outlives this lint (a LintCache): without one, rules let each block's go once done with it. */
  keepsWork: boolean;
  /** Sentence spans of a block, computed on first use. */
  sentences(block: number): Span[];
}

export function analyse(doc: PolicyDocument, set: RuleSet, cache?: LintCache): Analysis {
  const compute = (b: number): BlockWork => ({ hits: set.matcher.match(doc.blocks[b].text) });
  // Without a cache, a block is matched when a rule first reads it, so that the term rules can let most of its hits
  // go before the next block is matched: a table of a million cells never holds four million hits at once.
  const work: BlockWork[] = new Array(doc.blocks.length);
  if (cache) {
    // The cache keeps what this lint used: every block, matched now.
    cache.begin(set);
    doc.blocks.forEach((block, b) => {
      // Kind and quotation change what the term rules report, so they are part of the key.
      work[b] = cache.get(`${block.kind}\u0000${block.inQuote ? 1 : 0}\u0000${block.text}`, () => compute(b));
    });
    cache.end();
  }
  const workOf = (b: number): BlockWork => (work[b] ??= compute(b));
  return {
    doc,
    set,
    hits: (b) => workOf(b).hits,
    work: workOf,
    keepsWork: cache !== undefined,
    sentences: (b) => (workOf(b).sentences ??= sentences(doc.blocks[b].text)),
  };
}
