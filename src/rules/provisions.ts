// Provision rules: a topic the document must cover, decided from its
// structure. A provision is `present` when some place that is about the topic
// (a block that names it, or the section under a heading that names it) also
// carries every required concept, not negated, within the block, its
// neighbours in the same section, or its section headings. A topic found
// without them is `partial`; no topic at all is `absent`; a document type the
// provision does not apply to makes it `not-applicable`.
//
// The document title (the first heading, when every later block sits under
// it) is not a section heading: it names the whole document, so a labor term
// in "Child Trafficking Protocol: Sex and Labor Trafficking" says nothing about
// what the MDT section provides. Below the title, its words count only as the
// provision's topic ("Steering Committee Charter" makes every section about
// the committee), never for the other concepts a provision requires, nor as
// the CSEC-only or excluding wording that picks a partial's message.
import { documentStart, rangeOf, sourceSpan, type Block } from '../model.js';
import { flatString } from '../flat-string.js';
import type { DocType, Finding, Insertion, ProvisionResult, ProvisionStatus } from '../types.js';
import { severityLevel } from '../severity.js';
import type { Analysis } from './analysis.js';
import type { BlockConcepts } from './block-concepts.js';
import { citationTexts } from './citation.js';
import { shortfallOf, shortMessage } from './provision-message.js';
import { PhraseMatcher } from './matcher.js';
import { defaultSeverity, type ProvisionEntry } from './pack.js';
import { placeLabel } from '../place.js';
import type { RuleSet } from './ruleset.js';

/** Appends `value` to the list under `key`, starting the list if there is none. */
function addTo<K, V>(lists: Map<K, V[]>, key: K, value: V): void {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}

interface Layout {
  blocks: Block[];
  /** Heading indices above each block, nearest last (a heading includes itself). */
  headings: number[][];
  concepts: BlockConcepts[];
  /** Whether each block is under a glossary heading. */
  glossary: boolean[];
  /** Blocks where each concept is found (LABOR: affirmed only), in order. */
  blocksWith: Map<string, number[]>;
  /** For a heading, the index after the last block of its section. */
  sectionEnd: number[];
  /** The document title: the first heading when every later block is under it; -1 when there is none. */
  title: number;
  /** The title names labor trafficking and not sex trafficking: every section is about labor trafficking. */
  laborTitle: boolean;
  /** "Human trafficking" here includes labor: the document names labor trafficking, or never narrows trafficking to sex. */
  traffickingIncludesLabor: boolean;
  /** Per heading, the provisions whose suggested headings it matches (see suggestedAt), filled in on first use. */
  suggestedAt: (string[] | undefined)[];
  /** See suggestedHeadings. */
  suggested?: Map<string, number[]>;
}

const LABOR_WORD = /\b(?:labou?r|servitude|peonage|bondage)\b/i;
const SEX_WORD = /\bsex/i;

function layout(analysis: Analysis): Layout {
  const { doc } = analysis;
  // The heading stack only changes at a heading: the blocks under it share one array, and one glossary answer.
  // A heading's section ends where the stack gives it up: at the next heading of its level or above.
  const headings: number[][] = [];
  const inGlossary: boolean[] = [];
  const sectionEnd: number[] = [];
  const stack: number[] = [];
  let current: number[] = [];
  let glossary = false;
  doc.blocks.forEach((block, i) => {
    if (block.kind === 'heading') {
      while (stack.length > 0 && (doc.blocks[stack[stack.length - 1]].level ?? 1) >= (block.level ?? 1)) sectionEnd[stack.pop()!] = i;
      stack.push(i);
      current = [...stack];
      glossary = current.some((h) => analysis.concepts(h).names.has('GLOSSARY'));
    }
    headings.push(current);
    inGlossary.push(glossary);
  });
  for (const h of stack) sectionEnd[h] = doc.blocks.length;
  const concepts = doc.blocks.map((_, i) => analysis.concepts(i));
  const blocksWith = new Map<string, number[]>();
  concepts.forEach((c, b) => {
    for (const name of c.names) addTo(blocksWith, name, b);
  });
  const first = doc.blocks.findIndex((block) => block.kind === 'heading');
  const title = first !== -1 && sectionEnd[first] === doc.blocks.length ? first : -1;
  // A title that names both ("Sex and Labor Trafficking", "Commercial Exploitation of Children") says nothing about whom
  // a section's team serves; one that names labor and never sex makes labor the subject of every section.
  const titleText = title === -1 ? '' : doc.blocks[title].text;
  const laborTitle = concepts[title]?.names.has('LABOR') === true && !concepts[title].names.has('NARROW') && LABOR_WORD.test(titleText) && !SEX_WORD.test(titleText);
  const traffickingIncludesLabor = blocksWith.has('LABOR') || !blocksWith.has('NARROW');
  return { blocks: doc.blocks, headings, concepts, glossary: inGlossary, blocksWith, sectionEnd, title, laborTitle, traffickingIncludesLabor, suggestedAt: [] };
}

