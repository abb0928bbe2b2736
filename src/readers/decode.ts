// Decodes a text file's bytes: UTF-8, UTF-16 with a byte-order mark, else
// Windows-1252 with a warning; binary bytes are refused in one line.
import { ReadError } from '../errors.js';

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
