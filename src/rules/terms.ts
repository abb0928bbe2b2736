// Term rules: a phrase found, with replacements chosen by grammatical use.
// Every term in rules/*.yaml runs through this one function; the code knows
// the kind of rule, never an individual term. This module matches: it picks
// each hit's form, lets names of record, quotations, cited titles and contexts
// keep terms quiet, and groups what is left into term groups, which
// term-wording.ts turns into findings.
import { rangeOf, TITLE_LABEL, type PolicyDocument } from '../model.js';
import { indexAtOrBefore } from '../sorted.js';
import type { Excusal, Finding } from '../types.js';
import type { Analysis, BlockWork } from './analysis.js';
import { inCitedTitle, isTitleLike } from './cited-titles.js';
import type { Hit } from './matcher.js';
import type { TermEntry } from './pack.js';
import { sideBySide } from './fix-safety.js';
import { insideQuotes, spanAt, type Span } from './sentences.js';
import { cancelled, contextsInSentence, excusesInSentence, mayExcuse, scopeGroups, triggeredIn, type CompiledContext, type ScopeGroups, type TermPlace } from './contexts.js';
import type { RuleSet } from './ruleset.js';
import { toFinding, type TermGroup } from './term-wording.js';

interface Candidate {
  hit: Hit;
  term: TermEntry;
  form: number;
}


function chooseForms(hits: Hit[], set: RuleSet, text: string): Candidate[] {
  const chosen: Candidate[] = [];
  for (const hit of hits) {
    if (hit.owner.kind !== 'term') continue;
    const term = set.terms.get(hit.owner.id)!;
    // Another hit of the same span and term (a phrase listed with and without its suffix) was chosen just before:
    // hits come in order of start, so it is among the last candidates.
    let same = chosen.length - 1;
    while (same >= 0 && chosen[same].hit.start === hit.start && !(chosen[same].hit.end === hit.end && chosen[same].term === term)) same--;
    if (same >= 0 && chosen[same].hit.start !== hit.start) same = -1;
    const current = same >= 0 ? chosen[same] : undefined;
    // The first form whose `when` holds; a form listed earlier (by another hit of the same span) wins.
    for (const form of hit.owner.forms ?? [0]) {
      if (current && current.form <= form) break;
      const condition = set.conditions.get(term.id)?.[form];
      if (condition && !condition.test(text, hit.start, hit.end)) continue;
      if (current) chosen[same] = { hit, term, form };
      else chosen.push({ hit, term, form });
      break;
    }
  }
  return chosen;
}

/**
 * A paragraph that is one quotation from its first word to its last (an epigraph, a pull quote): it opens with a quote
 * mark that does not close within its first words, and ends with one, perhaps followed by its attribution.
 */
const WHOLE_QUOTATION = /^\s*["“](?![^"”\n]{0,40}["”])[\s\S]{80,}?[.!?…]?["”]\s*(?:[-–—]\s*[^\n]{1,120})?$/;

/** A memo's or board item's subject line names what the document is about, as a heading does. */
const SUBJECT_LINE = new RegExp(`^\\s*${TITLE_LABEL}\\s*:`);
const ownNamesMemo = new WeakMap<Analysis, ReadonlySet<string>>();
/**
 * The local names of record (a county's program or coalition) that the document's own headings name: the document is
 * about that body, so its name is the author's to change and is reported like any other wording.
 */
function ownNames(analysis: Analysis): ReadonlySet<string> {
  let own = ownNamesMemo.get(analysis);
  if (!own) {
    const found = new Set<string>();
    analysis.doc.blocks.forEach((block, b) => {
      if (block.kind !== 'heading' && !SUBJECT_LINE.test(block.text)) return;
      for (const h of analysis.hits(b)) if (h.owner.kind === 'name' && analysis.set.names.get(h.owner.id)?.local) found.add(h.owner.id);
    });
    ownNamesMemo.set(analysis, (own = found));
  }
  return own;
}

/** Longest match wins; names of record shield whatever they overlap, except the document's own local names. */
function resolveOverlaps(analysis: Analysis, candidates: Candidate[], hits: Hit[], excused?: (c: Candidate, by: string) => void): Candidate[] {
  const names = hits.filter((h) => h.owner.kind === 'name' && !(analysis.set.names.get(h.owner.id)?.local && ownNames(analysis).has(h.owner.id)));
  const free = candidates.filter((c) => {
    const shielding = names.find((n) => n.start < c.hit.end && c.hit.start < n.end);
    if (shielding) excused?.(c, 'name-of-record');
    return !shielding;
  });
  free.sort((a, b) => a.hit.start - b.hit.start || b.hit.end - a.hit.end);
  const kept: Candidate[] = [];
  for (const c of free) {
    const last = kept[kept.length - 1];
    if (last && c.hit.start < last.hit.end) continue;
    kept.push(c);
  }
  return kept;
}