function has(layout: Layout, b: number, concept: string): boolean {
  return layout.concepts[b].names.has(concept);
}

/** Blocks about the topic: naming it, or under a heading that names it. */
function topicBlocks(layout: Layout, p: ProvisionEntry): number[] {
  // From the blocks that name a topic concept (few), not by testing every block against every provision.
  const about = new Uint8Array(layout.blocks.length);
  const out: number[] = [];
  const mark = (b: number) => {
    if (about[b]) return;
    about[b] = 1;
    if (p.countsInGlossary || !layout.glossary[b]) out.push(b);
  };
  for (const concept of p.topic) {
    for (const b of layout.blocksWith.get(concept) ?? []) {
      mark(b);
      if (layout.blocks[b].kind === 'heading') for (let i = b + 1; i < layout.sectionEnd[b]; i++) mark(i);
    }
  }
  return out.sort((a, b) => a - b);
}

/** Headings of the sections a block is in (a heading includes itself), without the document title. */
function sectionHeadings(layout: Layout, b: number): number[] {
  const all = layout.headings[b];
  return layout.title === -1 || b === layout.title || all[0] !== layout.title ? all : all.slice(1);
}

/** The block, its neighbours in the same section, and its section headings (the title only for the title itself). */
function scopeOf(layout: Layout, b: number): number[] {
  const section = layout.headings[b][layout.headings[b].length - 1];
  const same = (i: number) => i >= 0 && i < layout.blocks.length && layout.headings[i][layout.headings[i].length - 1] === section && layout.blocks[i].kind !== 'heading';
  const around = [b - 1, b, b + 1].filter((i) => i === b || same(i));
  return [...new Set([...sectionHeadings(layout, b), ...around])];
}

/** Required concepts the scope of topic block `t` lacks. */
function missingIn(layout: Layout, t: number, scope: number[], p: ProvisionEntry): string[] {
  const windows = layout.concepts[t].windows?.filter((w) => p.topic.some((c) => w.has(c)));
  // A very long topic block counts only the few sentences around its topic; its neighbours and headings still count.
  if (windows && windows.length > 0) {
    const around = scope.filter((i) => i !== t);
    const missing = windows.map((w) => missingAmong(layout, t, (c) => w.has(c) || around.some((i) => has(layout, i, c)), p));
    return missing.reduce((best, m) => (m.length < best.length ? m : best));
  }
  return missingAmong(layout, t, (c) => scope.some((i) => has(layout, i, c)), p);
}

/** Required concepts that `named` does not find; under the title, the title supplies the provision's topic concepts. */
function missingAmong(layout: Layout, t: number, named: (concept: string) => boolean, p: ProvisionEntry): string[] {
  const underTitle = layout.title !== -1 && t > layout.title;
  // Trafficking named without "sex" ("report human trafficking to intake") covers labor trafficking where the scope
  // does not narrow it to commercial sexual exploitation and the document does not either: it names labor trafficking
  // somewhere, or never limits trafficking to sex (annotation guide, present).
  const umbrella = (c: string) => c === 'LABOR' && layout.traffickingIncludesLabor && named('TRAFFICKING') && !named('NARROW');
  // A document whose title names labor trafficking and not sexual exploitation is about labor trafficking throughout.
  const laborDocument = (c: string) => c === 'LABOR' && underTitle && layout.laborTitle;
  return p.require.filter((c) => !named(c) && !umbrella(c) && !laborDocument(c) && !(underTitle && p.topic.includes(c) && has(layout, layout.title, c)));
}

function describeConcepts(set: RuleSet, names: string[]): string {
  const text = names.map((n) => {
    for (const pack of set.packs) {
      const d = pack.concepts?.[n]?.description;
      if (d) return d;
    }
    return n.toLowerCase().replace(/_/g, ' ');
  });
  return text.length <= 1 ? (text[0] ?? '') : `${text.slice(0, -1).join(', ')} and ${text[text.length - 1]}`;
}

/** One matcher for the suggested headings of every provision; a hit's owner is the provision. */
const headingMatchers = new WeakMap<RuleSet, PhraseMatcher>();
function headingMatcher(set: RuleSet): PhraseMatcher {
  let m = headingMatchers.get(set);
  if (!m) {
    m = new PhraseMatcher();
    for (const p of set.provisions) for (const h of p.headings) m.add(h, { kind: 'concept', id: p.id });
    headingMatchers.set(set, m);
  }
  return m;
}

