// Resolved settings for one file. Discovery of .policylintrc files, presets
// and `extends` live in this folder; front ends only ask `configFor`.
//
// Order of precedence, lowest first: what a config extends, the config itself,
// configs nearer the file, then the command line (or editor settings).
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DocType, SeverityName } from '../types.js';
import { clearDiscovery, configChain } from './discover.js';
import { clearFileLayers, layersOfConfigFile, settingsOf, type ConfigLayer } from './layers.js';
import { mergeLayers } from './merge.js';
import { catalogFor, clearRuleCatalogs } from './rule-catalog.js';

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

const resolved = new Map<string, ResolvedConfig>();

/** Forget everything read from disk (a config or pack file changed: the language server calls this). */
export function clearConfigCache(): void {
  resolved.clear();
  clearDiscovery();
  clearFileLayers();
  clearRuleCatalogs();
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

function configFilesFor(folder: string, overrides: ConfigOverrides): string[] {
  if (overrides.configFile) return [resolve(overrides.configFile)];
  if (overrides.useConfigFiles === false) return [];
  return configChain(folder, (file) => layersOfConfigFile(file).at(-1)!.root);
}

const overrideKeys = new WeakMap<ConfigOverrides, string>();
/** The overrides as a cache key, written once per overrides object (a batch passes the same one for every file). */
function overridesKey(overrides: ConfigOverrides): string {
  let key = overrideKeys.get(overrides);
  if (key === undefined) overrideKeys.set(overrides, (key = JSON.stringify(overrides)));
  return key;
}

/**
 * Settings for `filePath`. Throws ConfigError (file, line, key) for a broken
 * config or pack. Cached per folder and set of overrides; do not mutate the result.
 */
export function configFor(filePath: string, overrides: ConfigOverrides = {}, { isFile = false } = {}): ResolvedConfig {
  const folder = startFolder(filePath, isFile);
  const key = `${folder}\0${overridesKey(overrides)}`;
  const cached = resolved.get(key);
  if (cached) return cached;

  const layers = [...configFilesFor(folder, overrides).flatMap(layersOfConfigFile), commandLineLayer(overrides)];
  const packs = [...new Set(layers.flatMap((l) => l.packs))];
  const merged = mergeLayers(layers, () => catalogFor(packs));
  const config: ResolvedConfig = {
    rules: merged.rules,
    docType: merged.docType,
    packs,
    reportUnusedDirectives: merged.reportUnusedDirectives,
    ignorePatterns: layers.filter((l) => l.ignorePatterns?.length).map((l) => ({ base: dirname(l.source), patterns: l.ignorePatterns! })),
    files: [...new Set(layers.filter((l) => l.kind === 'config').map((l) => l.source))],
  };
  resolved.set(key, config);
  return config;
}
