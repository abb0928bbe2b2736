// Output formats by name. Each turns results into one string; the CLI writes it.
import type { RuleSet } from '../rules/ruleset.js';
import type { LintResult } from '../types.js';
import { palette } from './color.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

export interface FormatContext {
  color: boolean;
  cwd: string;
  /** The rules a file was linted with, for formats that describe rules (SARIF); the built-in set when absent. */
  rulesFor?: (filePath: string) => RuleSet;
}

export type Formatter = (results: LintResult[], context: FormatContext) => string;

export const FORMATTERS: Record<string, Formatter> = {
  stylish: (results, ctx) => formatStylish(results, palette(ctx.color)),
  json: (results) => formatJson(results) + '\n',
  sarif: formatSarif,
  github: formatGithub,
  junit: formatJunit,
  markdown: formatMarkdown,
};
