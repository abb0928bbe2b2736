// Where and how model language for a missing provision goes into a Markdown or
// text source: as a new paragraph after the block the core chose, or at the
// end under a new heading when the document has no fitting section.
import { sourceOffset, type PolicyDocument } from '../model.js';
import { inputFormat } from '../readers/formats.js';
import type { SourceEdit } from '../source-edit.js';
import type { Insertion } from '../types.js';

/** The source edit that inserts `insertion`, or undefined for a Word document (read-only here). */
export function insertionEdit(doc: PolicyDocument, insertion: Insertion): SourceEdit | undefined {
  if (doc.source.kind !== 'text') return undefined;
  const source = doc.source.text;
  // Keep the file's own line endings.
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  const model = insertion.text.trim().replace(/\r?\n/g, eol);
  const block = insertion.afterBlock >= 0 ? doc.blocks[insertion.afterBlock] : undefined;

  if (block) {
    const blockEnd = sourceOffset(block, block.text.length, true);
    // Insert at the end of the line the block ends on, so a block that ends
    // mid-line (a table cell, a list item with trailing markup) is not split.
    let at = source.indexOf('\n', blockEnd);
    if (at === -1) at = source.length;
    else if (source[at - 1] === '\r') at -= 1;
    const rest = source.slice(at);
    // A blank line must follow the new paragraph, or it would run into the next line.
    const blankAfter = rest === '' || /^\r?\n[ \t]*(?:\r?\n|$)/.test(rest);
    return { from: at, to: at, text: `${eol}${eol}${model}${blankAfter ? '' : eol}` };
  }

  const heading = insertion.heading?.trim() || 'Labor Trafficking';
  // Written as the format's reader takes a heading (a text source is Markdown or text: both say how).
  const headingLine = inputFormat(doc.format).headingLine!(heading);
  const lead = source.length === 0 || source.endsWith(`${eol}${eol}`) ? '' : source.endsWith(eol) ? eol : `${eol}${eol}`;
  return { from: source.length, to: source.length, text: `${lead}${headingLine}${eol}${eol}${model}${eol}` };
}
