// Converts core positions to LSP positions and back.
//
// The core reports 1-based lines and columns with an exclusive end. For Markdown
// and text the column counts UTF-16 code units from the line start (JavaScript
// string offsets), which is what LSP counts by default; going through the
// source offset (a term finding's `range`, else the document's locator) and the
// editor's TextDocument keeps both sides agreeing on where lines end ("\r\n"
// included). For Word the line is the paragraph number and the column the
// character in that paragraph: mapped as-is, 0-based.
import type { Position, Range as LspRange } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PolicyDocument, Range } from '../model.js';

/** The LSP range of a finding (or any core range) in the document the editor holds. */
export function toLspRange(range: Range & { range?: [number, number] }, doc: PolicyDocument | undefined, text: TextDocument | undefined): LspRange {
  if (doc?.source.kind === 'text' && text) {
    const { locator } = doc.source;
    const [from, to] = range.range ?? [locator.offsetOf(range), locator.offsetOf({ line: range.endLine, column: range.endColumn })];
    return { start: text.positionAt(from), end: text.positionAt(to) };
  }
  return {
    start: { line: Math.max(range.line - 1, 0), character: Math.max(range.column - 1, 0) },
    end: { line: Math.max(range.endLine - 1, 0), character: Math.max(range.endColumn - 1, 0) },
  };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Whether `position` lies in `range`, both ends included (a cursor just after a word still hovers it). */
export function rangeContains(range: LspRange, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}

export function sameRange(a: LspRange, b: LspRange): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}
