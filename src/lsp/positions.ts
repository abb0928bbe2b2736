// Converts core positions to LSP positions and back.
//
// The core reports 1-based lines and columns with an exclusive end. For Markdown
// and text the column counts UTF-16 code units from the line start (JavaScript
// string offsets), which is what LSP counts by default; going through the
// source offset and the editor's TextDocument keeps both sides agreeing on where
// lines end ("\r\n" included). For Word the line is the paragraph number and the
// column the character in that paragraph: mapped as-is, 0-based.
import type { Position, Range as LspRange } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PolicyDocument, Range } from '../model.js';

/** The source offset of a 1-based line and column in a text source. */
export function offsetOf(lineStarts: number[], line: number, column: number, textLength: number): number {
  const index = Math.min(Math.max(line - 1, 0), lineStarts.length - 1);
  return Math.min(lineStarts[index] + Math.max(column - 1, 0), textLength);
}

/** The LSP range of a finding (or any core range) in the document the editor holds. */
export function toLspRange(range: Range, doc: PolicyDocument | undefined, text: TextDocument | undefined): LspRange {
  if (doc?.source.kind === 'text' && text) {
    const { lineStarts, text: source } = doc.source;
    return {
      start: text.positionAt(offsetOf(lineStarts, range.line, range.column, source.length)),
      end: text.positionAt(offsetOf(lineStarts, range.endLine, range.endColumn, source.length)),
    };
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
