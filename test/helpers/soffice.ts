// LibreOffice for end-to-end tests: whether it is installed, and a conversion with a
// profile of its own in a temporary HOME (works as root in CI and never touches a
// user's profile). Tests that need it skip without it, except under CI=true, where
// .ci/run installs libreoffice-writer-nogui and a missing soffice must fail.
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export function hasSoffice(): boolean {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

/** `soffice --convert-to TARGET --outdir OUT FILES…`, with its profile under `work`; `filter` names an import filter. */
export function sofficeConvert(work: string, target: string, files: string[], options: { outdir?: string; filter?: string; timeout?: number } = {}): SpawnSyncReturns<string> {
  const profile = pathToFileURL(join(work, 'soffice-profile')).href;
  const args = [`-env:UserInstallation=${profile}`, '--headless', '--norestore', ...(options.filter ? [`--infilter=${options.filter}`] : []), '--convert-to', target, '--outdir', options.outdir ?? work, ...files];
  return spawnSync('soffice', args, { env: { ...process.env, HOME: work }, encoding: 'utf8', timeout: options.timeout ?? 110_000 });
}
