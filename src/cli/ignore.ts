// Which files the command line leaves out, as ESLint does: `.policylintignore`
// files (.gitignore syntax, found from each file's folder upward, as config
// files are), `ignorePatterns` in config files, and `--ignore-pattern`. Each
// pattern is relative to the folder of the file that holds it (the current
// folder for --ignore-pattern). node_modules and dot-folders are skipped by the
// folder search itself (files.ts).
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { ConfigOverrides } from '../config/index.js';
import type { Engine } from '../engine.js';
import { displayPath } from '../report/paths.js';

export const IGNORE_FILE_NAME = '.policylintignore';

/** One set of patterns and the folder they are relative to; `source` names it in a warning. */
interface PatternSet {
  base: string;
  source: string;
  matcher: Ignore;
}

export interface IgnoreOptions {
  /** `--no-ignore`: lint everything asked for. */
  enabled: boolean;
  /** `--ignore-pattern`, relative to `cwd`. */
  patterns: string[];
  cwd: string;
  overrides: ConfigOverrides;
  /** Resolves each file's config, for its ignorePatterns. */
  engine: Engine;
}

/** What ignores a file: the ignore file, config file or option whose pattern matched; undefined when none. */
export type IgnoreCheck = (file: string) => string | undefined;

function relativeTo(base: string, file: string): string | undefined {
  const rel = relative(base, file);
  // A file outside the folder a pattern is relative to is not that pattern's business.
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return sep === '/' ? rel : rel.split(sep).join('/');
}

function matches(set: PatternSet, file: string): boolean {
  const rel = relativeTo(set.base, file);
  return rel !== undefined && set.matcher.ignores(rel);
}

export function createIgnoreCheck(options: IgnoreOptions): IgnoreCheck {
  if (!options.enabled) return () => undefined;
  const commandLine: PatternSet | undefined = options.patterns.length
    ? { base: options.cwd, source: '--ignore-pattern', matcher: ignore().add(options.patterns) }
    : undefined;

  // One parse per ignore file, one list per folder: a thousand files in one folder look at the disk once.
  const fileSets = new Map<string, PatternSet | undefined>();
  const ignoreFileIn = (folder: string): PatternSet | undefined => {
    if (!fileSets.has(folder)) {
      const file = join(folder, IGNORE_FILE_NAME);
      const set = statSync(file, { throwIfNoEntry: false })?.isFile() ? { base: folder, source: displayPath(file, options.cwd), matcher: ignore().add(readFileSync(file, 'utf8')) } : undefined;
      fileSets.set(folder, set);
    }
    return fileSets.get(folder);
  };
  const chains = new Map<string, PatternSet[]>();
  const ignoreFilesFor = (folder: string): PatternSet[] => {
    let chain = chains.get(folder);
    if (!chain) {
      const parent = dirname(folder);
      const own = ignoreFileIn(folder);
      chain = [...(parent === folder ? [] : ignoreFilesFor(parent)), ...(own ? [own] : [])];
      chains.set(folder, chain);
    }
    return chain;
  };
  const configSets = new Map<string, PatternSet[]>();
  const configSetsFor = (file: string): PatternSet[] => {
    let config;
    try {
      config = options.engine.configFor(file, options.overrides, { isFile: true });
    } catch {
      // A broken config is reported when the file is linted, naming the config's line.
      return [];
    }
    const key = config.ignorePatterns.map((p) => p.base).join('\n');
    let sets = configSets.get(key);
    if (!sets) {
      sets = config.ignorePatterns.map((p) => ({ base: p.base, source: `ignorePatterns in ${displayPath(config.files.find((f) => dirname(f) === p.base) ?? p.base, options.cwd)}`, matcher: ignore().add(p.patterns) }));
      configSets.set(key, sets);
    }
    return sets;
  };

  return (file) => {
    const sets = [...ignoreFilesFor(dirname(file)), ...configSetsFor(file), ...(commandLine ? [commandLine] : [])];
    return sets.find((s) => matches(s, file))?.source;
  };
}
