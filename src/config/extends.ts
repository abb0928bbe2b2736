// What an `extends` entry names, following ESLint: `policylint:NAME` is a
// built-in preset, a path starting with ./ or ../ (or an absolute path) is a file
// next to the config, anything else is an npm package resolved from the config's
// folder. A file is a rule pack when it holds pack sections, else a config.
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { PRESETS, PRESET_PREFIX } from './presets.js';
import { JS_EXTENSIONS, readConfigFile } from './read-config-file.js';
import { PACK_SECTIONS } from './validate.js';

export type ExtendsTarget = { kind: 'preset'; name: string } | { kind: 'config'; file: string } | { kind: 'pack'; file: string };

export interface ExtendsOrigin {
  file: string;
  line?: number;
  key: string;
}

function isPath(spec: string): boolean {
  return spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..' || isAbsolute(spec);
}

export function resolveExtends(spec: string, origin: ExtendsOrigin): ExtendsTarget {
  const fail = (problem: string) => new ConfigError(origin.file, problem, origin.line, origin.key);
  if (spec.startsWith(PRESET_PREFIX)) {
    if (!PRESETS[spec]) throw fail(`unknown preset "${spec}"; the presets are ${Object.keys(PRESETS).join(', ')}`);
    return { kind: 'preset', name: spec };
  }
  let file: string;
  if (isPath(spec)) {
    file = resolve(dirname(origin.file), spec);
    const info = statSync(file, { throwIfNoEntry: false });
    if (!info?.isFile()) throw fail(`cannot find "${spec}" (looked for ${file})`);
  } else {
    try {
      file = createRequire(origin.file).resolve(spec);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const looksLikeFile = /\.(ya?ml|json|[cm]?js)$/.test(spec);
      throw fail(
        code === 'MODULE_NOT_FOUND' && looksLikeFile
          ? `cannot find package "${spec}" (a file next to this config is written "./${spec}")`
          : `cannot find package "${spec}" from ${dirname(origin.file)} (${code ?? (e as Error).message}); install it or give a relative path`,
      );
    }
  }
  return { kind: isRulePack(file) ? 'pack' : 'config', file };
}

/** A YAML or JSON file with pack sections (terms, namesOfRecord…) is a rule pack. */
function isRulePack(file: string): boolean {
  if (JS_EXTENSIONS.includes(extname(file))) return false;
  const data = readConfigFile(file).data;
  return typeof data === 'object' && data !== null && !Array.isArray(data) && PACK_SECTIONS.some((k) => k in data);
}
