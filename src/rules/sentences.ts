// Sentence and clause bounds inside a block. Contexts ("sex and labor
// trafficking", a statute cite) and negation apply within a sentence or a
// clause, not across the block. Plain rules rather than an NLP tokenizer:
// policies are full of "U.S.C.", "Sec." and "e.g." that a sentence must survive.

const ABBREVIATION = /(?:\b(?:[A-Z]|U\.S|U\.S\.C|C\.F\.R|Cal|Stat|Stats|Supp|Ann|Reg|Regs|Sec|Ch|No|Nos|Art|Vol|[Ss]ubds?|[Ss]ubsecs?|[Pp]aras?|Inc|Co|Dept|Dr|Mr|Ms|Mrs|St|e\.g|i\.e|etc|vs|et al|approx|Rev|Pub|L|P|seq|Fig|pp?)\.)$/;

export type Span = [number, number];

/** Sentences of a block as [start, end) spans covering the whole text. */
export function sentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  // A bullet typed as a character ("• ") starts a sentence, as a list item does.
  const boundary = /([.!?])["”’)]*\s+(?=(?:[•◦▪‣]\s*)?["“(]?[A-Z0-9])|\n\s*\n|\n(?=[ \t]*[•◦▪‣]\s)/g;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    const endOfPunct = m.index + (m[1] ? 1 : 0);
    if (m[1] === '.' && ABBREVIATION.test(text.slice(Math.max(start, m.index - 12), endOfPunct))) continue;
    const end = m.index + m[0].length;
    spans.push([start, end]);
    start = end;
  }
  if (start < text.length || spans.length === 0) spans.push([start, text.length]);
  return spans;
}

/**
 * The span holding `offset` (the last one for an offset at or past the end). Spans are in order and touch, so a
 * binary search: a paragraph of 400,000 sentences asks once per finding, and a scan made that quadratic.
 */
export function spanAt(spans: Span[], offset: number): Span {
  return spans[spanIndexAt(spans, offset)];
}

/** The index of the span holding `offset` (see spanAt). */
export function spanIndexAt(spans: Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (spans[mid][0] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Clauses of a sentence: split at semicolons and at ", but" / ", however" / ", except". */
export function clauses(text: string, sentence: Span): Span[] {
  const spans: Span[] = [];
  const slice = text.slice(sentence[0], sentence[1]);
  const boundary = /;\s*|,\s+(?=(?:but|however|while|whereas|although)\b)|:\s+(?=[A-Z])/g;
  let start = 0;
  for (let m = boundary.exec(slice); m; m = boundary.exec(slice)) {
    spans.push([sentence[0] + start, sentence[0] + m.index + m[0].length]);
    start = m.index + m[0].length;
  }
  spans.push([sentence[0] + start, sentence[1]]);
  return spans;
}

/** True when the offset sits between an opening and a closing quotation mark of the sentence. */
export function insideQuotes(text: string, sentence: Span, start: number, end: number): boolean {
  const before = text.slice(sentence[0], start);
  const after = text.slice(end, sentence[1]);
  const straight = (before.match(/"/g)?.length ?? 0) % 2 === 1 && after.includes('"');
  const open = before.lastIndexOf('“');
  const curly = open !== -1 && open > before.lastIndexOf('”') && after.includes('”');
  return straight || curly;
}
