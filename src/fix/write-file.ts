// Writes a file without ever leaving a half-written document behind: write a
// temporary file beside it, then rename over the target (atomic on one disk).
import { randomBytes } from 'node:crypto';
import { rename, stat, unlink, writeFile, chmod } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ReadError } from '../errors.js';
import { fsProblem } from '../fs-problem.js';

export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.policylint-tmp`);
  try {
    await writeFile(temp, data);
    const mode = await stat(target).then((s) => s.mode, () => undefined);
    if (mode !== undefined) await chmod(temp, mode);
    await rename(temp, target);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
}

/**
 * Makes the output and writes it through a temporary file. Returns undefined when written, else the problem in one
 * line (a damaged part of the Word package the redline needs, a folder that cannot be written…).
 */
export async function writeOutput(target: string, what: string, make: () => string | Uint8Array): Promise<string | undefined> {
  let data: string | Uint8Array;
  try {
    data = make();
  } catch (e) {
    if (e instanceof ReadError) return `${e.problem}; no ${what} was written`;
    return `could not make the ${what} (${(e as Error).message ?? String(e)})`;
  }
  try {
    await writeFileAtomic(target, data);
    return undefined;
  } catch (e) {
    const problem = fsProblem(e) ?? (e as Error).message;
    return `could not write the ${what} to ${target}: ${problem}`;
  }
}
