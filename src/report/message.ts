// Finding messages end with "(Source: …)" so that the plain-text formats carry
// their citations. Formats that show citations on their own (the HTML report,
// a pull-request comment with a link per rule, editor diagnostics whose hover
// lists the sources) drop that tail.
export function withoutSourceNote(message: string): string {
  return message.replace(/\s*\(Source: [\s\S]*\)\s*$/, '');
}

/** The "Source: …" a finding message closes with, without its parentheses; empty when it has none. */
export function sourceNoteOf(message: string): string {
  return /\((Source: [\s\S]*)\)\s*$/.exec(message)?.[1] ?? '';
}