export function checkTerms(analysis: Analysis): Finding[] {
  const { keepsWork } = analysis;
  // First each block's own work, after which the block is released. Then what depends on other blocks: a context
  // with a wider scope (every cell of a table) reads the context hits kept of blocks already released, rather than
  // matching them all ahead at once (a million-cell table held four million hits).
  const { doc } = analysis;
  /** Per block: 1 when a detector kept one of its terms quiet, 2 when one of its terms is reported. */
  const outcome = new Uint8Array(doc.blocks.length);
  const groups = doc.blocks.map((_, b) => {
    const terms = keepsWork ? keptTerms(analysis, b) : blockTerms(analysis, b);
    if (terms.quieted) outcome[b] = QUIETED;
    // Without a LintCache, what later rules do not read goes.
    if (!keepsWork) analysis.release(b);
    return terms.groups;
  });
  const findings: Finding[] = [];
  const wide = analysis.set.compiledContexts.some((c) => c.scope !== 'sentence');
  const scopes = scopeMemo(analysis);
  // The document's own title: its terms are the author's, whatever the text under it says.
  const title = analysis.ownTitle()?.block ?? -1;
  // Section headings are decided last: they follow the text under them (annotation guide).
  const headings: { b: number; groups: TermGroup[] }[] = [];
  groups.forEach((found, b) => {
    const kept: TermGroup[] = [];
    for (const group of found) {
      const by = wide ? excusedAround(analysis, b, group, scopes) : undefined;
      if (by) {
        analysis.onExcused?.(excusal(analysis, b, group.term, group.start, group.end, by));
        outcome[b] ||= QUIETED;
        continue;
      }
      if (doc.blocks[b].kind === 'heading' && b !== title) kept.push(group);
      else {
        findings.push(toFinding(doc, analysis.set, b, group));
        outcome[b] = REPORTED;
      }
    }
    if (kept.length > 0) headings.push({ b, groups: kept });
    if (!keepsWork) groups[b] = NO_GROUPS;
  });
  // Reported blocks are known now; the innermost headings first, so that a section's subheadings count as its text.
  for (let i = headings.length - 1; i >= 0; i--) {
    const { b, groups: kept } = headings[i];
    if (onlyQuietedUnder(doc, outcome, b)) {
      for (const group of kept) analysis.onExcused?.(excusal(analysis, b, group.term, group.start, group.end, 'heading-follows-text'));
      outcome[b] = QUIETED;
      continue;
    }
    for (const group of kept) findings.push(toFinding(doc, analysis.set, b, group));
    outcome[b] = REPORTED;
  }
  return findings;
}

const QUIETED = 1;
const REPORTED = 2;

/**
 * Whether every term under a section heading, down to the next heading of its level or above, was kept quiet by a
 * detector (a definition, a duty the law limits to sex trafficking), and at least one was: the heading names what its
 * text is about, so it is judged as its text is.
 */
function onlyQuietedUnder(doc: PolicyDocument, outcome: Uint8Array, h: number): boolean {
  const level = doc.blocks[h].level ?? 1;
  let quieted = false;
  for (let i = h + 1; i < doc.blocks.length; i++) {
    const block = doc.blocks[i];
    if (block.kind === 'heading' && (block.level ?? 1) <= level) break;
    if (outcome[i] === REPORTED) return false;
    if (outcome[i] === QUIETED) quieted = true;
  }
  return quieted;
}

const NO_GROUPS: TermGroup[] = [];

/** What the term rules make of one block alone: its term groups, and whether a detector kept one of its terms quiet. */
interface BlockTerms {
  groups: TermGroup[];
  quieted: boolean;
}

const NO_TERMS: BlockTerms = Object.freeze({ groups: NO_GROUPS, quieted: false });

/** Each block's terms, kept with its work while a LintCache keeps that (the next lint of an edited document). */
const keptWithWork = new WeakMap<BlockWork, BlockTerms>();

function keptTerms(analysis: Analysis, b: number): BlockTerms {
  const work = analysis.work(b);
  let terms = keptWithWork.get(work);
  if (!terms) keptWithWork.set(work, (terms = blockTerms(analysis, b)));
  return terms;
}

