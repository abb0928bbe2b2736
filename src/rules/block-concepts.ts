// What a block says to the provision rules: the concepts it names. Worked out
// from the block's hits when the block-local rules are done with them, so that
// the hits can go (analysis.ts, release); the provision rules read only this.
import type { Hit } from './matcher.js';
import type { RuleSet } from './ruleset.js';
import { clauses, spanAt, spanIndexAt, type Span } from './sentences.js';

/**
 * The concepts one block names. Blocks that name the same concepts share one: a table of a million cells that each
 * name the same concept holds one, not a million.
 */
export interface BlockConcepts {
  /** The concepts the block names; LABOR only where it is affirmed. */
  names: ReadonlySet<string>;
  /** The block names labor trafficking only to exclude it ("does not include labor trafficking"). */
  negated: boolean;
  /**
   * In a very long block (a page-long paragraph, a PDF's run-together columns), the concepts of each few sentences
   * around a sentence that names one: a provision's concepts must come together there, not anywhere in the block.
   */
  windows?: readonly ReadonlySet<string>[];
}

/** A block longer than this, in more sentences than WINDOW_SENTENCES, is judged a few sentences at a time. */
export const LONG_BLOCK_CHARS = 1500;
/** Sentences on each side of a sentence that names a concept, in its window. */
const WINDOW_REACH = 2;
const WINDOW_SENTENCES = 2 * WINDOW_REACH + 1;

/** Each distinct BlockConcepts of one document, by its contents. */
export type ConceptsTable = Map<string, BlockConcepts>;

function shared(table: ConceptsTable, names: string[], negated: boolean): BlockConcepts {
  const key = names.length === 0 ? '' : `${+negated}${names.join(' ')}`;
  let concepts = table.get(key);
  if (!concepts) table.set(key, (concepts = Object.freeze({ names: new Set(names), negated })));
  return concepts;
}

/** The rule set's shielding concepts: [NOT_X, X] for each NOT_X whose X is a concept. */
const shieldLists = new WeakMap<RuleSet, [string, string][]>();
function shieldsOf(set: RuleSet): [string, string][] {
  let list = shieldLists.get(set);
  if (!list) {
    list = [...set.concepts].filter((c) => c.startsWith('NOT_') && set.concepts.has(c.slice(4))).map((c): [string, string] => [c, c.slice(4)]);
    shieldLists.set(set, list);
  }
  return list;
}

/**
 * After a capitalised concept word, the rest of an organization's name: capitalised words (and "of", "for"…) up to
 * one of these ("the National Immigrant Women's Advocacy Project"). Sticky: tried once, where the hit ends.
 */
const ORGANIZATION_REST = /(?:[ \t]+(?:[\p{Lu}][\p{L}'’.-]*|of|for|and|on|the|&)){0,8}?[ \t]+(?:Project|Foundation|Coalition|Association|Network|Institute|Alliance|Society)\b/uy;
/** Whether a block names an organization at all: most do not, and their concept hits need no look. */
const ORGANIZATION_WORD = /\b(?:Project|Foundation|Coalition|Association|Network|Institute|Alliance|Society)\b/;

/** A concept's words inside an organization's name say nothing about the document (that name is no section on immigrant youth). */
function inOrganizationName(text: string, end: number): boolean {
  ORGANIZATION_REST.lastIndex = end;
  return ORGANIZATION_REST.test(text);
}

/** The concepts a block's text names, from its hits; `sentences` is asked for only when a negation needs its clause. */
export function blockConcepts(set: RuleSet, text: string, hits: Hit[], sentences: () => Span[], table: ConceptsTable): BlockConcepts {
  let concepts: Map<string, Hit[]> | undefined;
  let organizations: boolean | undefined;
  for (const hit of hits) {
    if (hit.owner.kind !== 'concept') continue;
    // Only a capitalised hit, in a block that names an organization at all, can sit inside an organization's name.
    const first = text.charCodeAt(hit.start);
    if (first >= 65 && first <= 90 && (organizations ??= ORGANIZATION_WORD.test(text)) && inOrganizationName(text, hit.end)) continue;
    concepts ??= new Map();
    const list = concepts.get(hit.owner.id);
    if (list) list.push(hit);
    else concepts.set(hit.owner.id, [hit]);
  }
  if (!concepts) return shared(table, [], false);
  // A concept NOT_X lists phrases that contain an X phrase without meaning X ("not limited to" for NEGATION, "trained
  // to care for" for TRAIN): an X hit inside a NOT_X hit does not count.
  for (const [shield, name] of shieldsOf(set)) {
    const safe = concepts.get(shield);
    const shielded = safe && concepts.get(name);
    if (shielded) concepts.set(name, shielded.filter((h) => !safe.some((s) => s.start <= h.start && h.end <= s.end)));
  }
  const negations = concepts.get('NEGATION') ?? [];
  let negated = false;
  const labor = concepts.get('LABOR') ?? [];
  if (negations.length > 0 && labor.length > 0) {
    const spans = sentences();
    const affirmed = labor.filter((l) => {
      const clause = spanAt(clauses(text, spanAt(spans, l.start)), l.start);
      const isNegated = negations.some((n) => n.start >= clause[0] && n.start < clause[1]);
      if (isNegated) negated = true;
      return !isNegated;
    });
    concepts.set('LABOR', affirmed);
  }
  const names: string[] = [];
  for (const [name, list] of concepts) if (list.length > 0) names.push(name);
  const sorted = names.length > 1 ? names.sort() : names;
  if (text.length > LONG_BLOCK_CHARS) {
    const windows = windowsOf(concepts, sentences());
    // A long block is seldom repeated word for word: it gets its own object.
    if (windows) return Object.freeze({ names: new Set(sorted), negated, windows });
  }
  return shared(table, sorted, negated);
}

/** The concepts named within WINDOW_REACH sentences of each sentence that names one; undefined for a few sentences. */
function windowsOf(concepts: Map<string, Hit[]>, spans: Span[]): ReadonlySet<string>[] | undefined {
  if (spans.length <= WINDOW_SENTENCES) return undefined;
  const bySentence: Set<string>[] = spans.map(() => new Set());
  for (const [name, list] of concepts) for (const h of list) bySentence[spanIndexAt(spans, h.start)].add(name);
  const windows: ReadonlySet<string>[] = [];
  bySentence.forEach((here, i) => {
    if (here.size === 0) return;
    const window = new Set<string>();
    for (let j = Math.max(0, i - WINDOW_REACH); j <= Math.min(spans.length - 1, i + WINDOW_REACH); j++) for (const n of bySentence[j]) window.add(n);
    windows.push(window);
  });
  return windows;
}
