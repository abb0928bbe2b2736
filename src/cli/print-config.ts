// `policylint --print-config FILE`: the settings that apply to FILE, as JSON,
// after every config file, preset and command-line option (as ESLint's
// --print-config). Rule settings are sorted so two outputs diff cleanly.
import { resolve } from 'node:path';
import type { ConfigOverrides } from '../config/index.js';
import type { Engine } from '../engine.js';

export function printConfig(engine: Engine, filePath: string, overrides: ConfigOverrides): string {
  const config = engine.configFor(resolve(filePath), overrides);
  const rules = Object.fromEntries(Object.entries(config.rules).sort(([a], [b]) => a.localeCompare(b)));
  // ignorePatterns only when a config sets them: they say which files are linted, not how.
  const { ignorePatterns, ...settings } = config;
  return JSON.stringify({ ...settings, rules, ...(ignorePatterns.length ? { ignorePatterns } : {}) }, null, 2) + '\n';
}
