// Block texts as flat strings. A reader builds a block's text by appending runs
// and slicing the file's text, and V8 keeps the result as a rope or as a view
// into the whole file; every character read through either goes through an
// indirection. The rules read each character of each block (the word scanner,
// the matcher's checks, sentence splitting), and on those strings ran at less
// than half the speed they reach on a flat copy (docs/performance.md).

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Shorter strings are never ropes or views in V8. */
const SHORTEST_INDIRECT = 13;

/** `text` as one flat string of the same characters (one byte a character where every character fits). */
export function flatText(text: string): string {
  // A lone surrogate would come back as U+FFFD: such a text is left as it is.
  if (text.length < SHORTEST_INDIRECT || !text.isWellFormed()) return text;
  return decoder.decode(encoder.encode(text));
}
