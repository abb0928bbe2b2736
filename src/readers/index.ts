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
export const WORD_EXTENSIONS = ['.docx', '.docm', '.dotx'];
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

/** Decodes UTF-8 text, refusing binary files and other encodings with a plain reason. */
export function decodeText(filePath: string, bytes: Uint8Array): string {
  if (bytes.subarray(0, 8000).includes(0)) throw new ReadError(filePath, 'is a binary file, not text (policylint reads .md, .markdown, .txt, .docx and .pdf)');
  try {
    return utf8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new ReadError(filePath, 'is not UTF-8 text; save it as UTF-8 and lint it again');
  }
}

export function readDocument(filePath: string, bytes: Uint8Array, format: ReaderFormat = formatOf(filePath)): PolicyDocument {
  try {
    if (format === 'pdf') throw new ReadError(filePath, 'is a PDF, which is read asynchronously (readDocumentFile)');
    if (format === 'docx') return readDocx(filePath, bytes);
    const text = decodeText(filePath, bytes);
    return format === 'text' ? readText(filePath, text) : readMarkdown(filePath, text);
  } catch (e) {
    if (e instanceof ReadError) throw e;
    // A reader bug must not take down a batch run: report it for this file only.
    throw new ReadError(filePath, `could not be read (${(e as Error).message ?? String(e)})`);
  }
}

/**
 * Reads a file's bytes in any format. PDFs are read in a worker thread (their text is laid out here), so this one
 * is asynchronous; the other formats are read at once, without a round trip through the event loop.
 */
export function readDocumentFile(filePath: string, bytes: Uint8Array, format: ReaderFormat = formatOf(filePath)): PolicyDocument | Promise<PolicyDocument> {
  if (format !== 'pdf') return readDocument(filePath, bytes, format);
  return readPdf(filePath, bytes).catch((e: unknown) => {
    if (e instanceof ReadError) throw e;
    throw new ReadError(filePath, `could not be read (${(e as Error).message ?? String(e)})`);
  });
}

/** Reads text already in memory (stdin, an editor buffer). */
export function readDocumentText(filePath: string, text: string, format: ReaderFormat = formatOf(filePath)): PolicyDocument {
  if (format === 'pdf') throw new ReadError(filePath, 'is a PDF: policylint reads PDFs from disk (give the file\'s path), not as text');
  return format === 'text' ? readText(filePath, text) : readMarkdown(filePath, text);
}
