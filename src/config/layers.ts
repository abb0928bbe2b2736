// A config file becomes an ordered list of layers: what it extends (presets,
// packs, other configs, recursively), then its own settings. Later layers
// override earlier ones when they are merged (merge.ts).
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import type { TermKind } from '../rules/pack.js';
import type { DocType, SeverityName } from '../types.js';
import { resolveExtends } from './extends.js';
import { PRESETS } from './presets.js';
import { packAt, type CatalogCache } from './rule-catalog.js';
import { readConfigFile } from './read-config-file.js';
import { validateConfig } from './validate.js';

export interface RuleSetting {
  id: string;
  severity: SeverityName;
  /** Where it was set, for an error about it: file (or "--rule"), line and key. */
  source: string;
  line?: number;
  key: string;
}

export interface ConfigLayer {
  kind: 'config' | 'pack' | 'preset' | 'command-line';
  /** Config file, pack file, preset name, or "command line". */
  source: string;
  root: boolean;
  rules: RuleSetting[];
  termKinds: Partial<Record<TermKind, SeverityName>>;
  docType?: DocType;
  /** Absolute paths of rule packs. */
  packs: string[];
  /** A config file's ignorePatterns (relative to its folder). */
  ignorePatterns?: string[];
  reportUnusedDirectives?: SeverityName;
}

/** Config files read (their layers, or the error they gave), and the packs they name. */
export interface LayerCache extends CatalogCache {
  fileLayers: Map<string, ConfigLayer[] | ConfigError>;
}

/** The layers of one config file, parsed once while `cache` is kept (errors too). */
export function layersOfConfigFile(file: string, cache: LayerCache): ConfigLayer[] {
  const { fileLayers } = cache;
  let layers = fileLayers.get(file);
  if (!layers) {
    try {
      layers = readLayers(file, [], cache);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      layers = e;
    }
    fileLayers.set(file, layers);
  }
  if (layers instanceof ConfigError) throw layers;
  return layers;
}

function readLayers(file: string, extending: string[], cache: CatalogCache): ConfigLayer[] {
  const raw = readConfigFile(file);
  const data = validateConfig(raw);
  const layers: ConfigLayer[] = [];
  data.extends.forEach((spec, i) => {
    const path = Array.isArray((raw.data as { extends?: unknown }).extends) ? ['extends', i] : ['extends'];
    const origin = { file, line: raw.lineOf(path), key: path.join('.') };
    const target = resolveExtends(spec, origin);
    if (target.kind === 'preset') {
      const preset = PRESETS[target.name];
      layers.push({ kind: 'preset', source: target.name, root: false, rules: settingsOf(preset.rules, target.name), termKinds: preset.termKinds, packs: [] });
    } else if (target.kind === 'pack') {
      packAt(target.file, cache); // a broken pack is reported now, naming its own file and line
      layers.push({ kind: 'pack', source: target.file, root: false, rules: [], termKinds: {}, packs: [target.file] });
    } else {
      if (target.file === file || extending.includes(target.file)) {
        throw new ConfigError(file, `extends itself through ${[...extending, file, target.file].join(' → ')}`, origin.line, origin.key);
      }
      layers.push(...readLayers(target.file, [...extending, file], cache));
    }
  });
  const packs = data.rulePacks.map((p, i) => {
    const abs = resolve(dirname(file), p);
    if (!statSync(abs, { throwIfNoEntry: false })?.isFile()) {
      throw new ConfigError(file, `cannot find rule pack "${p}" (looked for ${abs})`, raw.lineOf(['rulePacks', i]), `rulePacks.${i}`);
    }
    return abs;
  });
  layers.push({
    kind: 'config',
    source: file,
    root: data.root,
    rules: Object.entries(data.rules).map(([id, severity]) => ({ id, severity, source: file, line: raw.lineOfKey(['rules'], id), key: `rules.${id}` })),
    termKinds: {},
    docType: data.docType,
    packs,
    ignorePatterns: data.ignorePatterns,
    reportUnusedDirectives: data.reportUnusedDisableDirectives,
  });
  return layers;
}

export function settingsOf(rules: Record<string, SeverityName>, source: string, keyPrefix = 'rules.'): RuleSetting[] {
  return Object.entries(rules).map(([id, severity]) => ({ id, severity, source, key: `${keyPrefix}${id}` }));
}
