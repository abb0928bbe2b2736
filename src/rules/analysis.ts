// What every rule kind reads: the document, the rule set, and the phrase hits
// of each block from one pass of the compiled matcher.
import type { PolicyDocument } from '../model.js';
import type { Hit } from './matcher.js';
import type { RuleSet } from './ruleset.js';
import { sentences, type Span } from './sentences.js';

export interface Analysis {
  doc: PolicyDocument;
  set: RuleSet;
  /** Hits per block, in order of start. */
  hits: Hit[][];
  /** Sentence spans of a block, computed on first use. */
  sentences(block: number): Span[];
}

export function analyse(doc: PolicyDocument, set: RuleSet): Analysis {
  const hits = doc.blocks.map((b) => set.matcher.match(b.text));
  const cache = new Map<number, Span[]>();
  return {
    doc,
    set,
    hits,
    sentences(block: number): Span[] {
      let spans = cache.get(block);
      if (!spans) {
        spans = sentences(doc.blocks[block].text);
        cache.set(block, spans);
      }
      return spans;
    },
  };
}