/** The block's term groups, as offsets into its text. */
function blockTerms(analysis: Analysis, b: number): BlockTerms {
  const { set } = analysis;
  const block = analysis.doc.blocks[b];
  const hits = analysis.hits(b);
  if (!hits.some((h) => h.owner.kind === 'term')) return NO_TERMS;
  const text = block.text;
  // Why a candidate is not reported, for `policylint eval` (which detector kept it quiet); nothing is made otherwise.
  const trace = analysis.onExcused;
  let quieted = false;
  const excused = (c: Candidate, by: string) => {
    quieted = true;
    trace?.(excusal(analysis, b, c.term, c.hit.start, c.hit.end, by));
  };
  if (block.inQuote || WHOLE_QUOTATION.test(text)) {
    for (const c of chooseForms(hits, set, text)) excused(c, 'quotation');
    return { groups: NO_GROUPS, quieted };
  }
  const sentenceSpans = analysis.sentences(b);
  const addresses = addressesIn(text);
  const contextHits = hits.filter((h) => h.owner.kind === 'context');
  // An acronym in brackets right after its long form ("… of Children (CSEC)") shares the long form's fate.
  let previous: { c: Candidate; by: string | undefined } | undefined;
  const candidates = resolveOverlaps(analysis, chooseForms(hits, set, text), hits, excused).filter((c) => {
    const by = previous && /^\s*\(\s*$/.test(text.slice(previous.c.hit.end, c.hit.start)) ? previous.by : excuseOf(c);
    previous = { c, by };
    if (by) excused?.(c, by);
    return by === undefined;
  });
  function excuseOf(c: Candidate): string | undefined {
    if (addresses.some(([start, end]) => start < c.hit.end && c.hit.start < end)) return 'web-address';
    // A link whose words are a title names the page or document it opens.
    if (block.links?.some(([start, end]) => start <= c.hit.start && c.hit.end <= end && isTitleLike(text.slice(start, end)))) return 'linked-title';
    const sentence = spanAt(sentenceSpans, c.hit.start);
    if (insideQuotes(text, sentence, c.hit.start, c.hit.end)) return 'quotation';
    // A subject line is the document's own title, the author's to change, whatever it names.
    if (!SUBJECT_LINE.test(text) && inCitedTitle(text, c.hit.start, c.hit.end, block.kind === 'heading')) return 'cited-title';
    const place: TermPlace = { kind: c.term.kind, blockKind: block.kind, text, sentence, start: c.hit.start, end: c.hit.end, stateLaws: analysis.stateLaws };
    // Every context is triggered by what its term's own sentence holds; wider scopes are checked in excusedAround.
    const inSentence = contextsInSentence(contextHits, place);
    return set.compiledContexts.find((ctx) => excusesInSentence(ctx, place, inSentence))?.id;
  }
  const groups = mergeAcronymDefinitions(text, candidates, sentenceSpans);
  return groups === NO_GROUPS && !quieted ? NO_TERMS : { groups, quieted };
}

/** A candidate that a detector kept from being reported, placed in the document. */
function excusal(analysis: Analysis, b: number, term: TermEntry, start: number, end: number, by: string): Excusal {
  const block = analysis.doc.blocks[b];
  return { ruleId: `term/${term.id}`, by, found: block.text.slice(start, end), ...rangeOf(analysis.doc, block, start, end) };
}

/** The context that looks beyond the sentence and excuses the term (a labor-trafficking sibling, a duty cited in the section). */
function excusedAround(analysis: Analysis, b: number, group: TermGroup, scopes: ScopeMemo): string | undefined {
  const { doc, set } = analysis;
  const block = doc.blocks[b];
  const place: TermPlace = { kind: group.term.kind, blockKind: block.kind, text: block.text, sentence: [group.sentenceStart, group.sentenceEnd], start: group.hitStart, end: group.hitEnd, stateLaws: analysis.stateLaws };
  for (const ctx of set.compiledContexts) {
    if (ctx.scope === 'sentence' || !mayExcuse(ctx, place)) continue;
    if (scopes.triggered(ctx, b) && !cancelled(ctx, place)) return ctx.id;
  }
  return undefined;
}

/** Whether a context's phrases or patterns are in a block's wider scope, worked out once per scope and context. */
interface ScopeMemo {
  triggered(ctx: CompiledContext, b: number): boolean;
}

/** Siblings beyond this many are a long list, whose items pair with their neighbours only. */
const LONG_SIBLING_RUN = 6;

function scopeMemo(analysis: Analysis): ScopeMemo {
  let groups: ScopeGroups | undefined;
  // Per context, whether each group holds its phrases or patterns.
  const known = new Map<CompiledContext, Map<number, boolean>>();
  const { doc } = analysis;
  return {
    triggered(ctx, b) {
      if (ctx.scope === 'next') return b + 1 < doc.blocks.length && triggeredIn(ctx, analysis.contextHits(b + 1), doc.blocks[b + 1].text);
      groups ??= scopeGroups(doc);
      if (ctx.scope === 'lead-in') return leadIn(doc, groups, b).some((i) => triggeredIn(ctx, analysis.contextHits(i), doc.blocks[i].text));
      const group = ctx.scope === 'siblings' ? groups.sibling[b] : groups.section[b];
      if (group === -1) return false;
      const members = groups.members[group];
      // In a long list or run of headings (a table of contents) a sibling pairs with its neighbours only: one labor
      // entry does not make every other entry about both.
      if (ctx.scope === 'siblings' && members.length > LONG_SIBLING_RUN && doc.blocks[b].kind !== 'table-cell') {
        // A group's members are in document order, and b is one of them.
        const at = indexAtOrBefore(members, b);
        return [members[at - 1], members[at + 1]].some((i) => i !== undefined && triggeredIn(ctx, analysis.contextHits(i), doc.blocks[i].text));
      }
      let answers = known.get(ctx);
      if (!answers) known.set(ctx, (answers = new Map()));
      let answer = answers.get(group);
      if (answer === undefined) {
        answer = members.some((i) => triggeredIn(ctx, analysis.contextHits(i), doc.blocks[i].text));
        answers.set(group, answer);
      }
      return answer;
    },
  };
}

/**
 * What introduces a block: for a list item or table cell, the paragraph or heading just before its list or table
 * ("Forms:" over a list of forms); and the heading of its section.
 */
function leadIn(doc: PolicyDocument, groups: ScopeGroups, b: number): number[] {
  const first = groups.sibling[b] === -1 ? b : groups.members[groups.sibling[b]][0];
  const before = doc.blocks[first - 1];
  const out: number[] = [];
  if (before && before.kind !== 'list-item' && before.kind !== 'table-cell') out.push(first - 1);
  const heading = doc.blocks[b].section;
  if (heading >= 0 && heading !== first - 1) out.push(heading);
  return out;
}

/** "Commercially Sexually Exploited Children (CSEC)" is one finding, not two. */
function mergeAcronymDefinitions(text: string, candidates: Candidate[], sentenceSpans: Span[]): TermGroup[] {
  const out: TermGroup[] = [];
  const group = (main: Candidate, start: number, end: number): TermGroup => {
    const [sentenceStart, sentenceEnd] = spanAt(sentenceSpans, main.hit.start);
    const { hit, term, form } = main;
    return { term, form, hitStart: hit.start, hitEnd: hit.end, plural: hit.plural, possessive: hit.possessive, start, end, sentenceStart, sentenceEnd, leadStart: spanAt(sentenceSpans, start)[0], besideAnother: false };
  };
  for (let i = 0; i < candidates.length; i++) {
    const a = candidates[i];
    const b = candidates[i + 1];
    if (b) {
      const between = text.slice(a.hit.end, b.hit.start);
      const close = /^\s*\)/.exec(text.slice(b.hit.end));
      if (/^\s*\(\s*$/.test(between) && close) {
        const main = b.hit.end - b.hit.start > a.hit.end - a.hit.start ? b : a;
        out.push(group(main, a.hit.start, b.hit.end + close[0].length));
        i++;
        continue;
      }
    }
    out.push(group(a, a.hit.start, a.hit.end));
  }
  for (let i = 1; i < out.length; i++) {
    if (!sideBySide(text, out[i - 1].end, out[i].start)) continue;
    out[i - 1].besideAnother = true;
    out[i].besideAnother = true;
  }
  // Kept until the findings are made, one list a block: a copy of its own length (a pushed array has room for 17).
  return out.length === 0 ? NO_GROUPS : out.slice();
}


/** Web addresses and e-mail addresses: words inside them are names, and a fix would break the link. */
const ADDRESS = /\b(?:https?:\/\/|www\.)[^\s<>"“”]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi;

function addressesIn(text: string): [number, number][] {
  if (!/:\/\/|www\.|@/i.test(text)) return [];
  return [...text.matchAll(ADDRESS)].map((m): [number, number] => [m.index, m.index + m[0].length]);
}

