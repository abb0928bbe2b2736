// Contexts: the exceptions that keep a term from being reported where its
// narrow wording is right (a definition, a sex-specific duty, a pairing with
// labor trafficking, a statistic). Each context in rules/contexts.yaml says
// what triggers it (phrases, regexes), where it looks (the term's sentence, its
// sibling blocks, its section), which terms it excuses (kinds, block kinds, the
// words right around the term) and what cancels it (`unless`).
import type { BlockKind, PolicyDocument } from '../model.js';
import { compileCondition, type CompiledCondition } from './condition.js';
import type { Hit } from './matcher.js';
import { nearConditions, type ContextEntry, type ContextScope, type LawKind, type TermKind } from './pack.js';

export interface CompiledContext {
  id: string;
  scope: ContextScope;
  kinds: ReadonlySet<TermKind>;
  blocks?: ReadonlySet<BlockKind>;
  /** Phrases or patterns must be found; without either, `near` alone decides. */
  triggered: boolean;
  /** The context's patterns as one alternation (one pass over the text instead of one per pattern); undefined without any. */
  pattern?: RegExp;
  unless: RegExp[];
  near?: CompiledCondition;
  /** Applies only where the document's state has a listed law limiting one of these duties to sex trafficking. */
  stateLaw?: readonly LawKind[];
}

export function compileContext(c: ContextEntry): CompiledContext {
  return {
    id: c.id,
    scope: c.scope ?? 'sentence',
    kinds: new Set(c.kinds ?? ['too-narrow']),
    blocks: c.blocks ? new Set(c.blocks) : undefined,
    triggered: (c.match?.length ?? 0) > 0 || (c.patterns?.length ?? 0) > 0 || c.matchLaws === true,
    pattern: c.patterns?.length ? new RegExp(c.patterns.map((p) => `(?:${p})`).join('|'), 'u') : undefined,
    unless: (c.unless ?? []).map((p) => new RegExp(p, 'u')),
    near: anyOf(nearConditions(c).map((n) => compileCondition(n)!)),
    stateLaw: c.stateLaw,
  };
}

/** Conditions any one of which is enough (a context's `near` may list several); undefined when there are none. */
function anyOf(conditions: CompiledCondition[]): CompiledCondition | undefined {
  if (conditions.length === 0) return undefined;
  if (conditions.length === 1) return conditions[0];
  return { test: (text, start, end) => conditions.some((c) => c.test(text, start, end)) };
}

/** A term found at [start, end) of a block's text, in the sentence [sentence[0], sentence[1]). */
export interface TermPlace {
  kind: TermKind;
  blockKind: BlockKind;
  text: string;
  sentence: [number, number];
  start: number;
  end: number;
  /** The sentence's text, once a context has needed it. */
  sentenceText?: string;
  /** The kinds of duty that the document's state's listed laws limit to sex trafficking (worked out when first asked). */
  stateLaws: () => ReadonlySet<LawKind>;
}

/** The text of the term's sentence, cut once however many contexts test it. */
function sentenceOf(place: TermPlace): string {
  return (place.sentenceText ??= place.text.slice(place.sentence[0], place.sentence[1]));
}

/** Whether the context may excuse this term at all (its kind, its block's kind, the words right around it, the document's state). */
export function mayExcuse(ctx: CompiledContext, place: TermPlace): boolean {
  if (!ctx.kinds.has(place.kind)) return false;
  if (ctx.blocks && !ctx.blocks.has(place.blockKind)) return false;
  if (ctx.near && !ctx.near.test(place.text, place.start, place.end)) return false;
  return !ctx.stateLaw || ctx.stateLaw.some((kind) => place.stateLaws().has(kind));
}

/** Whether an `unless` pattern cancels the context in the term's sentence (tested last: only where it would apply). */
export function cancelled(ctx: CompiledContext, place: TermPlace): boolean {
  return ctx.unless.length > 0 && ctx.unless.some((re) => re.test(sentenceOf(place)));
}

const NONE: ReadonlySet<string> = new Set();

