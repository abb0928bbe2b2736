// Finding messages end with "(Source: …)" so that the plain-text formats carry
// their citations. Formats that show citations on their own (the HTML report,
// a pull-request comment with a link per rule, editor diagnostics whose hover
// lists the sources) drop that tail.
export function withoutSourceNote(message: string): string {
  return message.replace(/\s*\(Source: [\s\S]*\)\s*$/, '');
}
