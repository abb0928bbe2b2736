// The files whose change means a document must be linted again: config files
// and rule packs (any YAML file may be a pack a config names), and Word files,
// which are linted from disk and can change under an open editor.
import { basename } from 'node:path';
import { CONFIG_FILE_NAMES } from '../config/index.js';
import { inputFormat } from '../readers/formats.js';

export const WATCHED_GLOBS = ['**/.policylintrc*', '**/policylint.config.*', '**/*.{yaml,yml}', `**/*.{${inputFormat('docx').extensions.map((e) => e.slice(1)).join(',')}}`];

/** A config file or rule pack: every open document must be linted again. */
export function affectsConfig(filePath: string, packs: Iterable<string>): boolean {
  const name = basename(filePath);
  if (CONFIG_FILE_NAMES.includes(name) || name.startsWith('.policylintrc')) return true;
  if (/\.ya?ml$/i.test(name)) return true;
  for (const pack of packs) if (pack === filePath) return true;
  return false;
}
