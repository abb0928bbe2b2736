// A term finding: what it says and suggests (its wording), and the plain
// finding made from a term group. A table of a million cells has a million
// findings, most worded alike: each distinct wording is worked out once and
// frozen, and every finding worded so references its message and suggestions;
// a finding holds only its own place (its block span, lines and columns, and on
// Markdown and text its source range and fix, placed when it is made).
import { rangeAt, sourceSpan, type PolicyDocument } from '../model.js';
import { flatString } from '../flat-string.js';
import { severityLevel } from '../severity.js';
import { fixFor } from '../source-edit.js';
import type { Finding, Suggestion } from '../types.js';
import { citationTexts } from './citation.js';
import { fixHold, HOLD_REASONS, type FixHold } from './fix-safety.js';
import { defaultSeverity, type TermEntry } from './pack.js';
import { articleBefore, fitReplacement, inTitlePhrase, isAllCaps, isTitleCase, placementKey, type Placement } from './replacement.js';
import type { RuleSet } from './ruleset.js';

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

/**
 * What may stand between a sentence's start and a match that still begins the sentence: quotation marks, bullets,
 * emphasis, and a paragraph or list number ("7.1 ", "3) ", "(a) ", "iv. "), so the replacement gets a capital.
 */
const SENTENCE_LEAD = /^[\s"“'‘(•*_-]*(?:(?:\d+(?:\.\d+)*[.)]?|\(?[A-Za-z][.)]|\(?[ivxlcIVXLC]+[.)])\s+[\s"“'‘(•*_-]*)?$/;

/** Words after a match that make the sentence its definition. */
const DEFINED_HERE = /^[*_"”’)\s]*(?:means|shall mean|is defined as|are defined as|refers to|refer to)\b/;

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

/**
 * What a finding says and suggests, which depends only on the words found and how they sit in the sentence: shared by
 * every finding worded alike, and frozen, so that no consumer can change one finding's wording for all.
 */
interface Wording {
  readonly message: string;
  /** Each replacement fitted into the sentence, as an editor lists it. */
  readonly suggestions: readonly Suggestion[];
  /** There is a replacement, the sentence does not define the term and it is safe there (fix-safety.ts): --fix makes the first replacement. */
  readonly fixable: boolean;
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
    found = flatString(slice);
    founds.set(found, found);
  }
  return found;
}

/** The finding of a term group: its place, and the wording it shares with every finding worded alike. */
export function toFinding(doc: PolicyDocument, set: RuleSet, b: number, group: TermGroup): Finding {
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
    ? fixHold({ text: block.text, start: group.start, end: group.end, sentenceStart: group.sentenceStart, sentenceEnd: group.sentenceEnd, found, replacement: wording.suggestions[0].text, possessive: group.possessive, besideAnother: group.besideAnother })
    : undefined;
  if (hold) wording = wordingOf(set, term, form, placement, defines, hold);
  const about = aboutOf(set, term);
  const span = sourceSpan(block, group.start, group.end);
  const { line, column, endLine, endColumn, page } = rangeAt(doc, block, span);
  const finding: Finding = {
    ruleId: about.ruleId,
    severity: severityLevel(defaultSeverity(term)),
    message: wording.message,
    line,
    column,
    endLine,
    endColumn,
    block: b,
    start: group.start,
    end: group.end,
    found,
    suggestions: wording.suggestions as Suggestion[],
    citations: about.citations,
  };
  if (page !== undefined) finding.page = page;
  if (doc.source.kind === 'text') finding.range = span;
  // A PDF is read-only: its replacements stay suggestions, none is offered as a fix --fix would make.
  if (wording.fixable && doc.source.kind !== 'pages') finding.fix = fixOf(doc, finding, wording.suggestions[0]);
  return finding;
}

/** The fix of a finding: its first replacement, placed in the source (sharing the finding's range where it is the same). */
function fixOf(doc: PolicyDocument, finding: Finding, first: Suggestion): Finding['fix'] {
  const fix = fixFor(doc, { block: finding.block, start: finding.start - (first.extendBefore ?? 0), end: finding.end, text: first.text });
  const { range } = finding;
  if ('range' in fix && fix.range && range && fix.range[0] === range[0] && fix.range[1] === range[1]) fix.range = range;
  return fix;
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
  return Object.freeze({
    message,
    suggestions: Object.freeze(replacements.map((r) => Object.freeze({ desc: `Replace with "${r.text}"`, text: r.text, extendBefore: r.extendBefore }))),
    fixable: !defines && !hold && replacements.length > 0,
  });
}
