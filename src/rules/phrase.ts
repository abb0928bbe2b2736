// policylint's phrase syntax, compiled to token sequences for the matcher.
//
//   words separated by spaces   a space matches whitespace, a line break or a hyphen
//   word{s}                     optional suffix; whether it was used is reported (number)
//   (a|b|c)                     alternatives in one slot (a group without "|" is literal text)
//   [word]                      optional word
//   other punctuation           must appear as written between the words: "22 U.S.C. 7105"
//
// Data authors write phrases, never regular expressions: phrases can be
// compiled into one token trie, so matching cost does not grow with rule count.

/** Separator between two words: SPACE (whitespace or a hyphen) or literal punctuation. */
export const SPACE = ' ';

export interface PhraseToken {
  /** Lower-case key the matcher looks up. */
  key: string;
  /** The word as written (for case-sensitive entries). */
  written: string;
  /** Normalized separator before this word (SPACE or punctuation without whitespace). */
  gap: string;
}

export interface PhraseVariant {
  tokens: PhraseToken[];
  /** Punctuation written after the last word ("U.S.C.", "671(a)(34)"): taken into the match when the text has it. */
  trail: string;
  /** True when a `{suffix}` was used in this variant. */
  plural: boolean;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
const HYPHENS = /^[-‐‑–—]$/;

/** Whitespace removed; a lone hyphen or nothing counts as a plain space. */
export function normalizeGap(raw: string): string {
  const squeezed = raw.replace(/\s+/g, '').replace(/’/g, "'");
  return squeezed === '' || HYPHENS.test(squeezed) ? SPACE : squeezed;
}

export function tokenKey(word: string): string {
  return word.toLowerCase().replace(/’/g, "'");
}

/** Expands `(a|b)` and `[x]` groups into plain phrases (suffix marks stay). */
function expandGroups(phrase: string): string[] {
  const group = /\(([^()]*\|[^()]*)\)|\[([^[\]]*)\]/.exec(phrase);
  if (!group) return [phrase];
  const before = phrase.slice(0, group.index);
  const after = phrase.slice(group.index + group[0].length);
  const options = group[1] !== undefined ? group[1].split('|') : [group[2], ''];
  return options.flatMap((option) => expandGroups(`${before}${option}${after}`.replace(/ {2,}/g, ' ').trim()));
}

/** Splits a plain phrase into words with `{suffix}` marks and the separators between them. */
function wordsOf(phrase: string): { words: { word: string; suffix: string | undefined; gap: string }[]; trail: string } {
  const out: { word: string; suffix: string | undefined; gap: string }[] = [];
  const re = /([\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*)(?:\{([^}]*)\})?/gu;
  let last = 0;
  for (let m = re.exec(phrase); m; m = re.exec(phrase)) {
    out.push({ word: m[1], suffix: m[2], gap: normalizeGap(phrase.slice(last, m.index)) });
    last = m.index + m[0].length;
  }
  return { words: out, trail: phrase.slice(last).trim() };
}

export class PhraseSyntaxError extends Error {}

export function checkPhrase(phrase: string): void {
  let depth = 0;
  for (const ch of phrase) {
    if (ch === '{' || ch === '[') depth++;
    if (ch === '}' || ch === ']') depth--;
    if (depth < 0 || depth > 1) throw new PhraseSyntaxError(`unbalanced brackets in phrase "${phrase}"`);
  }
  if (depth !== 0) throw new PhraseSyntaxError(`unbalanced brackets in phrase "${phrase}"`);
  // Regular-expression habits that the phrase syntax would read as literal text, so the phrase would never match.
  if (/\[[^\]()]*\|/.test(phrase)) throw new PhraseSyntaxError(`phrase "${phrase}": write an optional choice as [(a|b)], not [a|b]`);
  if (/\)[?*+]/.test(phrase)) throw new PhraseSyntaxError(`phrase "${phrase}": "?", "*" and "+" are not phrase syntax; write an optional word as [word]`);
  if (!WORD.test(phrase)) throw new PhraseSyntaxError(`phrase "${phrase}" has no words`);
  WORD.lastIndex = 0;
}

/**
 * Phrases compiled when policylint was built (scripts/build-packs.js, from the built-in packs): compiling the
 * built-in packs' 940 phrases took about a quarter of every CLI run's start-up. A phrase's variants depend on its
 * text alone, so a table keyed by the text is right for any pack that uses the phrase.
 */
let prebuiltVariants: Record<string, StoredVariant[]> = {};
/** Set while the build records what it compiles (recordCompiledPhrases). */
let recording: Record<string, StoredVariant[]> | undefined;

/**
 * A variant as dist/packs.json keeps it: its words as written, the separators before the second word on (omitted
 * when all are spaces), whether a suffix was used, its trailing punctuation. Keys are the words' tokenKey.
 */
export type StoredVariant = [written: string[], gaps: string[] | 0, plural: 0 | 1, trail: string];

export function usePrebuiltPhrases(table: Record<string, StoredVariant[]>): void {
  prebuiltVariants = table;
}

/** From now on, every phrase compiled is also kept in the table returned, for the build to write out. */
export function recordCompiledPhrases(): Record<string, StoredVariant[]> {
  return (recording ??= {});
}

/** Every concrete token sequence a phrase stands for. */
export function compilePhrase(phrase: string): PhraseVariant[] {
  const stored = Object.hasOwn(prebuiltVariants, phrase) ? prebuiltVariants[phrase] : undefined;
  if (stored) return stored.map(fromStored);
  const variants = compileAnew(phrase);
  if (recording) recording[phrase] = variants.map(toStored);
  return variants;
}

function toStored(v: PhraseVariant): StoredVariant {
  const gaps = v.tokens.slice(1).map((t) => t.gap);
  return [v.tokens.map((t) => t.written), gaps.every((g) => g === SPACE) ? 0 : gaps, v.plural ? 1 : 0, v.trail];
}

function fromStored([written, gaps, plural, trail]: StoredVariant): PhraseVariant {
  return { tokens: written.map((word, i) => ({ key: tokenKey(word), written: word, gap: i === 0 || gaps === 0 ? SPACE : gaps[i - 1] })), plural: plural === 1, trail };
}

function compileAnew(phrase: string): PhraseVariant[] {
  checkPhrase(phrase);
  const variants: PhraseVariant[] = [];
  for (const plain of expandGroups(phrase)) {
    const { words, trail } = wordsOf(plain);
    let partial: PhraseVariant[] = [{ tokens: [], plural: false, trail }];
    for (const [i, w] of words.entries()) {
      const gap = i === 0 ? SPACE : w.gap;
      const forms = w.suffix === undefined ? [{ word: w.word, plural: false }] : [
        { word: w.word, plural: false },
        { word: w.word + w.suffix, plural: true },
      ];
      partial = partial.flatMap((v) =>
        forms.map((f) => ({
          tokens: [...v.tokens, { key: tokenKey(f.word), written: f.word, gap }],
          plural: v.plural || f.plural,
          trail,
        })),
      );
    }
    variants.push(...partial.filter((v) => v.tokens.length > 0));
  }
  return variants;
}

/** Fills `{suffix}` marks of a replacement: kept when the match was plural, dropped otherwise. */
export function fillSuffixes(text: string, plural: boolean): string {
  return text.replace(/\{([^}]*)\}/g, (_, suffix: string) => (plural ? suffix : ''));
}
