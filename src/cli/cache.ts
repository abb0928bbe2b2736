// `--cache`: results of files that have not changed are reused, as ESLint's
// cache does. An entry is keyed by the file's content (SHA-256), the settings
// that apply to it (rules, document type, rule packs and their contents) and
// policylint's version with its built-in rule packs: a change to any of them
// lints the file again. Files that could not be read are never cached.
//
// The cache is one JSON file (default .policylintcache in the current folder),
// written through a temporary file at the end of the run. A cache that cannot
// be read (another version's, a broken file) is started afresh.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configFor, type ConfigOverrides, type ResolvedConfig } from '../config/index.js';
import { writeFileAtomic } from '../fix/write-file.js';
import { VERSION } from '../report/package.js';
import { plainFinding } from '../rules/terms.js';
import type { LintResult } from '../types.js';

export const DEFAULT_CACHE_FILE = '.policylintcache';

/** Bumped when the shape of an entry or of a cached result changes. */
const CACHE_FORMAT = 1;

interface Entry {
  /** SHA-256 of the file's bytes. */
  content: string;
  /** SHA-256 of the settings, packs and version the result was linted with. */
  settings: string;
  result: LintResult;
}

interface CacheFile {
  format: number;
  files: Record<string, Entry>;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** `--cache-location`: a file, or a folder (existing, or written with a trailing slash) to hold .policylintcache. */
export function cacheFilePath(location: string | undefined, cwd: string): string {
  const path = resolve(cwd, location ?? DEFAULT_CACHE_FILE);
  const isFolder = /[\\/]$/.test(location ?? '') || statSync(path, { throwIfNoEntry: false })?.isDirectory();
  return isFolder ? join(path, DEFAULT_CACHE_FILE) : path;
}

function readCacheFile(file: string): CacheFile {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
    if (data.format === CACHE_FORMAT && data.files && typeof data.files === 'object') return data;
  } catch {
    // No cache yet, or one that cannot be used: every file is linted and the cache written anew.
  }
  return { format: CACHE_FORMAT, files: {} };
}

/** The built-in rule packs as built (dist/packs.json): a rebuild with changed rules is a new cache key even at one version. */
function builtinPacksHash(): string {
  try {
    return sha256(readFileSync(fileURLToPath(new URL('../packs.json', import.meta.url))));
  } catch {
    return VERSION;
  }
}

export class ResultCache {
  readonly file: string;
  private readonly data: CacheFile;
  private readonly overrides: ConfigOverrides;
  private readonly settingsHashes = new WeakMap<ResolvedConfig, string>();
  private readonly packHashes = new Map<string, string>();
  /** The content hash of each file looked up this run, so a result is stored under the content it was linted from. */
  private readonly looked = new Map<string, { content: string; settings: string }>();
  private readonly base: string;
  private changed = false;

  constructor(file: string, overrides: ConfigOverrides) {
    this.file = file;
    this.data = readCacheFile(file);
    this.overrides = overrides;
    this.base = `${VERSION}\0${builtinPacksHash()}`;
  }

  private packHash(pack: string): string {
    let hash = this.packHashes.get(pack);
    if (hash === undefined) {
      try {
        hash = sha256(readFileSync(pack));
      } catch {
        hash = 'unreadable';
      }
      this.packHashes.set(pack, hash);
    }
    return hash;
  }

  /** Everything besides the file's own text that decides its findings. */
  private settingsHash(config: ResolvedConfig): string {
    let hash = this.settingsHashes.get(config);
    if (hash === undefined) {
      const rules = Object.entries(config.rules).sort(([a], [b]) => a.localeCompare(b));
      const packs = config.packs.map((p) => [p, this.packHash(p)]);
      hash = sha256(JSON.stringify([this.base, rules, config.docType ?? null, config.reportUnusedDirectives ?? null, packs]));
      this.settingsHashes.set(config, hash);
    }
    return hash;
  }

  /** The cached result for `file` if neither it nor what it is linted with has changed. */
  get(file: string): LintResult | undefined {
    let content: string;
    let settings: string;
    try {
      content = sha256(readFileSync(file));
      settings = this.settingsHash(configFor(file, this.overrides, { isFile: true }));
    } catch {
      // Unreadable, or a broken config: linting it reports why.
      return undefined;
    }
    this.looked.set(file, { content, settings });
    const entry = this.data.files[file];
    if (entry && entry.content === content && entry.settings === settings) return entry.result;
    return undefined;
  }

  /** Keeps a fresh result of a file looked up with `get` this run. */
  set(result: LintResult): void {
    const key = this.looked.get(result.filePath);
    if (!key) return;
    if (result.fatal) {
      if (result.filePath in this.data.files) delete this.data.files[result.filePath];
      this.changed = true;
      return;
    }
    this.data.files[result.filePath] = { ...key, result: { ...result, messages: result.messages.map(plainFinding) } };
    this.changed = true;
  }

  /** Writes the cache if anything changed. */
  async save(): Promise<void> {
    if (!this.changed) return;
    await mkdir(dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, JSON.stringify(this.data));
  }
}