/** The provisions whose model language would go under heading `h` (each heading matched once, when first asked about). */
function suggestedAt(layout: Layout, set: RuleSet, h: number): string[] {
  let ids = layout.suggestedAt[h];
  if (!ids) {
    ids = [...new Set(headingMatcher(set).match(layout.blocks[h].text).map((hit) => hit.owner.id))];
    layout.suggestedAt[h] = ids;
  }
  return ids;
}

/** Per provision, the headings of the document that its model language would go under, in order. */
function suggestedHeadings(layout: Layout, set: RuleSet): Map<string, number[]> {
  if (!layout.suggested) {
    const found = new Map<string, number[]>();
    layout.blocks.forEach((block, b) => {
      if (block.kind !== 'heading') return;
      for (const id of suggestedAt(layout, set, b)) addTo(found, id, b);
    });
    layout.suggested = found;
  }
  return layout.suggested;
}

/** Where model language would go: at the end of the section under the first matching heading. */
function insertionFor(layout: Layout, set: RuleSet, p: ProvisionEntry): Insertion & { headingBlock?: number } {
  const heading = suggestedHeadings(layout, set).get(p.id)?.[0] ?? -1;
  if (heading === -1) return { afterBlock: -1, heading: p.newHeading ?? p.title, text: p.model.trim() };
  return { afterBlock: layout.sectionEnd[heading] - 1, text: p.model.trim(), headingBlock: heading, heading: flatString(layout.blocks[heading].text.trim()) };
}

function fill(template: string, missing: string): string {
  return template.replace(/\{missing\}/g, missing).trim();
}

interface Outcome {
  status: ProvisionStatus;
  block: number;
  message: string;
}

/**
 * The title is partial when it names only commercial sexual exploitation or sex trafficking, even when it is a name
 * of record such as the CSEC Program's MOU (annotation guide); labor trafficking, or trafficking named without "sex"
 * ("Human Trafficking/CSEC"), makes it inclusive.
 */
function titleOutcome(analysis: Analysis, layout: Layout, p: ProvisionEntry): Outcome {
  const title = analysis.ownTitle();
  // An empty document has no title to be inclusive: nothing is present in it.
  if (!title && !layout.blocks.some((b) => /[\p{L}\p{N}]/u.test(b.text))) return { status: 'absent', block: -1, message: p.messages.absent.trim() };
  if (!title) return { status: 'present', block: -1, message: 'The document has no title naming a narrower scope.' };
  // A title that is its whole block is read from the block's concepts, which outlive its hits.
  const whole = title.start === 0 && title.end === layout.blocks[title.block].text.length;
  const named = (concept: string) =>
    whole
      ? layout.concepts[title.block].names.has(concept)
      : analysis.hits(title.block).some((h) => h.owner.kind === 'concept' && h.owner.id === concept && h.start >= title.start && h.start < title.end);
  if (named('NARROW') && !named('LABOR') && !named('TRAFFICKING')) return { status: 'partial', block: title.block, message: fill(p.messages.narrow ?? p.messages.partial, '') };
  return { status: 'present', block: title.block, message: p.messages.present ?? 'The title uses inclusive terms.' };
}

function presentAt(p: ProvisionEntry, block: number): Outcome {
  return { status: 'present', block, message: p.messages.present ?? `${p.title}: present.` };
}

/** A topic block as a place to report the provision. */
interface Place {
  block: number;
  scope: number[];
  missing: string[];
  /** In the provision's own section: under a heading (not the title) that names its topic or is one of its suggested headings. */
  own: boolean;
}

