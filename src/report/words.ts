// How policylint says a count and a time to a reader: "1 file", "3 findings"; "2026-12-03 14:05 UTC". English
// plurals with an s are all policylint's wording needs. No Node import: the workbench page uses it too.

/** `word`, with an s unless `n` is 1. */
export function pluralWord(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

/** `n` and `word`, with an s unless `n` is 1: "1 file", "3 findings". */
export function plural(n: number, word: string): string {
  return `${n} ${pluralWord(n, word)}`;
}

/** When a report was made, to the minute, in UTC: "2026-12-03 14:05 UTC". */
export function reportTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
