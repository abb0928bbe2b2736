// Checks a configuration file against schema/config.schema.json and turns it
// into typed settings. The first problem becomes a ConfigError naming the file,
// the line and the key, worded for the person who wrote the file.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { ConfigError } from '../errors.js';
import { severityFromConfig, type SeverityName } from '../severity.js';
import type { DocType } from '../types.js';
import type { KeyPath, RawConfigFile } from './read-config-file.js';

export const CONFIG_SCHEMA_PATH = fileURLToPath(new URL('../../schema/config.schema.json', import.meta.url));

export interface ConfigData {
  root: boolean;
  extends: string[];
  rules: Record<string, SeverityName>;
  docType?: DocType;
  rulePacks: string[];
  /** .gitignore-style patterns, relative to the config file's folder. */
  ignorePatterns: string[];
  reportUnusedDisableDirectives?: SeverityName;
}

/** Top-level keys only a rule pack has: their content belongs in a pack file, which a config lists. */
export const PACK_SECTIONS = ['pack', 'citations', 'terms', 'namesOfRecord', 'contexts', 'concepts', 'provisions', 'docTypes'];

let compiled: { validate: ValidateFunction; keys: string[] } | undefined;
function schema(): { validate: ValidateFunction; keys: string[] } {
  if (!compiled) {
    const json = JSON.parse(readFileSync(CONFIG_SCHEMA_PATH, 'utf8')) as { properties: object };
    const Ajv = Ajv2020 as unknown as typeof Ajv2020.default;
    compiled = { validate: new Ajv({ allErrors: true, strict: false }).compile(json), keys: Object.keys(json.properties) };
  }
  return compiled;
}

/** A key left empty in YAML (`rules:` with only comments under it) means the same as leaving it out. */
function withoutEmptyKeys(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== null));
}

export function validateConfig(raw: RawConfigFile): ConfigData {
  const check = schema().validate;
  const data = withoutEmptyKeys(raw.data) as Record<string, unknown>;
  if (!check(data)) throw errorFor(raw, pickError(check.errors ?? []));
  const rules: Record<string, SeverityName> = {};
  // The schema allows only names and ESLint's 0, 1 and 2.
  for (const [id, severity] of Object.entries((data.rules ?? {}) as Record<string, unknown>)) rules[id] = severityFromConfig(severity)!;
  const unused = data.reportUnusedDisableDirectives as boolean | SeverityName | undefined;
  return {
    root: data.root === true,
    extends: data.extends === undefined ? [] : typeof data.extends === 'string' ? [data.extends] : (data.extends as string[]),
    rules,
    docType: data.docType as DocType | undefined,
    rulePacks: (data.rulePacks as string[] | undefined) ?? [],
    ignorePatterns: typeof data.ignorePatterns === 'string' ? [data.ignorePatterns] : ((data.ignorePatterns as string[] | undefined) ?? []),
    reportUnusedDisableDirectives: unused === true ? 'warn' : unused === false ? 'off' : unused,
  };
}

/** The most useful error: an unknown key first (often a typo), else the deepest path. */
function pickError(errors: ErrorObject[]): ErrorObject {
  const relevant = errors.filter((e) => e.keyword !== 'if' && e.keyword !== 'anyOf');
  const unknownKey = relevant.find((e) => e.keyword === 'additionalProperties');
  if (unknownKey) return unknownKey;
  return [...relevant].sort((a, b) => b.instancePath.length - a.instancePath.length)[0] ?? errors[0];
}

function pathOf(error: ErrorObject): KeyPath {
  return error.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function errorFor(raw: RawConfigFile, error: ErrorObject): ConfigError {
  const path = pathOf(error);
  const dotted = (p: KeyPath) => p.join('.');
  if (error.keyword === 'additionalProperties') {
    const key = String(error.params.additionalProperty);
    const line = raw.lineOfKey(path, key);
    if (path.length === 0 && PACK_SECTIONS.includes(key)) {
      return new ConfigError(raw.file, `${key} belongs in a rule pack: move it to a YAML pack file (see schema/rule-pack.schema.json) and list that file under rulePacks`, line, key);
    }
    const known = path.length === 0 ? closest(key, schema().keys) : undefined;
    return new ConfigError(raw.file, `unknown key${known ? ` (did you mean "${known}"?)` : ''}`, line, dotted([...path, key]));
  }
  // A bad rule key: ajv names it on the error itself (for the failed pattern) or in params (propertyNames).
  const badKey = error.propertyName ?? (error.params.propertyName as string | undefined);
  if (badKey !== undefined) {
    const key = badKey;
    return new ConfigError(raw.file, 'not a rule id, pattern or kind (write term/ID, provision/ID, term/*, provision/*, term or provision)', raw.lineOfKey(path, key), dotted([...path, key]));
  }
  const line = raw.lineOf(path);
  const key = dotted(path) || undefined;
  if (error.keyword === 'enum') {
    const allowed = (error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
    return new ConfigError(raw.file, `must be one of ${allowed}`, line, key);
  }
  if (error.keyword === 'type' && path.length === 0) return new ConfigError(raw.file, 'must be a mapping of settings (e.g. `rules:`, `extends:`)', line);
  return new ConfigError(raw.file, error.message ?? 'is not valid', line, key);
}

/** The known name within two edits of `name`, if any (for "did you mean"). */
export function closest(name: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
