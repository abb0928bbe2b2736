// Picks the reader for a file and turns bytes into a PolicyDocument, or one
// clear ReadError. No reader throws anything else past this boundary.
import { extname } from 'node:path';
import { ReadError } from '../errors.js';
import type { PolicyDocument } from '../model.js';
import { readMarkdown } from './markdown.js';
import { readText } from './text.js';
import { readDocx } from './docx.js';
import { readPdf } from './pdf.js';

export const MARKDOWN_EXTENSIONS = ['.md', '.markdown'];
export const TEXT_EXTENSIONS = ['.txt'];
export const WORD_EXTENSIONS = ['.docx', '.docm', '.dotx', '.dotm'];
export const PDF_EXTENSIONS = ['.pdf'];
export const LINTABLE_EXTENSIONS = [...MARKDOWN_EXTENSIONS, ...TEXT_EXTENSIONS, ...WORD_EXTENSIONS, ...PDF_EXTENSIONS];

export type ReaderFormat = 'markdown' | 'text' | 'docx' | 'pdf';

export function formatOf(filePath: string): ReaderFormat {
  const ext = extname(filePath).toLowerCase();
  if (WORD_EXTENSIONS.includes(ext)) return 'docx';
  if (PDF_EXTENSIONS.includes(ext)) return 'pdf';
  if (TEXT_EXTENSIONS.includes(ext)) return 'text';
  return 'markdown';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf16le = new TextDecoder('utf-16le');
// Word's "Save as Plain Text" default on US Windows, and what most older county files are when they are not UTF-8.
const windows1252 = new TextDecoder('windows-1252');

const BINARY = 'is a binary file, not text (policylint reads .md, .markdown, .txt, .docx and .pdf)';
export const READ_AS_WINDOWS_1252 = 'is not UTF-8; read as Windows-1252 (save it as UTF-8 if some characters look wrong)';

/** Text and what had to be guessed to read it. */
export interface DecodedText {
  text: string;
  /** One line for the user when the encoding was guessed. */
  warning?: string;
}

/** UTF-16 with a byte-order mark, big-endian: swapped into little-endian, which every Node build decodes. */
function decodeUtf16(bytes: Uint8Array, bigEndian: boolean): string {
  const body = bytes.subarray(2, bytes.length - (bytes.length % 2));
  if (!bigEndian) return utf16le.decode(body);
  const swapped = new Uint8Array(body.length);
  for (let i = 0; i < body.length; i += 2) {
    swapped[i] = body[i + 1];
    swapped[i + 1] = body[i];
  }
  return utf16le.decode(swapped);
}

/** Control characters other than tab, line breaks, form feed and escape: text in a single-byte encoding has next to none. */
function mostlyControls(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8000);
  let controls = 0;
  for (const b of sample) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) controls++;
  return controls > sample.length / 100;
}

/**
 * Decodes a text file: UTF-8 (with or without a byte-order mark), UTF-16 LE or BE with a byte-order mark, and
 * anything else that is not binary as Windows-1252, with a warning naming what was guessed.
 */
export function decodeText(filePath: string, bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decodeUtf16(bytes, false) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decodeUtf16(bytes, true) };
  if (bytes.subarray(0, 8000).includes(0)) throw new ReadError(filePath, BINARY);
  try {
    return { text: utf8.decode(bytes).replace(/^\uFEFF/, '') };
  } catch {
    // Not UTF-8: a single-byte text encoding, unless it is binary data without NUL bytes near the start.
    if (mostlyControls(bytes)) throw new ReadError(filePath, BINARY);
    return { text: windows1252.decode(bytes), warning: READ_AS_WINDOWS_1252 };
  }
}

/** What a reader threw, as the problem of this file: a reader bug must not take down a batch run. */
function readProblem(filePath: string, e: unknown): ReadError {
  return e instanceof ReadError ? e : new ReadError(filePath, `could not be read (${(e as Error).message ?? String(e)})`);
}

export function readDocument(filePath: string, bytes: Uint8Array, format: ReaderFormat = formatOf(filePath)): PolicyDocument {
  try {
    if (format === 'pdf') throw new ReadError(filePath, 'is a PDF, which is read asynchronously (readDocumentFile)');
    if (format === 'docx') return readDocx(filePath, bytes);
    const { text, warning } = decodeText(filePath, bytes);
    const doc = readDocumentText(filePath, text, format);
    if (warning) doc.warnings = [warning];
    return doc;
  } catch (e) {
    throw readProblem(filePath, e);
  }
}

/**
 * Reads a file's bytes in any format. PDFs are read in a worker thread (their text is laid out here), so this one
 * is asynchronous; the other formats are read at once, without a round trip through the event loop.
 */
export function readDocumentFile(filePath: string, bytes: Uint8Array, format: ReaderFormat = formatOf(filePath)): PolicyDocument | Promise<PolicyDocument> {
  if (format !== 'pdf') return readDocument(filePath, bytes, format);
  return readPdf(filePath, bytes).catch((e: unknown) => {
    throw readProblem(filePath, e);
  });
}

/** Reads text already in memory (stdin, an editor buffer). */
export function readDocumentText(filePath: string, text: string, format: ReaderFormat = formatOf(filePath)): PolicyDocument {
  if (format === 'pdf') throw new ReadError(filePath, 'is a PDF: policylint reads PDFs from disk (give the file\'s path), not as text');
  if (format === 'docx') throw new ReadError(filePath, 'is a Word file: policylint reads Word files from disk (give the file\'s path), not as text');
  return format === 'text' ? readText(filePath, text) : readMarkdown(filePath, text);
}