function decide(analysis: Analysis, layout: Layout, p: ProvisionEntry): Outcome {
  if (p.topic.includes('TITLE')) return titleOutcome(analysis, layout, p);
  const topics = topicBlocks(layout, p);
  if (topics.length === 0) {
    const confusable = (p.confusable ?? []).flatMap((c) => layout.blocksWith.get(c) ?? []);
    // A confusable duty in its place (a 24-hour report to law enforcement for the 24-hour notice to HHS) is the
    // provision with its required elements missing: partial, as the annotation guide has it.
    if (confusable.length > 0 && p.messages.confusable) {
      return { status: 'partial', block: confusable[0], message: `${fill(p.messages.absent, '')} ${fill(p.messages.confusable, '')}` };
    }
    return { status: 'absent', block: -1, message: fill(p.messages.absent, '') };
  }
  // Report a provision at its own section (a passing mention of the hotline in the purpose statement is not the
  // reporting section), then where the least is missing; among equals, the first.
  const ownHeading = (h: number) => h !== layout.title && (p.topic.some((c) => has(layout, h, c)) || suggestedAt(layout, analysis.set, h).includes(p.id));
  const places: Place[] = [];
  let presentElsewhere = -1;
  for (const t of topics) {
    const own = layout.headings[t].some(ownHeading);
    // Once the provision is known to be present, only a place in its own section can be a better one to show.
    if (presentElsewhere !== -1 && !own) continue;
    const scope = scopeOf(layout, t);
    const missing = missingIn(layout, t, scope, p);
    if (missing.length === 0) {
      if (own) return presentAt(p, t);
      if (presentElsewhere === -1) presentElsewhere = t;
      continue;
    }
    places.push({ block: t, scope, missing, own });
  }
  if (presentElsewhere !== -1) return presentAt(p, presentElsewhere);
  places.sort((a, b) => Number(b.own) - Number(a.own) || a.missing.length - b.missing.length);
  // Where labor trafficking is excluded, say so wherever it is; else speak of the provision's own section (or, when it
  // has none, of the place missing least): CSEC-only when that is all it lacks and it names only CSEC.
  const negatedAt = places.find((x) => x.scope.some((i) => layout.concepts[i].negated));
  if (negatedAt !== undefined && p.messages.negated && p.require.includes('LABOR')) {
    return { status: 'partial', block: negatedAt.block, message: fill(p.messages.negated, '') };
  }
  const tier = places.filter((x) => x.own === places[0].own);
  const narrowAt = tier.find((x) => x.missing.length === 1 && x.missing[0] === 'LABOR' && x.scope.some((i) => has(layout, i, 'NARROW')));
  if (narrowAt !== undefined && p.messages.narrow) {
    return { status: 'partial', block: narrowAt.block, message: fill(p.messages.narrow, '') };
  }
  const best = tier[0];
  return { status: 'partial', block: best.block, message: fill(p.messages.partial, describeConcepts(analysis.set, best.missing)) };
}

/** Where a heading is, in the words of the document's format ("line 12", "paragraph 12", "page 3, line 12"). */
function headingPlace({ doc }: Analysis, block: number): string {
  const { page, line } = rangeOf(doc, doc.blocks[block], 0, 0);
  return placeLabel(doc.format, { page, line });
}

export interface ProvisionCheck {
  findings: Finding[];
  results: ProvisionResult[];
}

export function checkProvisions(analysis: Analysis, docType: DocType): ProvisionCheck {
  const { doc, set } = analysis;
  const lay = layout(analysis);
  const findings: Finding[] = [];
  const results: ProvisionResult[] = [];
  for (const p of set.provisions) {
    const applies = p.appliesTo.includes(docType);
    const outcome = decide(analysis, lay, p);
    const block = outcome.block >= 0 ? doc.blocks[outcome.block] : undefined;
    const range = block ? rangeOf(doc, block, 0, block.text.length) : documentStart();
    // Coverage is never hidden: a provision a type need not have, but that the document has, is present.
    const asked = applies && !(p.onlyWithTopic && outcome.status === 'absent');
    if (!asked && outcome.status !== 'present') {
      const message = applies ? `Not asked: the document does not describe ${describeConcepts(set, p.topic)}.` : `Does not apply to a ${docType}.`;
      results.push({ id: p.id, title: p.title, area: p.area, status: 'not-applicable', line: 1, block: -1, message });
      continue;
    }
    results.push({ id: p.id, title: p.title, area: p.area, status: outcome.status, line: range.line, ...(range.page !== undefined ? { page: range.page } : {}), block: outcome.block, message: outcome.message });
    if (outcome.status === 'present') continue;
    const citations = citationTexts(set, p.citations);
    // A partial provision is completed where it is; only an absent one needs a place worked out.
    const insert: Insertion & { headingBlock?: number } = outcome.status !== 'absent' && block ? { afterBlock: outcome.block, text: p.model.trim() } : insertionFor(lay, set, p);
    const place = outcome.status !== 'absent' ? undefined
      : insert.headingBlock === undefined ? `new section "${insert.heading}"` : `under "${insert.heading}", ${headingPlace(analysis, insert.headingBlock)}`;
    findings.push({
      ruleId: `provision/${p.id}`,
      severity: severityLevel(defaultSeverity(p)),
      message: shortMessage(p, shortfallOf(p, outcome.status, outcome.message), place),
      detail: `${outcome.message}${place ? ` Suggested place: ${place}.` : ''}`,
      ...range,
      block: outcome.block,
      start: 0,
      end: block ? block.text.length : 0,
      ...(block && doc.source.kind === 'text' ? { range: sourceSpan(block, 0, block.text.length) } : {}),
      suggestions: [{ desc: `Insert model language: ${p.title}`, text: p.model.trim(), insert }],
      citations,
      status: outcome.status,
    });
  }
  return { findings, results };
}
