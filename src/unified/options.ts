// The plugin's options, checked when it is attached, and how they become the
// same ConfigOverrides the CLI builds from its flags. Config files
// (.policylintrc*) still apply: options only add to them, as flags do.
import { isAbsolute, resolve } from 'node:path';
import type { ConfigOverrides } from '../config/index.js';
import { severityFromConfig, type SeverityName } from '../severity.js';
import { DOC_TYPES, type DocType } from '../types.js';

/** ESLint's severities: a name, or 0 (off), 1 (warn), 2 (error). */
export type SeverityOption = SeverityName | 0 | 1 | 2;

export interface Options {
  /** Extra YAML rule packs (a county's pack), by path relative to the working folder. */
  packs?: string[];
  /** Severity per rule id, `kind/*` or kind, as in a config file's `rules`. */
  rules?: Record<string, SeverityOption>;
  /** The document type instead of the guess. */
  docType?: DocType;
  /** One policylint config file to use instead of looking for one from each file's folder. */
  config?: string;
  /** Make the safe replacements (as `policylint --fix`) in the file and its tree. */
  fix?: boolean;
}

export interface Settings {
  packs: string[];
  rules: Record<string, SeverityName>;
  docType?: DocType;
  config?: string;
  fix: boolean;
}

const KNOWN = ['packs', 'rules', 'docType', 'config', 'fix'];

/**
 * A mistake in the options, said in one line: its stack would point into policylint, not at the .remarkrc that holds
 * the mistake, and remark-cli prints a cause's stack in full. Still a TypeError, as a wrong argument is.
 */
class OptionError extends TypeError {
  constructor(message: string) {
    super(message);
    this.stack = `${this.name}: ${message}`;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function severityOf(id: string, value: unknown): SeverityName {
  const severity = severityFromConfig(value);
  if (severity) return severity;
  throw new OptionError(`policylint: option rules["${id}"] must be off, info, warn or error (or 0, 1, 2), not ${JSON.stringify(value)}`);
}

/** Checks the options a .remarkrc or a `.use()` call gave; a mistake throws one line naming the option. */
export function parseOptions(raw: unknown): Settings {
  const settings: Settings = { packs: [], rules: {}, fix: false };
  if (raw === undefined || raw === null) return settings;
  if (!isRecord(raw)) throw new OptionError(`policylint: options must be an object, not ${JSON.stringify(raw)}`);
  const unknown = Object.keys(raw).find((k) => !KNOWN.includes(k));
  if (unknown) throw new OptionError(`policylint: unknown option "${unknown}" (the options are ${KNOWN.join(', ')})`);
  if (raw.packs !== undefined) {
    if (!Array.isArray(raw.packs) || !raw.packs.every((p) => typeof p === 'string')) throw new OptionError('policylint: option packs must be a list of rule pack file paths');
    settings.packs = raw.packs as string[];
  }
  if (raw.rules !== undefined) {
    if (!isRecord(raw.rules)) throw new OptionError('policylint: option rules must be an object of rule id → severity');
    for (const [id, value] of Object.entries(raw.rules)) settings.rules[id] = severityOf(id, value);
  }
  if (raw.docType !== undefined) {
    if (typeof raw.docType !== 'string' || !(DOC_TYPES as readonly string[]).includes(raw.docType)) {
      throw new OptionError(`policylint: option docType must be one of ${DOC_TYPES.join(', ')}, not ${JSON.stringify(raw.docType)}`);
    }
    settings.docType = raw.docType as DocType;
  }
  if (raw.config !== undefined) {
    if (typeof raw.config !== 'string' || raw.config === '') throw new OptionError('policylint: option config must be the path of a policylint config file');
    settings.config = raw.config;
  }
  if (raw.fix !== undefined) {
    if (typeof raw.fix !== 'boolean') throw new OptionError('policylint: option fix must be true or false');
    settings.fix = raw.fix;
  }
  return settings;
}

/** Settings as config overrides; relative paths are taken from `cwd` (the vfile's working folder). */
export function overridesOf(settings: Settings, cwd: string): ConfigOverrides {
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  const overrides: ConfigOverrides = {};
  if (settings.config) overrides.configFile = abs(settings.config);
  if (Object.keys(settings.rules).length > 0) {
    overrides.rules = settings.rules;
    overrides.rulesSource = 'policylint option rules';
  }
  if (settings.docType) overrides.docType = settings.docType;
  if (settings.packs.length > 0) overrides.packs = settings.packs.map(abs);
  return overrides;
}
