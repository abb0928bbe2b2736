// Output formats by name. A reporter turns each file's result into text as soon as
// the file is linted (the CLI writes it then), and closes the report at the end, so a
// batch never holds every message at once. Formats that need every result before they
// can write anything (SARIF's rule index, JUnit's totals) collect them.
import type { LintResult } from '../types.js';
import { palette } from './color.js';
import { formatGithub } from './github.js';
import { jsonReporter, jsonWithMetadataReporter } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { stylishReporter } from './stylish.js';
import type { FormatContext, Formatter, Reporter } from './types.js';

export type { FormatContext, Formatter, Reporter, RunSummary } from './types.js';

/** A reporter's text for one file as one string. */
export function textOf(out: string | Iterable<string>): string {
  return typeof out === 'string' ? out : [...out].join('');
}

/** A format that writes only at the end, as a reporter. */
function collecting(format: Formatter, context: FormatContext): Reporter {
  const results: LintResult[] = [];
  return {
    file(result) {
      results.push(result);
      return '';
    },
    end: () => format(results, context),
  };
}

export const REPORTERS: Record<string, (context: FormatContext) => Reporter> = {
  stylish: (ctx) => stylishReporter(palette(ctx.color), { verbose: ctx.verbose, rulesFor: ctx.rulesFor }),
  json: () => jsonReporter(),
  'json-with-metadata': (ctx) => jsonWithMetadataReporter(ctx.rulesFor),
  sarif: (ctx) => collecting(formatSarif, ctx),
  github: (ctx) => collecting(formatGithub, ctx),
  junit: (ctx) => collecting(formatJunit, ctx),
  markdown: (ctx) => collecting(formatMarkdown, ctx),
};

/** Every format as one function of all the results (for callers that hold them all). */
export const FORMATTERS: Record<string, Formatter> = Object.fromEntries(
  Object.entries(REPORTERS).map(([name, make]) => [
    name,
    (results: LintResult[], context: FormatContext) => {
      const reporter = make(context);
      return results.map((r) => textOf(reporter.file(r))).join('') + reporter.end();
    },
  ]),
);
