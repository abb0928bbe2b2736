// Term rules: a phrase found, with replacements chosen by grammatical use.
// Every term in rules/*.yaml runs through this one function; the code knows
// the kind of rule, never an individual term.
import { detached, rangeOf, titleHeading, TITLE_LABEL, type PolicyDocument, type Range } from '../model.js';
import { severityLevel, type SeverityLevel } from '../severity.js';
import type { Excusal, Finding, Suggestion, TextEdit } from '../types.js';
import type { Analysis } from './analysis.js';
import { citationTexts } from './citation.js';
import type { Hit } from './matcher.js';
import { defaultSeverity, type TermEntry } from './pack.js';
import { fixHold, HOLD_REASONS, sideBySide, type FixHold } from './fix-safety.js';
import { articleBefore, fitReplacement, inTitlePhrase, isAllCaps, isTitleCase, placementKey, type Fitted, type Placement } from './replacement.js';
import { insideQuotes, spanAt, type Span } from './sentences.js';
import { cancelled, contextsInSentence, excusesInSentence, mayExcuse, scopeGroups, triggeredIn, type CompiledContext, type ScopeGroups, type TermPlace } from './contexts.js';
import type { RuleSet } from './ruleset.js';

// A year often opens a document's title ("the 2018 Sex Trafficking of Minors Response Guide"); an acronym in
// parentheses often sits inside one ("… Children (CSEC) Protocols").
const TITLE_WORD = /^(?:[\p{Lu}][\p{L}'’.-]*|of|and|for|the|on|in|to|&|\(?[A-Z]{2,}\)?|(?:19|20)\d\d)$/u;
/** How far on each side of a match the words of a title are looked for. */
const TITLE_REACH = 120;
/** Words that make a run of capitalised words the title of a law, a published resource or an agreement. */
const LAW_OR_DOCUMENT =
  /\b(?:Act|Acts|Report|Toolkit|Framework|Handbook|Guide|Guidelines|Manual|Study|Bill|Memorandum|MOU|Agreement|Infographic|Fact Sheet|Poster|Series|Webinar|Curriculum|Summit|Conference|Symposium|Forum|Awareness Month|Awareness Week|Awareness Day)\b/;
/** Titles that are names even when the term opens them: a law, or a recurring event. */
const NAMED_FROM_ITS_FIRST_WORD = /\b(?:Act|Summit|Conference|Symposium|Forum|Awareness\s+(?:Month|Week|Day))\b/;
/** The kind of work a title follows ("the report, …", "a study titled …"); a course or training named so may be the author's own. */
const WORK_WORD = /\b(?:study|report|toolkit|handbook|manual|article|book|paper|brief|publication|infographic|fact sheet|poster)\b/i;
// With its article ("a 2018 study, …", "the report …"), so that "Report CSEC referrals …" is not read as a title.
const WORK_BEFORE_TITLE = new RegExp(`\\b(?:the|a|an|this|that|its|their|our)\\s+(?:[\\w-]+\\s+)?${WORK_WORD.source}(?:,|\\s+(?:titled|entitled|called|named))?\\s+["“]?$`, 'i');
const CAPITAL = /^\p{Lu}/u;
const CONNECTOR = /^(?:of|and|for|the|on|in|to|&)$/;

/** A heading that ends with one of these names a published resource ("… On-Ramps Fact Sheet"), not a section. */
const RESOURCE_HEADING = /\b(?:Infographic|Fact Sheets?|Poster|Series|Series Events|Webinar|Toolkit|Brief|Video|Podcast)\s*$/;

/**
 * The match sits inside the title of a law or of another document ("… Strengthening Families Act"). A heading is
 * one when it names a published resource; other headings are all capitalised words and say nothing by that.
 */
function inCitedTitle(text: string, start: number, end: number, heading: boolean): boolean {
  if (heading) return RESOURCE_HEADING.test(text);
  // Most matches have no "Act", "Report"… within reach, and are not capitalised after a "study" or "report": those
  // answers need no word splitting ("report" is common in policies; a capital is not).
  const leftText = text.slice(Math.max(0, start - TITLE_REACH), start);
  const named = LAW_OR_DOCUMENT.test(text.slice(Math.max(0, start - TITLE_REACH), end + TITLE_REACH));
  const capital = CAPITAL.test(text[start] ?? '');
  if (!named && !(capital && WORK_WORD.test(leftText))) return false;
  const left = leftText.split(/(\s+)/);
  const right = text.slice(end, end + TITLE_REACH).split(/(\s+)/);
  const words: string[] = [];
  // A bracket standing alone next to the match ("… Children (CSEC) Protocols") is part of the title.
  const skipped = (w: string) => /^\s*$|^[()]+$/.test(w);
  // Where in leftText the title's capitalised words begin.
  let runStart = leftText.length;
  for (let i = left.length - 1, offset = leftText.length; i >= 0; i--) {
    offset -= left[i].length;
    if (skipped(left[i])) continue;
    if (!TITLE_WORD.test(left[i])) break;
    words.unshift(left[i]);
    runStart = offset;
  }
  // A title named right after the kind of work it is ("a 2018 study, Sex Trafficking in Harbor County, found …").
  if (capital && WORK_BEFORE_TITLE.test(leftText.slice(0, runStart))) return true;
  const leftCount = words.length;
  for (const w of right) {
    if (skipped(w)) continue;
    // Closing punctuation ends the title; a closing bracket without its opening one is not part of the word.
    const bare = w.replace(/[,;:.]+$/, '').replace(/^([^(]*)\)+$/, '$1');
    if (!TITLE_WORD.test(bare)) break;
    words.push(bare);
    if (bare !== w) break;
  }
  // Connecting words at its ends ("Report … to the") belong to the sentence, not to a title.
  let first = 0;
  let last = words.length;
  while (first < leftCount && CONNECTOR.test(words[first])) first++;
  while (last > leftCount && CONNECTOR.test(words[last - 1])) last--;
  const kept = words.slice(first, last);
  const title = kept.join(' ');
  if (!LAW_OR_DOCUMENT.test(title)) return false;
  // "the CSEC Act" is short enough to be a name, and an event's name may open with the term ("Sex Trafficking
  // Awareness Summit"); otherwise a sentence-start capital alone is not a title.
  return kept.length + 1 >= 3 && (leftCount - first > 0 || NAMED_FROM_ITS_FIRST_WORD.test(title));
}

interface Candidate {
  hit: Hit;
  term: TermEntry;
  form: number;
}

/**
 * One term finding within a block, as numbers relative to the block's text: the main match, the text the finding
 * covers (an acronym definition covers two matches), and the sentences they are in. A document's groups are all held
 * until the findings are made (checkTerms), so a group keeps no hit and no list of sentences.
 */
export interface TermGroup {
  term: TermEntry;
  form: number;
  hitStart: number;
  hitEnd: number;
  plural: boolean;
  possessive: boolean;
  start: number;
  end: number;
  /** The sentence of the main match. */
  sentenceStart: number;
  sentenceEnd: number;
  /** Where the sentence holding `start` starts (where the main match's does, unless an acronym definition spans two). */
  leadStart: number;
  /** Another of the block's term matches stands right beside this one, in the same phrase (fix-safety.ts). */
  besideAnother: boolean;
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
 * The local names of record (a county's program or coalition) that the document's own headings name: the document is
 * about that body, so its name is the author's to change and is reported like any other wording.
 */
/**
 * A paragraph that is one quotation from its first word to its last (an epigraph, a pull quote): it opens with a quote
 * mark that does not close within its first words, and ends with one, perhaps followed by its attribution.
 */
const WHOLE_QUOTATION = /^\s*["“](?![^"”\n]{0,40}["”])[\s\S]{80,}?[.!?…]?["”]\s*(?:[-–—]\s*[^\n]{1,120})?$/;

/** A memo's or board item's subject line names what the document is about, as a heading does. */
const SUBJECT_LINE = new RegExp(`^\\s*${TITLE_LABEL}\\s*:`);
const ownNamesMemo = new WeakMap<Analysis, ReadonlySet<string>>();
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
    const work = analysis.work(b);
    const found = work.termGroups ?? termGroups(analysis, b);
    if (work.termsQuieted) outcome[b] = QUIETED;
    // Kept for the next lint of an edited document (a LintCache); otherwise what later rules do not read goes.
    if (keepsWork) work.termGroups = found;
    else analysis.release(b);
    return found;
  });
  const findings: Finding[] = [];
  const wide = analysis.set.compiledContexts.some((c) => c.scope !== 'sentence');
  const scopes = scopeMemo(analysis);
  // The document's own title: its terms are the author's, whatever the text under it says.
  const title = titleHeading(doc);
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
        findings.push(toFinding(analysis, b, group));
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
    for (const group of kept) findings.push(toFinding(analysis, b, group));
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

/** The block's term findings, as offsets into its text. */
function termGroups(analysis: Analysis, b: number): TermGroup[] {
  const { set } = analysis;
  const block = analysis.doc.blocks[b];
  const hits = analysis.hits(b);
  if (!hits.some((h) => h.owner.kind === 'term')) return NO_GROUPS;
  const text = block.text;
  // Why a candidate is not reported, for `policylint eval` (which detector kept it quiet); nothing is made otherwise.
  const trace = analysis.onExcused;
  const work = analysis.work(b);
  const excused = (c: Candidate, by: string) => {
    work.termsQuieted = true;
    trace?.(excusal(analysis, b, c.term, c.hit.start, c.hit.end, by));
  };
  if (block.inQuote || WHOLE_QUOTATION.test(text)) {
    for (const c of chooseForms(hits, set, text)) excused(c, 'quotation');
    return NO_GROUPS;
  }
  const sentenceSpans = analysis.sentences(b);
  const links = addressesIn(text);
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
    if (links.some(([start, end]) => start < c.hit.end && c.hit.start < end)) return 'web-address';
    const sentence = spanAt(sentenceSpans, c.hit.start);
    if (insideQuotes(text, sentence, c.hit.start, c.hit.end)) return 'quotation';
    // A subject line is the document's own title, the author's to change, whatever it names.
    if (!SUBJECT_LINE.test(text) && inCitedTitle(text, c.hit.start, c.hit.end, block.kind === 'heading')) return 'cited-title';
    const place: TermPlace = { kind: c.term.kind, blockKind: block.kind, text, sentence, start: c.hit.start, end: c.hit.end, stateLaws: analysis.stateLaws };
    // Every context is triggered by what its term's own sentence holds; wider scopes are checked in excusedAround.
    const inSentence = contextsInSentence(contextHits, place);
    return set.compiledContexts.find((ctx) => excusesInSentence(ctx, place, inSentence))?.id;
  }
  return mergeAcronymDefinitions(text, candidates, sentenceSpans);
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
      let answers = known.get(ctx);
      if (!answers) known.set(ctx, (answers = new Map()));
      let answer = answers.get(group);
      if (answer === undefined) {
        answer = groups.members[group].some((i) => triggeredIn(ctx, analysis.contextHits(i), doc.blocks[i].text));
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

/**
 * What may stand between a sentence's start and a match that still begins the sentence: quotation marks, bullets,
 * emphasis, and a paragraph or list number ("7.1 ", "3) ", "(a) ", "iv. "), so the replacement gets a capital.
 */
const SENTENCE_LEAD = /^[\s"“'‘(•*_-]*(?:(?:\d+(?:\.\d+)*[.)]?|\(?[A-Za-z][.)]|\(?[ivxlcIVXLC]+[.)])\s+[\s"“'‘(•*_-]*)?$/;

/** Words after a match that make the sentence its definition. */
const DEFINED_HERE = /^[*_"”’)\s]*(?:means|shall mean|is defined as|are defined as|refers to|refer to)\b/;

/** Web addresses and e-mail addresses: words inside them are names, and a fix would break the link. */
const ADDRESS = /\b(?:https?:\/\/|www\.)[^\s<>"“”]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi;

function addressesIn(text: string): [number, number][] {
  if (!/:\/\/|www\.|@/i.test(text)) return [];
  return [...text.matchAll(ADDRESS)].map((m): [number, number] => [m.index, m.index + m[0].length]);
}

/** What every finding of a term says the same way, worked out once per term. */
interface TermAbout {
  ruleId: string;
  /** What is wrong, in a few words, after the words found. */
  short: string;
  citations: string[];
}

/** A term entry without its own `short` (a county pack's) says what its kind means. */
const SHORT_BY_KIND: Record<TermEntry['kind'], string> = {
  'too-narrow': 'names sex trafficking only',
  stigmatizing: 'labels a young person by the exploitation',
  slang: 'is street slang',
  precision: 'is not precise here',
};

const abouts = new WeakMap<TermEntry, TermAbout>();
function aboutOf(set: RuleSet, term: TermEntry): TermAbout {
  let about = abouts.get(term);
  if (!about) {
    const citations = citationTexts(set, term.citations);
    about = { ruleId: `term/${term.id}`, short: (term.short ?? SHORT_BY_KIND[term.kind]).trim(), citations: Object.freeze(citations) as string[] };
    abouts.set(term, about);
  }
  return about;
}

/** The words found as a message quotes them: on one line, and cut short when a match runs long. */
function quoted(found: string): string {
  const flat = found.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}

/** What a finding says and suggests, which depends only on the words found and how they sit in the sentence. */
interface Wording {
  message: string;
  /** Each replacement fitted into the sentence, with its suggestion as an editor lists it. */
  replacements: (Fitted & { desc: string })[];
  /** There is a replacement, the sentence does not define the term and it is safe there (fix-safety.ts): --fix makes the first replacement. */
  fixable: boolean;
}

// A corpus repeats the same findings ("CSEC youth" mid-sentence after "a") thousands of times: each distinct
// wording is worked out once, per term entry (a county pack may redefine a term). Bounded, so a long run over
// varied text does not grow it without end.
const wordings = new WeakMap<TermEntry, Map<string, Wording>>();
const WORDINGS_LIMIT = 2_000;

// The same few words are found over and over ("CSEC youth" in every cell of a table): each finding points at one
// copy of them (bounded, as the wordings are).
const founds = new Map<string, string>();
const FOUNDS_LIMIT = 10_000;

/** The words found, as a string of their own that is shared with every other finding of the same words. */
function foundText(slice: string): string {
  let found = founds.get(slice);
  if (found === undefined) {
    if (founds.size >= FOUNDS_LIMIT) founds.clear();
    found = detached(slice);
    founds.set(found, found);
  }
  return found;
}

function toFinding(analysis: Analysis, b: number, group: TermGroup): Finding {
  const { doc, set } = analysis;
  const block = doc.blocks[b];
  const { term, form } = group;
  const found = foundText(block.text.slice(group.start, group.end));
  const placement: Placement = {
    found,
    allCaps: isAllCaps(block.text),
    titleCaseHeading: block.kind === 'heading' && isTitleCase(block.text),
    titlePhrase: inTitlePhrase(block.text, group.end),
    sentenceStart: SENTENCE_LEAD.test(block.text.slice(group.leadStart, group.start)),
    plural: group.plural,
    possessive: group.possessive,
    article: articleBefore(block.text, group.start),
  };
  // "DMST means …": swapping the defined term would redefine another term, so the fix is left to the author.
  const defines = DEFINED_HERE.test(block.text.slice(group.end, group.end + 40));
  let wording = wordingOf(set, term, form, placement, defines);
  // Whether the first replacement keeps the sentence's meaning and grammar; if not, it stays a suggestion.
  const hold = wording.fixable
    ? fixHold({ text: block.text, start: group.start, end: group.end, sentenceStart: group.sentenceStart, sentenceEnd: group.sentenceEnd, found, replacement: wording.replacements[0].text, possessive: group.possessive, besideAnother: group.besideAnother })
    : undefined;
  if (hold) wording = wordingOf(set, term, form, placement, defines, hold);
  const about = aboutOf(set, term);
  const range = rangeOf(doc, block, group.start, group.end);
  // A PDF is read-only: its replacements stay suggestions, none is offered as a fix --fix would make.
  return new TermFinding(about, severityLevel(defaultSeverity(term)), range, b, group.start, group.end, found, wording, doc.format !== 'pdf');
}

/**
 * A term finding. Its suggestions and its fix are made when they are read, from the replacements it shares with
 * every finding worded like it: made up front, they were two thirds of the memory of a finding, and a table of a
 * million cells has a million findings. Read them as properties; JSON.stringify writes them; `plainFinding` makes a
 * copy that holds them (to send to another thread, or to spread).
 */
class TermFinding implements Finding {
  ruleId: string;
  severity: SeverityLevel;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  // Declared only: a field would be set (to undefined) on every finding, and only PDF findings have a page.
  declare page?: number;
  block: number;
  start: number;
  end: number;
  found: string;
  // Shared by every finding of the term: frozen, so no consumer can change one finding's list for all.
  citations: string[];
  readonly #wording: Wording;
  readonly #fixable: boolean;
  // Where the fix lands in a Markdown or text source (ESLint's `fix.range`), once placed: numbers, so that a million
  // findings written as JSON do not each hold a range object. UNPLACED until then; NO_RANGE when --fix would not make it.
  #from = UNPLACED;
  #to = UNPLACED;
  /** The fix's text as it goes into the source, where that differs (a line break kept inside the phrase). */
  #sourceText: string | undefined = undefined;

  constructor(about: TermAbout, severity: SeverityLevel, range: Range, block: number, start: number, end: number, found: string, wording: Wording, fixable: boolean) {
    this.ruleId = about.ruleId;
    this.severity = severity;
    this.message = wording.message;
    this.line = range.line;
    this.column = range.column;
    this.endLine = range.endLine;
    this.endColumn = range.endColumn;
    if (range.page !== undefined) this.page = range.page;
    this.block = block;
    this.start = start;
    this.end = end;
    this.found = found;
    this.citations = about.citations;
    this.#wording = wording;
    this.#fixable = fixable && wording.fixable;
  }

  get suggestions(): Suggestion[] {
    return this.#wording.replacements.map((r) => ({ desc: r.desc, text: r.text, edit: this.#edit(r) }));
  }

  /** Applied by --fix: the first replacement, unless the sentence defines the term or the file is read-only. */
  get fix(): TextEdit | undefined {
    if (!this.#fixable) return undefined;
    const edit = this.#edit(this.#wording.replacements[0]);
    if (this.#from === UNPLACED) return edit;
    const range: [number, number] | null = this.#from === NO_RANGE ? null : [this.#from, this.#to];
    return { ...edit, ...(this.#sourceText !== undefined ? { text: this.#sourceText } : {}), range } as TextEdit;
  }

  /** Places the fix in the source (see withFixRanges): its range, or null where --fix would not make it. */
  placeFix(range: [number, number] | null, text: string | undefined): void {
    this.#from = range ? range[0] : NO_RANGE;
    this.#to = range ? range[1] : NO_RANGE;
    if (text !== undefined && text !== this.#wording.replacements[0]?.text) this.#sourceText = text;
  }

  // Set, they become the finding's own (as on a plain object): a program using the library may replace them.
  set suggestions(value: Suggestion[]) {
    Object.defineProperty(this, 'suggestions', { value, writable: true, enumerable: true, configurable: true });
  }

  set fix(value: TextEdit | undefined) {
    Object.defineProperty(this, 'fix', { value, writable: true, enumerable: true, configurable: true });
  }

  /** JSON.stringify writes the suggestions and fix too. */
  toJSON(): Finding {
    return plainFinding(this);
  }

  #edit(r: Wording['replacements'][number]): TextEdit {
    return { block: this.block, start: this.start - r.extendBefore, end: this.end, text: r.text };
  }
}

const UNPLACED = -1;
const NO_RANGE = -2;

/** Gives a term finding's fix its place in the source without a new object per finding; false for another finding. */
export function placeTermFix(f: Finding, range: [number, number] | null, text: string | undefined): boolean {
  if (!(f instanceof TermFinding)) return false;
  f.placeFix(range, text);
  return true;
}

/** A finding as a plain object holding its suggestions and fix (a term finding makes them when read). */
export function plainFinding(f: Finding): Finding {
  if (!(f instanceof TermFinding)) return f;
  const fix = f.fix;
  return { ...f, suggestions: f.suggestions, ...(fix ? { fix } : {}) };
}

function wordingOf(set: RuleSet, term: TermEntry, form: number, placement: Placement, defines: boolean, hold?: FixHold): Wording {
  const key = `${form}\u0000${placementKey(placement)}\u0000${+defines}${hold ? `\u0000${hold}` : ''}`;
  let known = wordings.get(term);
  if (!known) wordings.set(term, (known = new Map()));
  let wording = known.get(key);
  if (!wording) {
    if (known.size >= WORDINGS_LIMIT) known.clear();
    wording = makeWording(set, term, form, placement, defines, hold);
    known.set(key, wording);
  }
  return wording;
}

function makeWording(set: RuleSet, term: TermEntry, form: number, placement: Placement, defines: boolean, hold?: FixHold): Wording {
  const replacements = (term.forms[form].replace ?? []).map((raw) => fitReplacement(raw, placement));
  const about = aboutOf(set, term);
  const best = replacements[0]?.text.trim();
  // One line: the words, what is wrong, what to write. Why, and the sources, are the rule's (`policylint explain`).
  // A label the sentence rejects is not to be replaced at all: the replacement would make the sentence say the opposite.
  const write =
    hold === 'rejected-label'
      ? `${HOLD_REASONS[hold]}, so --fix leaves it`
      : best
        ? `write "${best.replace(/^(?:a|an)\s+/i, '')}"${defines ? ' and revise the definition (not changed by --fix)' : hold ? ` (--fix leaves it: ${HOLD_REASONS[hold]})` : ''}`
        : 'reword it';
  const message = `"${quoted(placement.found)}" ${about.short}; ${write}.`;
  return {
    message,
    replacements: replacements.map((r) => ({ ...r, desc: `Replace with "${r.text}"` })),
    fixable: !defines && !hold && replacements.length > 0,
  };
}
