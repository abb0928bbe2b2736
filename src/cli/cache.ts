// `--cache`: results of files that have not changed are reused, as ESLint's
// cache does. An entry is keyed by the file's content (SHA-256), the settings
// that apply to it (rules, document type, rule packs and their contents) and
// policylint's version with its built-in rule packs: a change to any of them
// lints the file again. Files that could not be read are never cached.
//
// The cache is one file (default .policylintcache in the current folder),
// written through a temporary file at the end of a run that changed it: a first
// line with the format and a table of long strings, then one line per file, its
// key and its result as JSON in which each long string is a reference into the
// table. Results repeat the same messages, model language and sources thousands
// of times (1,000 documents: 83 MB of plain JSON, 34 MB so), and a result is
// parsed only when it is used. A cache that cannot be read is started afresh.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConfigOverrides, ResolvedConfig } from '../config/index.js';
import type { Engine } from '../engine.js';
import { writeFileAtomic } from '../fix/write-file.js';
import { VERSION } from '../report/package.js';
import type { LintResult } from '../types.js';

export const DEFAULT_CACHE_FILE = '.policylintcache';

/** Bumped when the file's layout or the shape of a cached result changes. */
const CACHE_FORMAT = 3;

/** Strings at least this long go into the table; shorter ones cost less written out. */
const INTERN_MIN_LENGTH = 24;
/**
 * Marks a reference into the table (a string that starts with it is always put in the table, so none is mistaken
 * for one). ASCII that JSON leaves as it is: the file stays ASCII, which Node decodes fastest.
 */
const REF = '~';

interface Entry {
  /** SHA-256 of the file's bytes. */
  content: string;
  /** SHA-256 of the settings, packs and version the result was linted with. */
  settings: string;
  /** The result as JSON with table references. */
  json: string;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** `--cache-location`: a file, or a folder (existing, or written with a trailing slash) to hold .policylintcache. */
export function cacheFilePath(location: string | undefined, cwd: string): string {
  const path = resolve(cwd, location ?? DEFAULT_CACHE_FILE);
  const isFolder = /[\\/]$/.test(location ?? '') || statSync(path, { throwIfNoEntry: false })?.isDirectory();
  return isFolder ? join(path, DEFAULT_CACHE_FILE) : path;
}

function readCacheFile(file: string): { strings: string[]; entries: Map<string, Entry> } {
  const entries = new Map<string, Entry>();
  try {
    const lines = readFileSync(file, 'utf8').split('\n');
    const head = JSON.parse(lines[0]) as { format?: number; strings?: string[] };
    if (head.format !== CACHE_FORMAT || !Array.isArray(head.strings)) throw new Error('another format');
    for (let i = 1; i < lines.length; i++) {
      const tab = lines[i].indexOf('\t');
      if (tab < 0) continue;
      const [path, content, settings] = JSON.parse(lines[i].slice(0, tab)) as [string, string, string];
      entries.set(path, { content, settings, json: lines[i].slice(tab + 1) });
    }
    return { strings: head.strings, entries };
  } catch {
    // No cache yet, or one that cannot be used: every file is linted and the cache written anew.
    return { strings: [], entries: new Map() };
  }
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
  private readonly strings: string[];
  private indexOf?: Map<string, number>;
  private readonly entries: Map<string, Entry>;
  private readonly overrides: ConfigOverrides;
  private readonly settingsHashes = new WeakMap<ResolvedConfig, string>();
  private readonly packHashes = new Map<string, string>();
  /** The content hash of each file looked up this run, so a result is stored under the content it was linted from. */
  private readonly looked = new Map<string, { content: string; settings: string }>();
  private readonly base: string;
  private changed = false;

  constructor(file: string, overrides: ConfigOverrides, private readonly engine: Engine) {
    this.file = file;
    const read = readCacheFile(file);
    this.strings = read.strings;
    this.entries = read.entries;
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

  /** Long strings replaced by references into the table. */
  private intern(value: unknown): unknown {
    if (typeof value === 'string') {
      if (value.length < INTERN_MIN_LENGTH && !value.startsWith(REF)) return value;
      this.indexOf ??= new Map(this.strings.map((s, i) => [s, i]));
      let i = this.indexOf.get(value);
      if (i === undefined) {
        i = this.strings.push(value) - 1;
        this.indexOf.set(value, i);
      }
      return `${REF}${i}`;
    }
    if (Array.isArray(value)) return value.map((v) => this.intern(v));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = this.intern(v);
      return out;
    }
    return value;
  }

  /** The references of a parsed result replaced by their strings, in place. */
  private restore(value: unknown): unknown {
    if (typeof value === 'string') return value.startsWith(REF) ? this.strings[Number(value.slice(1))] : value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = this.restore(value[i]);
    } else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      for (const k in record) record[k] = this.restore(record[k]);
    }
    return value;
  }

  /** Whether `file` has a cached result that still holds: neither it nor what it is linted with has changed. */
  has(file: string): boolean {
    let content: string;
    let settings: string;
    try {
      content = sha256(readFileSync(file));
      settings = this.settingsHash(this.engine.configFor(file, this.overrides, { isFile: true }));
    } catch {
      // Unreadable, or a broken config: linting it reports why.
      return false;
    }
    this.looked.set(file, { content, settings });
    const entry = this.entries.get(file);
    return entry !== undefined && entry.content === content && entry.settings === settings;
  }

  /**
   * The cached result of a file `has` found, parsed now: each result is read just before it is reported and let go
   * after, so a run never holds them all (parsing them all up front cost a third of an unchanged run in garbage
   * collection).
   */
  get(file: string): LintResult {
    return this.restore(JSON.parse(this.entries.get(file)!.json)) as LintResult;
  }

  /** Keeps a fresh result of a file looked up with `get` this run, as text: the run does not hold every result. */
  set(result: LintResult): void {
    const key = this.looked.get(result.filePath);
    if (!key) return;
    this.changed = true;
    if (result.fatal) {
      this.entries.delete(result.filePath);
      return;
    }
    const json = JSON.stringify(this.intern(result));
    this.entries.set(result.filePath, { ...key, json });
  }

  /** Writes the cache if anything changed. */
  async save(): Promise<void> {
    if (!this.changed) return;
    const lines = [JSON.stringify({ format: CACHE_FORMAT, strings: this.strings })];
    for (const [path, e] of this.entries) lines.push(`${JSON.stringify([path, e.content, e.settings])}\t${e.json}`);
    await mkdir(dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, `${lines.join('\n')}\n`);
  }
}
