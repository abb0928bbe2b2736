// Turns command-line arguments into the files to lint: files as given,
// folders searched recursively for policy documents, and glob patterns.
// node_modules and dot-folders are skipped, as ESLint and markdownlint do.
import { statSync, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { LINTABLE_EXTENSIONS } from '../readers/index.js';
import { watchedFs } from './watched-fs.js';

export interface Expanded {
  files: string[];
  /** Arguments that named nothing: one line each. */
  problems: { arg: string; problem: string }[];
}

const IGNORE = ['**/node_modules/**', '**/.*/**'];
const EXTENSIONS = LINTABLE_EXTENSIONS.map((e) => e.slice(1)).join(',');

function statOrError(path: string): Stats | Error {
  try {
    return statSync(path);
  } catch (e) {
    return e as Error;
  }
}

export async function expandArguments(args: string[], cwd = process.cwd()): Promise<Expanded> {
  const files: string[] = [];
  const problems: Expanded['problems'] = [];
  // Folders that cannot be read and links to nothing, met on the way, are problems too.
  const fs = watchedFs(problems, LINTABLE_EXTENSIONS);
  for (const arg of args) {
    if (arg.trim() === '') {
      problems.push({ arg: `"${arg}"`, problem: 'an empty argument names no file or folder' });
      continue;
    }
    // Synchronous: one await per argument cost ~25 ms of idle thread-pool round trips on a 200-file command line.
    const info = statOrError(resolve(cwd, arg));
    if (!(info instanceof Error) && info.isDirectory()) {
      const found = await glob(`**/*.{${EXTENSIONS}}`, { cwd: resolve(cwd, arg), ignore: IGNORE, absolute: true, dot: false, fs });
      // A folder given that holds nothing policylint reads is said, as a pattern that matches nothing is.
      if (found.length === 0 && !problems.some((p) => p.arg.startsWith(resolve(cwd, arg)))) problems.push({ arg, problem: `folder holds no file policylint reads (${LINTABLE_EXTENSIONS.join(' ')})` });
      files.push(...found.sort());
    } else if (!(info instanceof Error)) {
      files.push(resolve(cwd, arg));
    } else if (isDynamicPattern(arg)) {
      const found = await glob(arg, { cwd, ignore: IGNORE, absolute: true, dot: false, fs });
      if (found.length === 0) problems.push({ arg, problem: 'no files match this pattern' });
      files.push(...found.sort());
    } else {
      // Reported by the linter as an unreadable file, so the others are still linted.
      files.push(resolve(cwd, arg));
    }
  }
  return { files: [...new Set(files)], problems };
}
