// Loads `policylint.config.js` (.mjs, .cjs): the module's default export.
//
// Resolving a config is synchronous (the CLI, the report and the language server ask
// for one per file), but importing an ES module is not. The module is therefore
// evaluated by a short-lived Node process that prints its default export as
// JSON. This works on every Node 20 release (require() of ES modules only came
// unflagged in 20.19), allows top-level await, and re-reads the file each time the
// config cache is cleared (Node's own module cache would not). Config values are
// data, so JSON loses nothing a config may hold.
import { execFileSync } from 'node:child_process';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../errors.js';

const EVALUATE = `
const mod = await import(process.argv[1]);
const config = await mod.default;
process.stdout.write(JSON.stringify(config === undefined ? { __noDefaultExport: true } : config));
`;

/** How long a config module may take to evaluate. */
const TIMEOUT_MS = 20_000;

export function loadJsConfig(file: string): unknown {
  let output: string;
  try {
    output = execFileSync(process.execPath, ['--input-type=module', '--eval', EVALUATE, pathToFileURL(file).href], {
      cwd: dirname(file),
      encoding: 'utf8',
      timeout: TIMEOUT_MS,
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (e) {
    const failure = e as { stderr?: string; signal?: string; message: string };
    if (failure.signal === 'SIGTERM') throw new ConfigError(file, `did not finish loading within ${TIMEOUT_MS / 1000} s`);
    const { problem, line } = describeLoadFailure(file, failure.stderr ?? failure.message);
    throw new ConfigError(file, problem, line);
  }
  const value: unknown = JSON.parse(output);
  if (value && typeof value === 'object' && '__noDefaultExport' in value) {
    throw new ConfigError(file, 'has no default export; write `export default { … }`');
  }
  return value;
}

/** The error line Node printed (e.g. "SyntaxError: Unexpected token '}'") and, for syntax errors, its line. */
export function describeLoadFailure(file: string, stderr: string): { problem: string; line?: number } {
  const lines = stderr.split('\n');
  const errorLine = lines.find((l) => /^\w*Error\b|^\w+Error:/.test(l.trim()))?.trim() ?? lines.find((l) => l.trim())?.trim() ?? 'could not be loaded';
  // Node starts a syntax error report with "file:///path/to/config.js:LINE".
  const href = pathToFileURL(file).href;
  const at = lines.map((l) => l.trim()).find((l) => l.startsWith(`${href}:`) || l.startsWith(`${file}:`));
  const line = at ? Number(/:(\d+)$/.exec(at)?.[1]) || undefined : undefined;
  const hint = /Unexpected token 'export'|Cannot use import statement outside a module/.test(errorLine)
    ? ' (the nearest package.json makes .js files CommonJS: name the file policylint.config.mjs)'
    : '';
  return { problem: `cannot be loaded: ${errorLine}${hint}`, line };
}
