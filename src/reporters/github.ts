// GitHub Actions workflow commands: one annotation per finding, shown on the
// pull request's changed lines (docs.github.com, "Workflow commands").
//   ::warning file=docs/p.md,line=3,col=33,endLine=3,endColumn=43,title=term/csec::message
import { displayPath } from '../report/paths.js';
import { plural } from '../report/words.js';
import { SEVERITY_LEVEL, severityName, type FindingSeverity } from '../severity.js';
import type { LintResult } from '../types.js';
import type { FormatContext } from './types.js';

/** GitHub's annotation kinds. */
const COMMAND: Record<FindingSeverity, string> = { info: 'notice', warn: 'warning', error: 'error' };

/** Escaping of a command's message, as @actions/core does it. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also escape the characters that separate properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(kind: string, properties: [string, string | number][], message: string): string {
  const props = properties.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${kind} ${props}::${escapeData(message)}`;
}

export function formatGithub(results: LintResult[], context: FormatContext): string {
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const r of results) {
    const file = displayPath(r.filePath, context.cwd);
    if (r.fatal) {
      errors++;
      lines.push(command('error', [['file', file], ['title', 'policylint']], r.fatal));
      continue;
    }
    for (const m of r.messages) {
      if (m.severity === SEVERITY_LEVEL.error) errors++;
      if (m.severity === SEVERITY_LEVEL.warn) warnings++;
      // A finding about the whole document has no span: annotate the file's first line.
      const place: [string, number][] = m.block === -1
        ? [['line', m.line]]
        : [['line', m.line], ['col', m.column], ['endLine', m.endLine], ['endColumn', m.endColumn]];
      lines.push(command(COMMAND[severityName(m.severity)], [['file', file], ...place, ['title', m.ruleId]], m.message));
    }
  }
  const files = results.filter((r) => r.fatal || r.messages.length > 0).length;
  lines.push(`policylint: ${plural(errors, 'error')} and ${plural(warnings, 'warning')} in ${files} of ${plural(results.length, 'file')}`);
  return lines.join('\n') + '\n';
}
