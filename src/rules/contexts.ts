// Contexts: the exceptions that keep a term from being reported where its
// narrow wording is right (a definition, a sex-specific duty, a pairing with
// labor trafficking, a statistic). Each context in rules/contexts.yaml says
// what triggers it (phrases, regexes), where it looks (the term's sentence, its
// sibling blocks, its section), which terms it excuses (kinds, block kinds, the
// words right around the term) and what cancels it (`unless`).
import type { BlockKind, PolicyDocument } from '../model.js';
import { compileCondition, type CompiledCondition } from './condition.js';
import type { Hit } from './matcher.js';
import type { ContextEntry, ContextScope, TermKind } from './pack.js';

export interface CompiledContext {
  id: string;
  scope: ContextScope;
  kinds: ReadonlySet<TermKind>;
  blocks?: ReadonlySet<BlockKind>;
  /** Phrases or patterns must be found; without either, `near` alone decides. */
  triggered: boolean;
  patterns: RegExp[];
  unless: RegExp[];
  near?: CompiledCondition;
}

export function compileContext(c: ContextEntry): CompiledContext {
  return {
    id: c.id,
    scope: c.scope ?? 'sentence',
    kinds: new Set(c.kinds ?? ['too-narrow']),
    blocks: c.blocks ? new Set(c.blocks) : undefined,
    triggered: (c.match?.length ?? 0) > 0 || (c.patterns?.length ?? 0) > 0,
    patterns: (c.patterns ?? []).map((p) => new RegExp(p, 'u')),
    unless: (c.unless ?? []).map((p) => new RegExp(p, 'u')),
    near: anyOf((Array.isArray(c.near) ? c.near : c.near ? [c.near] : []).map((n) => compileCondition(n)!)),
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
}

/** Whether the context may excuse this term at all (kind, block kind, the words around it, `unless`). */
export function mayExcuse(ctx: CompiledContext, place: TermPlace): boolean {
  if (!ctx.kinds.has(place.kind)) return false;
  if (ctx.blocks && !ctx.blocks.has(place.blockKind)) return false;
  if (ctx.near && !ctx.near.test(place.text, place.start, place.end)) return false;
  if (ctx.unless.length > 0) {
    const sentence = place.text.slice(place.sentence[0], place.sentence[1]);
    if (ctx.unless.some((re) => re.test(sentence))) return false;
  }
  return true;
}

/** Whether the context's phrases or patterns occur in [from, to) of a block's text. */
export function triggeredIn(ctx: CompiledContext, hits: Hit[], text: string, from = 0, to = text.length): boolean {
  if (!ctx.triggered) return true;
  for (const h of hits) if (h.owner.kind === 'context' && h.owner.id === ctx.id && h.start >= from && h.start < to) return true;
  if (ctx.patterns.length === 0) return false;
  const part = from === 0 && to === text.length ? text : text.slice(from, to);
  return ctx.patterns.some((re) => re.test(part));
}

/** A table of contents run into one paragraph ("Introduction ...... 4 A. Reporting ...... 5"): its entries are siblings. */
const CONTENTS_LEADERS = /(?:\.\s?){4,}|…{2,}/;

/**
 * Groups of blocks that a context with a wider scope looks through, worked out in one pass over the document:
 * for each block, the key of its sibling group and of its section ("" when it has no siblings).
 * Siblings are the headings of one level under one parent heading, the items of one list, the cells of one table,
 * or the block itself for a table of contents run into one paragraph.
 */
export interface ScopeGroups {
  siblingKey: string[];
  sectionKey: string[];
  members: Map<string, number[]>;
}

export function scopeGroups(doc: PolicyDocument): ScopeGroups {
  const members = new Map<string, number[]>();
  const add = (key: string, b: number) => {
    const list = members.get(key);
    if (list) list.push(b);
    else members.set(key, [b]);
  };
  const siblingKey: string[] = [];
  const sectionKey: string[] = [];
  let run = 0;
  doc.blocks.forEach((block, b) => {
    const previous = doc.blocks[b - 1];
    if (!previous || previous.kind !== block.kind || previous.section !== block.section) run++;
    let key = '';
    if (block.kind === 'heading') key = `h${block.level}\u0000${block.headingPath.join('\u0000')}`;
    else if (block.kind === 'list-item' || block.kind === 'table-cell') key = `run${run}`;
    else if (CONTENTS_LEADERS.test(block.text)) key = `toc${b}`;
    siblingKey.push(key);
    if (key) add(`s:${key}`, b);
    // A section is its heading and the blocks under it (the heading belongs to its own section).
    const section = block.kind === 'heading' ? b : block.section;
    sectionKey.push(`sec${section}`);
    add(`sec${section}`, b);
  });
  return { siblingKey: siblingKey.map((k) => (k ? `s:${k}` : '')), sectionKey, members };
}
