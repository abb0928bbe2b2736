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
  /** Hits per block, in order of start. */
  hits: Hit[][];
  work: BlockWork[];
  /** The per-block work outlives this lint (a LintCache): without one, rules let each block's go once done with it. */
  keepsWork: boolean;
  /** Sentence spans of a block, computed on first use. */
  sentences(block: number): Span[];
}

export function analyse(doc: PolicyDocument, set: RuleSet, cache?: LintCache): Analysis {
  cache?.begin(set);
  const work = doc.blocks.map((block): BlockWork => {
    const compute = () => ({ hits: set.matcher.match(block.text) });
    // Kind and quotation change what the term rules report, so they are part of the key.
    return cache ? cache.get(`${block.kind}\u0000${block.inQuote ? 1 : 0}\u0000${block.text}`, compute) : compute();
  });
  cache?.end();
  return {
    doc,
    set,
    hits: work.map((w) => w.hits),
    work,
    keepsWork: cache !== undefined,
    sentences(block: number): Span[] {
      return (work[block].sentences ??= sentences(doc.blocks[block].text));
    },
  };
}
