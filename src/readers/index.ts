// Picks the reader for a file and turns bytes into a PolicyDocument, or one
// clear ReadError. No reader throws anything else past this boundary. Which
// reader a format has is in its descriptor (formats.ts).
import { ReadError } from '../errors.js';
import type { Format, PolicyDocument } from '../model.js';
import { formatOf, inputFormat } from './formats.js';

export { decodeText, READ_AS_WINDOWS_1252, type DecodedText } from './decode.js';
export { formatOf, formatOfExtension, inputFormat, INPUT_FORMATS, LINTABLE_EXTENSIONS, type InputFormat } from './formats.js';

/** What a reader threw, as the problem of this file: a reader bug must not take down a batch run. */
function readProblem(filePath: string, e: unknown): ReadError {
  return e instanceof ReadError ? e : new ReadError(filePath, `could not be read (${(e as Error).message ?? String(e)})`);
}

/** Reads a file's bytes at once: any format but PDF, which is read asynchronously (readDocumentFile). */
export function readDocument(filePath: string, bytes: Uint8Array, format: Format = formatOf(filePath)): PolicyDocument {
  try {
    if (format === 'pdf') throw new ReadError(filePath, 'is a PDF, which is read asynchronously (readDocumentFile)');
    return inputFormat(format).read(filePath, bytes) as PolicyDocument;
  } catch (e) {
    throw readProblem(filePath, e);
  }
}

/**
 * Reads a file's bytes in any format. PDFs are read in a worker thread (their text is laid out here), so this one
 * is asynchronous; the other formats are read at once, without a round trip through the event loop.
 */
export function readDocumentFile(filePath: string, bytes: Uint8Array, format: Format = formatOf(filePath)): PolicyDocument | Promise<PolicyDocument> {
  if (format !== 'pdf') return readDocument(filePath, bytes, format);
  return (inputFormat(format).read(filePath, bytes) as Promise<PolicyDocument>).catch((e: unknown) => {
    throw readProblem(filePath, e);
  });
}

/** Reads text already in memory (stdin, an editor buffer). */
export function readDocumentText(filePath: string, text: string, format: Format = formatOf(filePath)): PolicyDocument {
  return inputFormat(format).readText(filePath, text);
}
