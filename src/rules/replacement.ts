// Fits a replacement into the sentence it goes into: the original's case
// (sentence start, Title Case headings, ALL CAPS, a name in Title Case or a role
// written in lower case), number, possessive and the article before it
// ("a CSEC youth" → "a youth affected by …", "a" ↔ "an").
import { fillSuffixes } from './phrase.js';

const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with', 'who', 'have', 'are', 'is', 'from']);

function isAcronym(word: string): boolean {
  return /^[A-Z][A-Z0-9/&.-]+$/.test(word);
}

function wordsOf(text: string): string[] {
  return text.match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
}

/** The block is written in capitals (a shouted heading or banner). */
export function isAllCaps(text: string): boolean {
  // Fast exit (same answer): any a–z letter means the text is not all capitals. Called once per
  // replacement of every finding with the whole block, so the full check below was ~7% of a lint.
  if (/[a-z]/.test(text)) return false;
  const words = wordsOf(text).filter((w) => w.length > 1);
  const letters = text.replace(/[^\p{L}]/gu, '');
  return words.length >= 3 && letters.length > 0 && letters === letters.toUpperCase();
}

/** Most words capitalised, as in a heading or a title written in Title Case. */
export function isTitleCase(text: string): boolean {
  const words = wordsOf(text).filter((w) => !SMALL_WORDS.has(w.toLowerCase()) && !isAcronym(w));
  if (words.length === 0) return false;
  const capitalised = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  return capitalised / words.length >= 0.75;
}

export function toTitleCase(text: string): string {
  let first = true;
  return text.replace(/[\p{L}][\p{L}'’]*/gu, (w) => {
    const keepSmall = !first && SMALL_WORDS.has(w.toLowerCase());
    first = false;
    if (isAcronym(w) || keepSmall) return w;
    return w[0].toUpperCase() + w.slice(1);
  });
}

/** "Child Trafficking Liaison" → "child trafficking liaison"; acronyms (MDT, OTIP) keep their capitals. */
function lowerCaseWords(text: string): string {
  return text.replace(/[\p{L}][\p{L}'’]*/gu, (w) => (isAcronym(w) ? w : w[0].toLowerCase() + w.slice(1)));
}

function capitaliseFirst(text: string): string {
  return text.replace(/\p{L}/u, (c) => c.toUpperCase());
}

/** "an" before a vowel sound, as far as spelling tells: "an MDT", "a youth", "a unit". */
export function articleFor(word: string): 'a' | 'an' {
  if (isAcronym(word)) return /^[AEFHILMNORSX]/.test(word) ? 'an' : 'a';
  if (/^(?:uni|use|usu|eu|one|once)/i.test(word)) return 'a';
  if (/^(?:hour|honest|honor|heir)/i.test(word)) return 'an';
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

export interface Placement {
  /** The matched text as written. */
  found: string;
  /** The block is written in capitals (isAllCaps). */
  allCaps: boolean;
  /** The match is in a heading written in Title Case. */
  titleCaseHeading: boolean;
  /** The word right after the match is capitalised, mid-sentence: the match is part of a name ("the CSEC Services Unit"). */
  titlePhrase: boolean;
  sentenceStart: boolean;
  plural: boolean;
  possessive: boolean;
  /** The article right before the match, if any (articleBefore). */
  article?: Article;
}

export interface Article {
  word: string;
  /** The whitespace between the article and the match. */
  space: string;
}

export interface Fitted {
  text: string;
  /** How many characters before the match the edit must also replace (a changed article). */
  extendBefore: number;
}

/** An article right before the match; a sticky look-behind reads back a few characters instead of the whole block (see condition.ts). */
const ARTICLE_BEFORE = /(?<=(?:^|[^\p{L}])(a|an|A|An|AN)(\s+))/uy;

/** The article ending where a match starts at `at` in `text` ("a ", "An "). */
export function articleBefore(text: string, at: number): Article | undefined {
  const before = text.slice(0, at);
  ARTICLE_BEFORE.lastIndex = before.length;
  const m = ARTICLE_BEFORE.exec(before);
  return m ? { word: m[1], space: m[2] } : undefined;
}

/** Everything a placement is, as one string (terms.ts keys what it works out once by it). */
export function placementKey(p: Placement): string {
  const flags = +p.allCaps | (+p.titleCaseHeading << 1) | (+p.sentenceStart << 2) | (+p.plural << 3) | (+p.possessive << 4) | (+p.titlePhrase << 5);
  return `${p.found}\u0000${flags}\u0000${p.article ? `${p.article.word}\u0000${p.article.space}` : ''}`;
}

/** A capitalised word (not an acronym) right after the match, in the same phrase: the match is part of a name. */
const NAME_WORD_AFTER = /^[ \t]+(?=\p{Lu}\p{Ll})/u;

/** Whether the match at [start, end) of `text` is followed, without punctuation, by a capitalised word. */
export function inTitlePhrase(text: string, end: number): boolean {
  return NAME_WORD_AFTER.test(text.slice(end, end + 3));
}

export function fitReplacement(raw: string, p: Placement): Fitted {
  let text = fillSuffixes(raw, p.plural);
  const foundWords = wordsOf(p.found).filter((w) => !isAcronym(w));
  // The words found set the case: a role written in lower case ("the probation CSEC liaison") stays in lower case
  // though the replacement is written as a name; a bare acronym takes the case of the name it sits in.
  const lowerFound = foundWords.length > 0 && foundWords.every((w) => !/^\p{Lu}/u.test(w));
  if (p.allCaps) text = text.toUpperCase();
  else if (p.titleCaseHeading || (foundWords.length > 1 && isTitleCase(p.found)) || (p.titlePhrase && (lowerFound || foundWords.length === 0))) text = toTitleCase(text);
  else if (lowerFound) text = p.sentenceStart ? capitaliseFirst(lowerCaseWords(text)) : lowerCaseWords(text);
  else if (p.sentenceStart) text = capitaliseFirst(text);

  if (p.possessive) text += /s$/i.test(text) && /['’]$/.test(p.found) ? '’' : '’s';
  if (/['’]s?$/.test(p.found) && p.found.includes("'")) text = text.replace(/’(s?)$/, "'$1");

  const article = p.article;
  if (article) {
    const firstWord = wordsOf(text)[0] ?? text;
    const wanted = articleFor(firstWord);
    if (wanted !== article.word.toLowerCase()) {
      const written = article.word === 'AN' || (article.word === 'A' && p.allCaps) ? wanted.toUpperCase() : /^[A]/.test(article.word) ? capitaliseFirst(wanted) : wanted;
      return { text: `${written}${article.space}${text}`, extendBefore: article.word.length + article.space.length };
    }
  }
  return { text, extendBefore: 0 };
}
