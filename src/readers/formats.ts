// Every kind of input policylint reads, in one table: which extensions pick it,
// how it is read, what --fix does to it, what a place in it is called and
// whether the workbench reviews it. Nothing outside src/readers/ branches on a
// format: it asks the format's descriptor (after ESLint's languages and
// textlint's plugin processors).
import { extname } from 'node:path';
import { ReadError } from '../errors.js';
import type { Format, PolicyDocument } from '../model.js';
import { decodeText } from './decode.js';
import { readDocx } from './docx.js';
import { readMarkdown } from './markdown.js';
import { readPdf } from './pdf.js';
import { readText } from './text.js';

export interface InputFormat {
  format: Format;
  /** What a person calls it. */
  name: string;
  /** Lower-case, with the dot; the first is the usual one. */
  extensions: readonly string[];
  /** Reads a file's bytes; a PDF asynchronously (pdf.js runs in a worker thread). */
  read(filePath: string, bytes: Uint8Array): PolicyDocument | Promise<PolicyDocument>;
  /** Reads text already in memory (standard input, an editor's buffer); Word and PDF files are read from disk only. */
  readText(filePath: string, text: string): PolicyDocument;
  /** What --fix does: edit the text in place, write a Word redline, or nothing (read-only). */
  fixMode: 'text' | 'redline' | 'none';
  /** What a place in it is called: a line (and column), a paragraph, or a line on a page. */
  placeNoun: 'line' | 'paragraph' | 'page';
  /** The workbench (policylint serve) takes it for review. */
  reviewable: boolean;
  /** The media type of the file, or of a fixed copy of it. */
  mediaType: string;
  /** Markdown and text: a heading line as the reader takes it, for model language added under a new heading. */
  headingLine?: (text: string) => string;
}

/** A text file's bytes, decoded, then read as `read` reads text; a guessed encoding becomes the document's warning. */
function decoded(read: (filePath: string, text: string) => PolicyDocument) {
  return (filePath: string, bytes: Uint8Array): PolicyDocument => {
    const { text, warning } = decodeText(filePath, bytes);
    const doc = read(filePath, text);
    if (warning) doc.warnings = [warning];
    return doc;
  };
}

function fromDiskOnly(problem: string) {
  return (filePath: string): PolicyDocument => {
    throw new ReadError(filePath, problem);
  };
}

const MARKDOWN: InputFormat = {
  format: 'markdown',
  name: 'Markdown',
  extensions: ['.md', '.markdown'],
  read: decoded(readMarkdown),
  readText: readMarkdown,
  fixMode: 'text',
  placeNoun: 'line',
  reviewable: true,
  mediaType: 'text/markdown; charset=utf-8',
  headingLine: (text) => `## ${text}`,
};

const TEXT: InputFormat = {
  format: 'text',
  name: 'text',
  extensions: ['.txt'],
  read: decoded(readText),
  readText,
  fixMode: 'text',
  placeNoun: 'line',
  reviewable: true,
  mediaType: 'text/plain; charset=utf-8',
  // The text reader takes a short all-capitals line for a heading.
  headingLine: (text) => text.toUpperCase(),
};

const WORD: InputFormat = {
  format: 'docx',
  name: 'Word',
  extensions: ['.docx', '.docm', '.dotx', '.dotm'],
  read: readDocx,
  readText: fromDiskOnly("is a Word file: policylint reads Word files from disk (give the file's path), not as text"),
  fixMode: 'redline',
  placeNoun: 'paragraph',
  reviewable: true,
  mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

const PDF: InputFormat = {
  format: 'pdf',
  name: 'PDF',
  extensions: ['.pdf'],
  read: readPdf,
  readText: fromDiskOnly("is a PDF: policylint reads PDFs from disk (give the file's path), not as text"),
  fixMode: 'none',
  placeNoun: 'page',
  reviewable: true,
  mediaType: 'application/pdf',
};

/** Every format, in the order a report prefers one copy of a document over another (the one an analyst edits first). */
export const INPUT_FORMATS: readonly InputFormat[] = [WORD, MARKDOWN, TEXT, PDF];

const BY_NAME: Record<Format, InputFormat> = { markdown: MARKDOWN, text: TEXT, docx: WORD, pdf: PDF };

/** Every extension policylint reads, each with its dot. */
export const LINTABLE_EXTENSIONS: readonly string[] = INPUT_FORMATS.flatMap((f) => f.extensions);

/** Markdown and text: the document is its text (standard input, an editor's buffer), which --fix edits. */
export function isTextFormat(format: InputFormat): boolean {
  return format.fixMode === 'text';
}

/** The descriptor of a format. */
export function inputFormat(format: Format): InputFormat {
  return BY_NAME[format];
}

/** The format a file's extension names, if policylint reads it. */
export function formatOfExtension(ext: string): InputFormat | undefined {
  const lower = ext.toLowerCase();
  return INPUT_FORMATS.find((f) => f.extensions.includes(lower));
}

/** The format a file is read as: by its extension, else Markdown. */
export function formatOf(filePath: string): Format {
  return formatOfExtension(extname(filePath))?.format ?? 'markdown';
}
