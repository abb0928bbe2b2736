// Maps document URIs to the file paths the core reads and configures by.
import { dirname, extname, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatOfExtension, isTextFormat, inputFormat } from '../readers/formats.js';

export function isFileUri(uri: string): boolean {
  return uri.startsWith('file:');
}

/** The path of a file: URI, or undefined for one Node cannot map (a remote host, a malformed escape). */
export function pathOfFileUri(uri: string): string | undefined {
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The workspace folder (a path) that holds `filePath`: the deepest one, or undefined. */
export function folderOf(filePath: string, folders: string[]): string | undefined {
  return folders
    .filter((f) => filePath === f || filePath.startsWith(f.endsWith(sep) ? f : f + sep))
    .sort((a, b) => b.length - a.length)[0];
}

/**
 * The path policylint lints a document as. An unsaved buffer (untitled:) has no
 * path: it is linted as a file in the first workspace folder, named by its
 * language, so config files there apply and the right reader is chosen.
 */
export function filePathOf(uri: string, languageId: string | undefined, folders: string[]): string {
  const path = isFileUri(uri) ? pathOfFileUri(uri) : undefined;
  if (path !== undefined) return path;
  const ext = inputFormat(languageId === 'plaintext' ? 'text' : 'markdown').extensions[0];
  const name = (uri.split(/[/:]/).pop() || 'untitled').replace(/[^\w.-]/g, '_');
  return join(folders[0] ?? process.cwd(), name.includes('.') ? name : name + ext);
}

export function uriOf(filePath: string): string {
  return pathToFileURL(filePath).href;
}

/** Word and PDF files are linted from disk, read-only: an editor's text of them is not the document. */
export function isWordUri(uri: string): boolean {
  const path = isFileUri(uri) ? pathOfFileUri(uri) : undefined;
  const format = path === undefined ? undefined : formatOfExtension(extname(path));
  return format !== undefined && !isTextFormat(format);
}

/** The folder relative settings paths are taken from when no workspace folder holds the file. */
export function baseDirOf(filePath: string, folders: string[]): string {
  return folderOf(filePath, folders) ?? folders[0] ?? dirname(filePath);
}
