// Plain text wrapped for a terminal: paragraphs (split at blank lines) filled to `width` columns after `indent`.
export function wrap(text: string, indent = '  ', width = 88): string {
  const out: string[] = [];
  for (const para of text.trim().split(/\n\s*\n/)) {
    let line = indent;
    for (const word of para.split(/\s+/)) {
      if (line.length + word.length > width && line.trim()) {
        out.push(line.trimEnd());
        line = indent;
      }
      line += word + ' ';
    }
    out.push(line.trimEnd(), '');
  }
  return out.join('\n').trimEnd();
}

/** Text on one line: every run of spaces and line breaks one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
