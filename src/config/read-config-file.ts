// Reads one configuration file into plain data plus a way to find the line of
// any key in it. YAML and JSON go through the `yaml` parser, which reads JSON
// too and keeps positions; JavaScript configs are evaluated (js-config.ts).
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { LineCounter, isMap, isNode, isScalar, parseDocument, type Document } from 'yaml';
import { ConfigError } from '../errors.js';
import { fsProblem } from '../fs-problem.js';
import { loadJsConfig } from './js-config.js';
import { blankJsonComments } from './jsonc.js';

export type KeyPath = (string | number)[];

export interface RawConfigFile {
  file: string;
  data: unknown;
  /** Line of the value at `path` (or of its nearest enclosing value); undefined for JavaScript configs. */
  lineOf(path: KeyPath): number | undefined;
  /** Line of the key `key` of the mapping at `path`. */
  lineOfKey(path: KeyPath, key: string): number | undefined;
}

export const JS_EXTENSIONS = ['.js', '.mjs', '.cjs'];

export function readConfigFile(file: string): RawConfigFile {
  if (JS_EXTENSIONS.includes(extname(file))) {
    const data = loadJsConfig(file);
    return { file, data, lineOf: () => undefined, lineOfKey: () => undefined };
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(file, `cannot be read: ${fsProblem(e) ?? (e as Error).message}`);
  }
  return parseConfigText(file, extname(file) === '.json' ? blankJsonComments(text) : text);
}

export function parseConfigText(file: string, text: string): RawConfigFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new ConfigError(file, e.message.split('\n')[0], lineCounter.linePos(e.pos[0]).line);
  }
  const line = (offset: number) => lineCounter.linePos(offset).line;
  return {
    file,
    data: doc.toJS() ?? {},
    lineOf: (path) => nearestLine(doc, path, line),
    lineOfKey: (path, key) => {
      const parent = path.length === 0 ? doc.contents : doc.getIn(path, true);
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
        if (pair && isNode(pair.key) && pair.key.range) return line(pair.key.range[0]);
      }
      return nearestLine(doc, path, line);
    },
  };
}

function nearestLine(doc: Document, path: KeyPath, line: (offset: number) => number): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return line(node.range[0]);
  }
  return undefined;
}
