// Strings of their own. V8 keeps a string built by appending as a rope, and a
// slice of 13 or more characters as a view into the string it was cut from.
// Both cost twice: every character read goes through an indirection (the rules
// read each character of each block: the word scanner, the matcher's checks,
// sentence splitting), and a view keeps its whole parent alive (a finding's
// `found` kept its file in memory to the end of a run). docs/performance.md
// has the measurements.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Shorter strings are never ropes or views in V8. */
const SHORTEST_INDIRECT = 13;

/** `text` as one flat string of the same characters, sharing nothing with the string it came from. */
export function flatString(text: string): string {
  if (text.length < SHORTEST_INDIRECT) return text;
  // Encoding turns a lone surrogate into U+FFFD; such a text is copied by joining
  // (a new string) and cutting back (which V8 flattens), a copy though not always flat.
  if (!text.isWellFormed()) return `${text} `.slice(0, -1);
  return decoder.decode(encoder.encode(text));
}
