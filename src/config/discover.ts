// Finds the config files that apply to a folder: one per folder from the folder
// up to the filesystem root, stopping after a file with `root: true` (ESLint's
// legacy lookup). Results are cached per folder, so linting a thousand files in
// one folder looks at the disk once.
import { statSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError } from '../errors.js';
import { fsProblem } from '../fs-problem.js';

/** Looked for in this order; the first one found in a folder is that folder's config (as ESLint does). */
export const CONFIG_FILE_NAMES = [
  'policylint.config.js',
  'policylint.config.mjs',
  'policylint.config.cjs',
  '.policylintrc.yaml',
  '.policylintrc.yml',
  '.policylintrc.json',
];

export function configFileIn(dir: string): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const file = join(dir, name);
    if (statOf(file)?.isFile()) return file;
  }
  return undefined;
}

/** A config file's status; a folder that cannot be searched is a configuration problem naming the file looked for. */
function statOf(file: string): Stats | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false });
  } catch (e) {
    // A folder that is really a file holds no config; one that cannot be searched might.
    if ((e as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    const problem = fsProblem(e) ?? (e as Error).message;
    throw new ConfigError(file, `policylint looks for its configuration here and cannot: ${problem}`);
  }
}

/**
 * Config files for `dir`, farthest first. `isRoot` reads a file's `root` setting
 * (it parses the file, so a broken config found on the way is reported). `chains`
 * keeps each folder's answer.
 */
export function configChain(dir: string, isRoot: (file: string) => boolean, chains: Map<string, string[]>): string[] {
  const cached = chains.get(dir);
  if (cached) return cached;
  const own = configFileIn(dir);
  const parent = dirname(dir);
  let chain: string[];
  if (own && isRoot(own)) chain = [own];
  else {
    const above = parent === dir ? [] : configChain(parent, isRoot, chains);
    chain = own ? [...above, own] : above;
  }
  chains.set(dir, chain);
  return chain;
}