/** The ids of the contexts whose phrases occur in the term's sentence. `contextHits`: the block's context hits. */
export function contextsInSentence(contextHits: Hit[], place: TermPlace): ReadonlySet<string> {
  if (contextHits.length === 0) return NONE;
  const ids = new Set<string>();
  for (const h of contextHits) if (h.start >= place.sentence[0] && h.start < place.sentence[1]) ids.add(h.owner.id);
  return ids;
}

/**
 * Whether the context keeps the term quiet from what the term's own sentence holds: its phrases (`inSentence`, from
 * contextsInSentence) or patterns, `mayExcuse` and `unless`, the cheapest tests first, since most terms are excused by
 * none of the contexts and every one is tried.
 */
export function excusesInSentence(ctx: CompiledContext, place: TermPlace, inSentence: ReadonlySet<string>): boolean {
  const byPhrase = inSentence.has(ctx.id);
  // A context triggered by phrases alone is ruled out by their absence before anything else runs.
  if (ctx.triggered && !byPhrase && ctx.pattern === undefined) return false;
  if (!mayExcuse(ctx, place)) return false;
  if (ctx.triggered && !byPhrase && !ctx.pattern!.test(sentenceOf(place))) return false;
  return !cancelled(ctx, place);
}

/** Whether the context's phrases or patterns occur anywhere in a block. */
export function triggeredIn(ctx: CompiledContext, hits: Hit[], text: string): boolean {
  if (!ctx.triggered) return true;
  for (const h of hits) if (h.owner.kind === 'context' && h.owner.id === ctx.id) return true;
  return ctx.pattern !== undefined && ctx.pattern.test(text);
}

/** A table of contents run into one paragraph ("Introduction ...... 4 A. Reporting ...... 5"): its entries are siblings. */
const CONTENTS_LEADERS = /(?:\.\s?){4,}|…{2,}/;

/**
 * Groups of blocks that a context with a wider scope looks through, worked out in one pass over the document: for
 * each block, the number of its sibling group (-1 when it has none) and of its section, and the blocks of each group.
 * Siblings are the headings of one level under one parent heading, the items of one list, the cells of one table,
 * or the block itself for a table of contents run into one paragraph.
 */
export interface ScopeGroups {
  sibling: Int32Array;
  section: Int32Array;
  members: number[][];
}

export function scopeGroups(doc: PolicyDocument): ScopeGroups {
  const members: number[][] = [];
  const join = (b: number): number => {
    members.push([b]);
    return members.length - 1;
  };
  const sibling = new Int32Array(doc.blocks.length).fill(-1);
  const section = new Int32Array(doc.blocks.length);
  // Headings of one level under one parent: keyed by parent heading and level, the parent found with a stack.
  const headingGroups = new Map<number, number>();
  const open: number[] = [];
  doc.blocks.forEach((block, b) => {
    const previous = b > 0 ? doc.blocks[b - 1] : undefined;
    if (block.kind === 'heading') {
      const level = block.level ?? 1;
      while (open.length > 0 && (doc.blocks[open[open.length - 1]].level ?? 1) >= level) open.pop();
      const key = ((open[open.length - 1] ?? -1) + 1) * 8 + level;
      const group = headingGroups.get(key);
      if (group === undefined) headingGroups.set(key, (sibling[b] = join(b)));
      else members[(sibling[b] = group)].push(b);
      open.push(b);
      // A section is its heading and the blocks under it.
      section[b] = join(b);
      return;
    }
    // The items of one list and the cells of one table run on without another kind of block between them.
    if (block.kind === 'list-item' || block.kind === 'table-cell') {
      if (previous && previous.kind === block.kind && previous.section === block.section) members[(sibling[b] = sibling[b - 1])].push(b);
      else sibling[b] = join(b);
    } else if (CONTENTS_LEADERS.test(block.text)) sibling[b] = join(b);
    // Under its nearest heading; the blocks before the first heading make one section of their own.
    if (block.section >= 0) members[(section[b] = section[block.section])].push(b);
    else if (previous) members[(section[b] = section[b - 1])].push(b);
    else section[b] = join(b);
  });
  return { sibling, section, members };
}
