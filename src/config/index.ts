// Resolved settings for one file. Discovery of .policylintrc files, presets
// and `extends` live in this folder; front ends ask an engine, whose
// ConfigResolver keeps what it read until a config or pack file changes.
//
// Order of precedence, lowest first: what a config extends, the config itself,
// configs nearer the file, then the command line (or editor settings).
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DocType, SeverityName } from '../types.js';
import type { ConfigError } from '../errors.js';
import type { RulePack } from '../rules/pack.js';
import { configChain } from './discover.js';
import { layersOfConfigFile, settingsOf, type ConfigLayer, type LayerCache } from './layers.js';
import { mergeLayers } from './merge.js';
import { catalogFor, type RuleCatalog } from './rule-catalog.js';

export { CONFIG_FILE_NAMES, configFileIn } from './discover.js';
export { PRESETS } from './presets.js';

export interface ResolvedConfig {
  /** Severity per rule id, kind or pattern. */
  rules: Record<string, SeverityName>;
  docType?: DocType;
  /** Extra YAML rule packs (county packs), absolute paths. */
  packs: string[];
  reportUnusedDirectives?: SeverityName;
  /** Each contributing config file's ignorePatterns, with the folder they are relative to. */
  ignorePatterns: { base: string; patterns: string[] }[];
  /** Config files that contributed, nearest last. */
  files: string[];
}

/** What the command line (or editor settings) says, which beats any file. */
export interface ConfigOverrides {
  configFile?: string;
  useConfigFiles?: boolean;
  rules?: Record<string, SeverityName>;
  docType?: DocType;
  packs?: string[];
  reportUnusedDirectives?: SeverityName;
  /** What set `rules`, as an unknown rule's error names it (default: the CLI's `--rule`). */
  rulesSource?: string;
}

/**
 * The folder whose configs apply: the file's own folder, or the path itself when it is a folder. A caller that has
 * just read the file says so, which saves a stat per file of a batch.
 */
function startFolder(filePath: string, isFile: boolean): string {
  const abs = resolve(filePath);
  if (isFile) return dirname(abs);
  // A folder that cannot be searched holds nothing policylint can lint (the search reports it): its parent's
  // configuration stands in for it. A path whose own folder cannot be searched is looked up from there (and fails
  // naming the config file it could not look for).
  try {
    if (!statSync(abs, { throwIfNoEntry: false })?.isDirectory()) return dirname(abs);
  } catch {
    return dirname(abs);
  }
  try {
    accessSync(abs, constants.X_OK);
    return abs;
  } catch {
    return dirname(abs);
  }
}

function commandLineLayer(overrides: ConfigOverrides): ConfigLayer {
  return {
    kind: 'command-line',
    source: overrides.rulesSource ?? '--rule',
    root: false,
    rules: settingsOf(overrides.rules ?? {}, overrides.rulesSource ?? '--rule', ''),
    termKinds: {},
    docType: overrides.docType,
    packs: (overrides.packs ?? []).map((p) => resolve(p)),
    reportUnusedDirectives: overrides.reportUnusedDirectives,
  };
}


const overrideKeys = new WeakMap<ConfigOverrides, string>();
/** The overrides as a cache key, written once per overrides object (a batch passes the same one for every file). */
function overridesKey(overrides: ConfigOverrides): string {
  let key = overrideKeys.get(overrides);
  if (key === undefined) overrideKeys.set(overrides, (key = JSON.stringify(overrides)));
  return key;
}

/**
 * Resolves settings and keeps what it read from disk: each folder's config chain, each config file's layers, each
 * pack and catalog, each resolved configuration. An engine holds one; `clear` forgets it all (a config or pack file
 * changed).
 */
export class ConfigResolver implements LayerCache {
  private readonly resolved = new Map<string, ResolvedConfig>();
  private readonly chains = new Map<string, string[]>();
  readonly fileLayers = new Map<string, ConfigLayer[] | ConfigError>();
  readonly packs = new Map<string, RulePack>();
  readonly catalogs = new Map<string, RuleCatalog>();

  clear(): void {
    this.resolved.clear();
    this.chains.clear();
    this.fileLayers.clear();
    this.packs.clear();
    this.catalogs.clear();
  }

  /**
   * Settings for `filePath`. Throws ConfigError (file, line, key) for a broken
   * config or pack. Kept per folder and set of overrides; do not mutate the result.
   */
  configFor(filePath: string, overrides: ConfigOverrides = {}, { isFile = false } = {}): ResolvedConfig {
    const folder = startFolder(filePath, isFile);
    const key = `${folder}\0${overridesKey(overrides)}`;
    const cached = this.resolved.get(key);
    if (cached) return cached;

    const layers = [...this.configFilesFor(folder, overrides).flatMap((file) => layersOfConfigFile(file, this)), commandLineLayer(overrides)];
    const packs = [...new Set(layers.flatMap((l) => l.packs))];
    const merged = mergeLayers(layers, () => catalogFor(packs, this));
    const config: ResolvedConfig = {
      rules: merged.rules,
      docType: merged.docType,
      packs,
      reportUnusedDirectives: merged.reportUnusedDirectives,
      ignorePatterns: layers.filter((l) => l.ignorePatterns?.length).map((l) => ({ base: dirname(l.source), patterns: l.ignorePatterns! })),
      files: [...new Set(layers.filter((l) => l.kind === 'config').map((l) => l.source))],
    };
    this.resolved.set(key, config);
    return config;
  }

  private configFilesFor(folder: string, overrides: ConfigOverrides): string[] {
    if (overrides.configFile) return [resolve(overrides.configFile)];
    if (overrides.useConfigFiles === false) return [];
    return configChain(folder, (file) => layersOfConfigFile(file, this).at(-1)!.root, this.chains);
  }
}
