// Term rules: a phrase found, with replacements chosen by grammatical use.
// Every term in rules/*.yaml runs through this one function; the code knows
// the kind of rule, never an individual term.
import { detached, rangeOf } from '../model.js';
import type { Finding, SeverityLevel } from '../types.js';
import type { Analysis } from './analysis.js';
import { citationTexts, sourceNote } from './citation.js';
import type { Hit } from './matcher.js';
import type { TermEntry } from './pack.js';
import { articleBefore, fitReplacement, isAllCaps, isTitleCase, placementKey, type Fitted, type Placement } from './replacement.js';
import { insideQuotes, spanAt } from './sentences.js';
import type { RuleSet } from './ruleset.js';

const KIND_SEVERITY: Record<TermEntry['kind'], SeverityLevel> = { stigmatizing: 2, 'too-narrow': 1, slang: 1, precision: 1 };
const LEVEL = { info: 0, warn: 1, error: 2 } as const;

export function termSeverity(term: TermEntry): SeverityLevel {
  return term.severity ? LEVEL[term.severity] : KIND_SEVERITY[term.kind];
}

// A year often opens a document's title ("the 2018 Sex Trafficking of Minors Response Guide").
const TITLE_WORD = /^(?:[\p{Lu}][\p{L}'’.-]*|of|and|for|the|on|in|to|&|[A-Z]{2,}|(?:19|20)\d\d)$/u;
/** How far on each side of a match the words of a title are looked for. */
const TITLE_REACH = 120;
const LAW_OR_DOCUMENT = /\b(?:Act|Acts|Report|Toolkit|Framework|Handbook|Guide|Guidelines|Manual|Study|Bill)\b/;

/** The match sits inside the title of a law or of another document ("… Strengthening Families Act"). */
function inCitedTitle(text: string, start: number, end: number): boolean {
  // Most matches have no "Act", "Report"… within reach: that answer needs no word splitting.
  if (!LAW_OR_DOCUMENT.test(text.slice(Math.max(0, start - TITLE_REACH), end + TITLE_REACH))) return false;
  const left = text.slice(Math.max(0, start - TITLE_REACH), start).split(/(\s+)/);
  const right = text.slice(end, end + TITLE_REACH).split(/(\s+)/);
  const words: string[] = [];
  for (let i = left.length - 1; i >= 0; i--) {
    if (/^\s*$/.test(left[i])) continue;
    if (!TITLE_WORD.test(left[i])) break;
    words.unshift(left[i]);
  }
  const leftCount = words.length;
  for (const w of right) {
    if (/^\s*$/.test(w)) continue;
    const bare = w.replace(/[,;:)]+$/, '');
    if (!TITLE_WORD.test(bare)) break;
    words.push(bare);
    if (bare !== w) break;
  }
  const title = words.join(' ');
  if (!LAW_OR_DOCUMENT.test(title)) return false;
  // "the CSEC Act" is short enough to be a name; a sentence-start capital alone is not a title.
  return words.length + 1 >= 3 && (leftCount > 0 || /\bAct\b/.test(title));
}

interface Candidate {
  hit: Hit;
  term: TermEntry;
  form: number;
}

/** One term finding within a block: the main match and the text it covers (an acronym definition covers two). */
export interface TermGroup {
  main: Candidate;
  start: number;
  end: number;
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

/** Longest match wins; names of record shield whatever they overlap. */
function resolveOverlaps(candidates: Candidate[], hits: Hit[]): Candidate[] {
  const names = hits.filter((h) => h.owner.kind === 'name');
  const free = candidates.filter((c) => !names.some((n) => n.start < c.hit.end && c.hit.start < n.end));
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
  const findings: Finding[] = [];
  analysis.doc.blocks.forEach((_, b) => {
    for (const group of (analysis.work[b].termGroups ??= termGroups(analysis, b))) findings.push(toFinding(analysis, b, group));
  });
  return findings;
}

/** The block's term findings, as offsets into its text. */
function termGroups(analysis: Analysis, b: number): TermGroup[] {
  const { set } = analysis;
  const block = analysis.doc.blocks[b];
  const hits = analysis.hits[b];
  if (block.inQuote || !hits.some((h) => h.owner.kind === 'term')) return [];
  const text = block.text;
  const sentenceSpans = analysis.sentences(b);
  const contexts = hits.filter((h) => h.owner.kind === 'context');
  const links = addressesIn(text);
  const candidates = resolveOverlaps(chooseForms(hits, set, text), hits).filter((c) => {
    if (links.some(([start, end]) => start < c.hit.end && c.hit.start < end)) return false;
    const sentence = spanAt(sentenceSpans, c.hit.start);
    if (insideQuotes(text, sentence, c.hit.start, c.hit.end)) return false;
    if (block.kind !== 'heading' && inCitedTitle(text, c.hit.start, c.hit.end)) return false;
    return !contexts.some((ctx) => {
      if (ctx.start < sentence[0] || ctx.start >= sentence[1]) return false;
      const kinds = set.contexts.get(ctx.owner.id)?.kinds ?? ['too-narrow'];
      return kinds.includes(c.term.kind);
    });
  });
  return mergeAcronymDefinitions(text, candidates);
}

/** "Commercially Sexually Exploited Children (CSEC)" is one finding, not two. */
function mergeAcronymDefinitions(text: string, candidates: Candidate[]): TermGroup[] {
  const out: TermGroup[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const a = candidates[i];
    const b = candidates[i + 1];
    if (b) {
      const between = text.slice(a.hit.end, b.hit.start);
      const close = /^\s*\)/.exec(text.slice(b.hit.end));
      if (/^\s*\(\s*$/.test(between) && close) {
        const main = b.hit.end - b.hit.start > a.hit.end - a.hit.start ? b : a;
        out.push({ main, start: a.hit.start, end: b.hit.end + close[0].length });
        i++;
        continue;
      }
    }
    out.push({ main: a, start: a.hit.start, end: a.hit.end });
  }
  return out;
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
  why: string;
  citations: string[];
  /** " (Source: …; ….)" closing each message. */
  sourceNote: string;
}

const abouts = new WeakMap<TermEntry, TermAbout>();
function aboutOf(set: RuleSet, term: TermEntry): TermAbout {
  let about = abouts.get(term);
  if (!about) {
    const citations = citationTexts(set, term.citations);
    about = { ruleId: `term/${term.id}`, why: term.why.trim(), citations: Object.freeze(citations) as string[], sourceNote: sourceNote(citations) };
    abouts.set(term, about);
  }
  return about;
}

/** What a finding says and suggests, which depends only on the words found and how they sit in the sentence. */
interface Wording {
  message: string;
  /** Each replacement fitted into the sentence, with its suggestion as an editor lists it. */
  replacements: (Fitted & { desc: string })[];
  /** There is a replacement and the sentence does not define the term: --fix makes the first replacement. */
  fixable: boolean;
}

// A corpus repeats the same findings ("CSEC youth" mid-sentence after "a") thousands of times: each distinct
// wording is worked out once, per term entry (a county pack may redefine a term). Bounded, so a long run over
// varied text does not grow it without end.
const wordings = new WeakMap<TermEntry, Map<string, Wording>>();
const WORDINGS_LIMIT = 2_000;

function toFinding(analysis: Analysis, b: number, group: TermGroup): Finding {
  const { doc, set } = analysis;
  const block = doc.blocks[b];
  const { hit, term, form } = group.main;
  const found = detached(block.text.slice(group.start, group.end));
  const sentence = spanAt(analysis.sentences(b), group.start);
  const placement: Placement = {
    found,
    allCaps: isAllCaps(block.text),
    titleCaseHeading: block.kind === 'heading' && isTitleCase(block.text),
    sentenceStart: SENTENCE_LEAD.test(block.text.slice(sentence[0], group.start)),
    plural: hit.plural,
    possessive: hit.possessive,
    article: articleBefore(block.text, group.start),
  };
  // "DMST means …": swapping the defined term would redefine another term, so the fix is left to the author.
  const defines = DEFINED_HERE.test(block.text.slice(group.end, group.end + 40));
  const wording = wordingOf(set, term, form, placement, defines);
  const about = aboutOf(set, term);
  const suggestions = wording.replacements.map((r) => ({
    desc: r.desc,
    text: r.text,
    edit: { block: b, start: group.start - r.extendBefore, end: group.end, text: r.text },
  }));
  // Fields written out rather than spread from rangeOf: one object of one shape per finding, and 15,000 findings
  // in the bench corpus.
  const range = rangeOf(doc, block, group.start, group.end);
  const finding: Finding = {
    ruleId: about.ruleId,
    severity: termSeverity(term),
    message: wording.message,
    line: range.line,
    column: range.column,
    endLine: range.endLine,
    endColumn: range.endColumn,
    block: b,
    start: group.start,
    end: group.end,
    found,
    suggestions,
    fix: wording.fixable ? suggestions[0].edit : undefined,
    // Shared by every finding of the term: frozen, so no consumer can change one finding's list for all.
    citations: about.citations,
  };
  if (range.page !== undefined) finding.page = range.page;
  return finding;
}

function wordingOf(set: RuleSet, term: TermEntry, form: number, placement: Placement, defines: boolean): Wording {
  const key = `${form}\u0000${placementKey(placement)}\u0000${+defines}`;
  let known = wordings.get(term);
  if (!known) wordings.set(term, (known = new Map()));
  let wording = known.get(key);
  if (!wording) {
    if (known.size >= WORDINGS_LIMIT) known.clear();
    wording = makeWording(set, term, form, placement, defines);
    known.set(key, wording);
  }
  return wording;
}

function makeWording(set: RuleSet, term: TermEntry, form: number, placement: Placement, defines: boolean): Wording {
  const replacements = (term.forms[form].replace ?? []).map((raw) => fitReplacement(raw, placement));
  const about = aboutOf(set, term);
  const best = replacements[0]?.text.trim();
  const message =
    `"${placement.found.replace(/\s+/g, ' ')}": ${about.why}` +
    (best ? ` Write "${best.replace(/^(?:a|an)\s+/i, '')}" instead${defines ? ', and revise the definition to match (not changed by --fix)' : ''}.` : '') +
    about.sourceNote;
  return {
    message,
    replacements: replacements.map((r) => ({ ...r, desc: `Replace with "${r.text}"` })),
    fixable: !defines && replacements.length > 0,
  };
}
