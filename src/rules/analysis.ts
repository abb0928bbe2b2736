// What every rule kind reads: the document, the rule set, and the phrase hits
// of each block from one pass of the compiled matcher, with what is kept of a
// block once the block-local rules are done with it.
import type { PolicyDocument } from '../model.js';
import type { Excusal } from '../types.js';
import { BlockCache } from './block-cache.js';
import type { Hit } from './matcher.js';
import type { RuleSet } from './ruleset.js';
import { documentState } from './jurisdiction.js';
import { ownTitle, type TitleSpan } from './own-title.js';
import type { LawKind } from './pack.js';
import { sentences, type Span } from './sentences.js';
import { blockConcepts, type BlockConcepts, type ConceptsTable } from './block-concepts.js';

/**
 * What the rules derive from one block alone, relative to its text (kept between lints by a LintCache). A rule kind
 * that keeps more of a block keeps it beside this object (terms.ts), so this module knows no rule kind.
 */
export interface BlockWork {
  /** Phrase hits, in order of start. */
  hits: Hit[];
  sentences?: Span[];
}

/** Per-block work of one document, reused by its next lint (the language server keeps one per open document). */
export class LintCache extends BlockCache<BlockWork> {}

export interface Analysis {
  doc: PolicyDocument;
  set: RuleSet;
  /** A block's phrase hits, in order of start (a released block is matched again). */
  hits(block: number): Hit[];
  /** Hits among which are all of a block's context hits: what a context with a wider scope reads of other blocks. */
  contextHits(block: number): Hit[];
  /** The concepts a block names: what the provision rules read of it. */
  concepts(block: number): BlockConcepts;
  /** What the rules derive from a block alone, worked out when first asked for. */
  work(block: number): BlockWork;
  /** The per-block work outlives this lint (a LintCache), so `release` keeps it; without one, blocks are released. */
  keepsWork: boolean;
  /** Sentence spans of a block, computed on first use. */
  sentences(block: number): Span[];
  /**
   * The block-local rules (the document type, then the terms) are done with a block: keep only what the rules that
   * read the whole document need of it (its concepts and context hits), unless a LintCache keeps its work.
   */
  release(block: number): void;
  /** Told of each term a detector keeps from being reported (`policylint eval` attributes them); usually unset. */
  onExcused?: (excusal: Excusal) => void;
  /** The kinds of duty that the listed laws of the document's state limit to sex trafficking (none outside a state), found when first asked for. */
  stateLaws(): ReadonlySet<LawKind>;
  /** The title the author chose for the document (own-title.ts), found when first asked for. */
  ownTitle(): TitleSpan | undefined;
}

const NO_HITS: Hit[] = [];

export function analyse(doc: PolicyDocument, set: RuleSet, cache?: LintCache, onExcused?: (excusal: Excusal) => void): Analysis {
  const compute = (b: number): BlockWork => ({ hits: set.matcher.match(doc.blocks[b].text) });
  let laws: ReadonlySet<LawKind> | undefined;
  const stateLaws = () => (laws ??= lawsOfState(set, documentState(doc)));
  let title: { span: TitleSpan | undefined } | undefined;
  // Without a cache, a block is matched when a rule first reads it and released when the term rules are done with
  // it, before the next block is matched: a table of a million cells never holds four million hits at once.
  const work: (BlockWork | undefined)[] = new Array(doc.blocks.length);
  if (cache) {
    // The cache keeps what this lint used: every block, matched now.
    // A block's term findings depend on the document's state: another state forgets them.
    cache.begin(set, [...stateLaws()].join());
    doc.blocks.forEach((block, b) => {
      // Kind, quotation and links change what the term rules report, so they are part of the key.
      work[b] = cache.get(`${block.kind}\u0000${block.inQuote ? 1 : 0}\u0000${block.links?.join(';') ?? ''}\u0000${block.text}`, () => compute(b));
    });
    cache.end();
  }
  /** What is kept of a released block: its context hits (mostly none). */
  const contexts: Hit[][] = new Array(doc.blocks.length);
  const concepts: BlockConcepts[] = new Array(doc.blocks.length);
  const table: ConceptsTable = new Map();
  const workOf = (b: number): BlockWork => (work[b] ??= compute(b));
  const sentencesOf = (b: number): Span[] => (workOf(b).sentences ??= sentences(doc.blocks[b].text));
  const conceptsOf = (b: number): BlockConcepts => (concepts[b] ??= blockConcepts(set, doc.blocks[b].text, workOf(b).hits, () => sentencesOf(b), table));
  return {
    doc,
    set,
    hits: (b) => workOf(b).hits,
    contextHits: (b) => work[b]?.hits ?? contexts[b] ?? workOf(b).hits,
    concepts: conceptsOf,
    work: workOf,
    keepsWork: cache !== undefined,
    onExcused,
    stateLaws,
    ownTitle: () => (title ??= { span: ownTitle(doc) }).span,
    sentences: sentencesOf,
    release(b) {
      const done = work[b];
      // Headings are few, and the provision rules read the title's own hits.
      if (cache || !done || doc.blocks[b].kind === 'heading') return;
      conceptsOf(b);
      // Most blocks have no context hit; the others keep a copy of their own length (a filtered list has room for 17).
      contexts[b] = done.hits.some((h) => h.owner.kind === 'context') ? done.hits.filter((h) => h.owner.kind === 'context').slice() : NO_HITS;
      work[b] = undefined;
    },
  };
}

const NO_LAWS: ReadonlySet<LawKind> = new Set();

/** The kinds of duty that the listed laws of a state limit to sex trafficking. */
function lawsOfState(set: RuleSet, state: string | undefined): ReadonlySet<LawKind> {
  if (state === undefined) return NO_LAWS;
  const kinds = new Set<LawKind>();
  for (const law of set.laws.values()) if (law.jurisdiction === state) kinds.add(law.kind);
  return kinds.size > 0 ? kinds : NO_LAWS;
}
