// Turns command-line arguments into the files to lint: files as given,
// folders searched recursively for policy documents, and glob patterns.
// node_modules and dot-folders (.git) are skipped, as ESLint and markdownlint do;
// ignore files and patterns (ignore.ts) leave out more.
import { statSync, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { LINTABLE_EXTENSIONS } from '../readers/index.js';
import type { IgnoreCheck } from './ignore.js';
import { watchedFs } from './watched-fs.js';

export interface Expanded {
  files: string[];
  /** Arguments that named nothing: one line each. */
  problems: { arg: string; problem: string }[];
  /** Files named on the command line that an ignore pattern matches: linted, with a warning naming the pattern's source. */
  namedButIgnored: { file: string; by: string }[];
}

export interface ExpandOptions {
  /** Extensions searched for in folders (`--ext`), with or without the dot; default: every format policylint reads. */
  extensions?: string[];
  isIgnored?: IgnoreCheck;
}

const IGNORE = ['**/node_modules/**', '**/.*/**'];
const DEFAULT_EXTENSIONS = LINTABLE_EXTENSIONS.map((e) => e.slice(1));

function statOrError(path: string): Stats | Error {
  try {
    return statSync(path);
  } catch (e) {
    return e as Error;
  }
}

/** `*.{md,txt}`, or `*.md` for one extension (a brace with one item matches nothing). */
function extensionGlob(extensions: string[]): string {
  return extensions.length === 1 ? `**/*.${extensions[0]}` : `**/*.{${extensions.join(',')}}`;
}

export async function expandArguments(args: string[], cwd = process.cwd(), options: ExpandOptions = {}): Promise<Expanded> {
  const files: string[] = [];
  const problems: Expanded['problems'] = [];
  const namedButIgnored: Expanded['namedButIgnored'] = [];
  const isIgnored = options.isIgnored ?? (() => undefined);
  const extensions = options.extensions?.length ? options.extensions.map((e) => e.replace(/^\./, '')) : DEFAULT_EXTENSIONS;
  // Folders that cannot be read and links to nothing, met on the way, are problems too.
  const fs = watchedFs(problems, extensions.map((e) => `.${e}`));
  /** Found in a folder or by a glob: ignored files are left out; an argument whose every file is ignored is a mistake. */
  const addFound = (arg: string, found: string[]) => {
    const kept = found.filter((f) => isIgnored(f) === undefined);
    if (found.length > 0 && kept.length === 0) problems.push({ arg, problem: `every file here is ignored (by ${isIgnored(found[0])}); use --no-ignore to lint them` });
    files.push(...kept.sort());
  };
  for (const arg of args) {
    if (arg.trim() === '') {
      problems.push({ arg: `"${arg}"`, problem: 'an empty argument names no file or folder' });
      continue;
    }
    // Synchronous: one await per argument cost ~25 ms of idle thread-pool round trips on a 200-file command line.
    const info = statOrError(resolve(cwd, arg));
    if (!(info instanceof Error) && info.isDirectory()) {
      const found = await glob(extensionGlob(extensions), { cwd: resolve(cwd, arg), ignore: IGNORE, absolute: true, dot: false, fs });
      // A folder given that holds nothing policylint reads is said, as a pattern that matches nothing is.
      if (found.length === 0 && !problems.some((p) => p.arg.startsWith(resolve(cwd, arg)))) problems.push({ arg, problem: `folder holds no file policylint reads (${extensions.map((e) => `.${e}`).join(' ')})` });
      addFound(arg, found);
    } else if (!(info instanceof Error)) {
      const file = resolve(cwd, arg);
      const by = isIgnored(file);
      if (by !== undefined) namedButIgnored.push({ file, by });
      files.push(file);
    } else if (isDynamicPattern(arg)) {
      const found = await glob(arg, { cwd, ignore: IGNORE, absolute: true, dot: false, fs });
      if (found.length === 0) problems.push({ arg, problem: 'no files match this pattern' });
      addFound(arg, found);
    } else {
      // Reported by the linter as an unreadable file, so the others are still linted.
      files.push(resolve(cwd, arg));
    }
  }
  return { files: [...new Set(files)], problems, namedButIgnored };
}
