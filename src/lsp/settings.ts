// The editor's policylint settings and how they become the same ConfigOverrides
// the CLI builds from its flags. Config files (.policylintrc*) still apply:
// settings only add to them, as command-line flags do.
import { isAbsolute, resolve } from 'node:path';
import type { ConfigOverrides } from '../config/index.js';
import { DOC_TYPES, type DocType } from '../types.js';

export interface Settings {
  /** Lint at all (VS Code: policylint.enable). */
  enable: boolean;
  /** Force a document type instead of guessing it (policylint.docType). */
  docType?: DocType;
  /** Extra rule packs; relative paths are taken from the workspace folder (policylint.rulePacks). */
  rulePacks: string[];
  /** One config file to use instead of looking for .policylintrc files (policylint.configFile). */
  configFile?: string;
}

export const DEFAULT_SETTINGS: Settings = { enable: true, rulePacks: [] };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads settings from whatever the client sent (initializationOptions, a
 * workspace/configuration answer, a didChangeConfiguration payload). Values of
 * the wrong type are ignored, so a typo in an editor config falls back to the
 * default instead of breaking linting; `problems` names each one.
 */
export function parseSettings(raw: unknown, base: Settings = DEFAULT_SETTINGS): { settings: Settings; problems: string[] } {
  const settings: Settings = { ...base, rulePacks: [...base.rulePacks] };
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { settings, problems };
  if (!isRecord(raw)) return { settings, problems: ['policylint settings must be an object'] };
  if ('enable' in raw) {
    if (typeof raw.enable === 'boolean') settings.enable = raw.enable;
    else problems.push('policylint.enable must be true or false');
  }
  if ('docType' in raw && raw.docType !== null && raw.docType !== '') {
    if (typeof raw.docType === 'string' && (DOC_TYPES as readonly string[]).includes(raw.docType)) settings.docType = raw.docType as DocType;
    else problems.push(`policylint.docType must be one of ${DOC_TYPES.join(', ')}`);
  }
  if ('rulePacks' in raw && raw.rulePacks !== null) {
    if (Array.isArray(raw.rulePacks) && raw.rulePacks.every((p) => typeof p === 'string')) settings.rulePacks = raw.rulePacks as string[];
    else problems.push('policylint.rulePacks must be a list of file paths');
  }
  if ('configFile' in raw && raw.configFile !== null && raw.configFile !== '') {
    if (typeof raw.configFile === 'string') settings.configFile = raw.configFile;
    else problems.push('policylint.configFile must be a file path');
  }
  return { settings, problems };
}

/** Settings as config overrides; relative paths are resolved against `baseDir` (the workspace folder). */
export function overridesOf(settings: Settings, baseDir: string): ConfigOverrides {
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(baseDir, p));
  const overrides: ConfigOverrides = {};
  if (settings.docType) overrides.docType = settings.docType;
  if (settings.rulePacks.length > 0) overrides.packs = settings.rulePacks.map(abs);
  if (settings.configFile) overrides.configFile = abs(settings.configFile);
  return overrides;
}
