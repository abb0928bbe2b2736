// Writes a file without ever leaving a half-written document behind: write a
// temporary file beside it, then rename over the target (atomic on one disk).
import { randomBytes } from 'node:crypto';
import { rename, stat, unlink, writeFile, chmod } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

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
