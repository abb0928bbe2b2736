// "Not a finding here": rejected findings the analyst marks as the county's
// name of record, or as a phrase the county always allows, become a rule-pack
// fragment (the `rules/` pack schema). Listed under a .policylintrc's `rulePacks` or
// given with --rule-pack, it stops the CLI, the language server and the
// workbench flagging those words. Each entry carries a comment naming the
// document it came from, so whoever reads the pack knows why it is there.
import { Document } from 'yaml';
import type { TermKind } from '../rules/pack.js';

export interface ExceptionSource {
  kind: 'name-of-record' | 'allow';
  /** The words found, as written in the document. */
  found: string;
  /** Kind of the term rule that flagged them: the only kind an allowed phrase excuses. */
  termKind?: TermKind;
  document: string;
  /** "line 4", "paragraph 3". */
  where: string;
}

/** The found words as a phrase: brackets and bars are phrase syntax, so they are dropped; spaces already match hyphens. */
export function asPhrase(found: string): string {
  return found.replace(/[()[\]{}|]/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * The name of record around the words found: the run of capitalized words they sit in ("Sunrise CSEC Youth
 * Circle" around "CSEC"), so the exception covers the county's name, not every use of the term; a leading article is
 * left out. The words alone when no capitalized word adjoins them.
 */
export function nameAround(text: string, start: number, end: number): string {
  const capitalized = /^[\p{Lu}\p{N}][\p{L}\p{N}'’&.-]*$/u;
  const words = [...text.matchAll(/\S+/g)].map((m) => ({ word: m[0].replace(/[,;:!?)"”]+$/, ''), at: m.index! }));
  let first = words.findIndex((w) => w.at + w.word.length > start);
  let last = words.findLastIndex((w) => w.at < end);
  if (first === -1 || last === -1) return text.slice(start, end);
  while (first > 0 && capitalized.test(words[first - 1].word) && !/[.:;!?]$/.test(text.slice(words[first - 1].at, words[first].at).trim())) first--;
  while (last < words.length - 1 && capitalized.test(words[last + 1].word) && words[last].word === text.slice(words[last].at, words[last].at + words[last].word.length) && !/[,;:.]$/.test(words[last].word)) last++;
  if (/^(The|A|An)$/.test(words[first].word) && first < last) first++;
  return text.slice(words[first].at, words[last].at + words[last].word.length).replace(/[.,;:]+$/, '');
}

const slug = (phrase: string) => phrase.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'phrase';

export function exceptionsPack(sources: ExceptionSource[]): string {
  const names: { entry: Record<string, unknown>; from: string }[] = [];
  const contexts: { entry: Record<string, unknown>; from: string }[] = [];
  const seen = new Set<string>();
  for (const s of sources) {
    const phrase = asPhrase(s.found);
    const key = `${s.kind}\u0000${phrase.toLowerCase()}`;
    if (!phrase || !/[\p{L}\p{N}]/u.test(phrase) || seen.has(key)) continue;
    seen.add(key);
    const from = ` From ${s.document}, ${s.where}.`;
    if (s.kind === 'name-of-record') {
      names.push({ entry: { name: phrase, match: [phrase], why: `The county's name of record (marked while reviewing ${s.document}).` }, from });
    } else {
      let id = `county-allows-${slug(phrase)}`;
      for (let n = 2; contexts.some((c) => c.entry.id === id); n++) id = `county-allows-${slug(phrase)}-${n}`;
      contexts.push({ entry: { id, why: `The county allows this phrase (marked while reviewing ${s.document}).`, match: [phrase], kinds: [s.termKind ?? 'too-narrow'] }, from });
    }
  }
  const doc = new Document({
    pack: 'county-exceptions',
    description: 'Phrases the county does not want flagged, marked in the policylint workbench.',
    ...(names.length ? { namesOfRecord: names.map((n) => n.entry) } : {}),
    ...(contexts.length ? { contexts: contexts.map((c) => c.entry) } : {}),
  });
  doc.commentBefore = ' policylint rule pack: list it under rulePacks in .policylintrc\n or give it with --rule-pack.';
  names.forEach((n, i) => ((doc.getIn(['namesOfRecord', i]) as { commentBefore?: string }).commentBefore = n.from));
  contexts.forEach((c, i) => ((doc.getIn(['contexts', i]) as { commentBefore?: string }).commentBefore = c.from));
  return doc.toString({ lineWidth: 0 });
}
