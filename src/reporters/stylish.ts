// The default output, after ESLint's "stylish": findings grouped by file as
// line:column, severity, message and rule id; then each file's provision
// coverage; then one summary line.
import { relative } from 'node:path';
import type { LintResult, ProvisionStatus } from '../types.js';
import type { Palette } from './color.js';

const STATUS_ORDER: ProvisionStatus[] = ['absent', 'partial', 'present', 'not-applicable'];

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - s.length));
}

function coverage(r: LintResult, c: Palette): string[] {
  if (r.provisions.length === 0) return [];
  const paint: Record<ProvisionStatus, (s: string) => string> = { present: c.green, partial: c.yellow, absent: c.red, 'not-applicable': c.dim };
  const lines = [`  ${c.bold('Provisions')} ${c.dim(`(${r.docType}${r.docTypeSource === 'guess' ? ', guessed from the title and text; set with --doc-type' : ''})`)}`];
  const width = Math.max(...r.provisions.map((p) => p.id.length));
  const sorted = [...r.provisions].sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status));
  for (const p of sorted) {
    const where = p.status === 'partial' || p.status === 'present' ? c.dim(`${p.page !== undefined ? `page ${p.page} ` : ''}line ${p.line}`) : '';
    const label = paint[p.status](pad(p.status === 'not-applicable' ? 'n/a' : p.status, 7));
    lines.push(`    ${pad(p.id, width)}  ${label}  ${where}`.trimEnd());
  }
  const counts = STATUS_ORDER.map((s) => `${r.provisions.filter((p) => p.status === s).length} ${s === 'not-applicable' ? 'n/a' : s}`);
  lines.push(`    ${c.dim(counts.join(' · '))}`);
  return lines;
}

export function formatStylish(results: LintResult[], c: Palette, options: { showCoverage?: boolean } = {}): string {
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let fixable = 0;
  for (const r of results) {
    errors += r.errorCount;
    warnings += r.warningCount;
    fixable += r.fixableCount;
    const showCoverage = options.showCoverage !== false && r.provisions.length > 0;
    if (r.messages.length === 0 && !r.fatal && !showCoverage) continue;
    out.push(c.underline(relative(process.cwd(), r.filePath) || r.filePath));
    if (r.fatal) out.push(`  ${c.red('error')}  ${r.fatal}`);
    const places = r.messages.map((m) => `${m.page !== undefined ? `page ${m.page}:` : ''}${m.line}:${m.column}`);
    const width = places.reduce((w, place) => Math.max(w, place.length), 0);
    const severity = [c.dim('info   '), c.yellow('warning'), c.red('error  ')];
    r.messages.forEach((m, k) => {
      out.push(`  ${c.dim(pad(places[k], width))}  ${severity[m.severity]}  ${m.message}  ${c.dim(m.ruleId)}`);
    });
    if (showCoverage) out.push(...coverage(r, c));
    out.push('');
  }
  const total = errors + warnings;
  if (total > 0) {
    const summary = `✖ ${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`;
    out.push(errors > 0 ? c.red(c.bold(summary)) : c.yellow(c.bold(summary)));
    if (fixable > 0) out.push(c.dim(`  ${fixable} problem${fixable === 1 ? '' : 's'} potentially fixable with the \`--fix\` option.`));
  } else {
    out.push(c.green(`✔ No problems found in ${results.length} file${results.length === 1 ? '' : 's'}.`));
  }
  return out.join('\n') + '\n';
}
