// How a linted file is named in reports: relative to the folder policylint ran
// in, with forward slashes, as CI systems and pull-request comments expect.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** `docs/protocol.md` for a file under `cwd`; the path as given for one outside it or for standard input. */
export function displayPath(filePath: string, cwd: string): string {
  if (!isAbsolute(filePath)) return filePath.split(sep).join('/');
  const rel = relative(cwd, filePath);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return filePath.split(sep).join('/');
  return rel.split(sep).join('/');
}

/** A URI for SARIF: relative to %SRCROOT% (the cwd) when the file is under it, else an absolute file: URI. */
export function artifactLocation(filePath: string, cwd: string): { uri: string; uriBaseId?: string } {
  const abs = resolve(cwd, filePath);
  const rel = relative(cwd, abs);
  if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) {
    return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  }
  return { uri: pathToFileURL(abs).href };
}
