// `policylint eval` output: the four figures, the breakdown by category, then each
// miss, false alarm and provision disagreement on a line of its own (stylish), or
// the whole report as JSON.
import type { Palette } from '../reporters/color.js';
import { plural } from '../report/words.js';
import type { EvalReport } from './score.js';

const fixed2 = (n: number) => n.toFixed(2);

function table(rows: string[][], indent = '  '): string[] {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((r) => r[col].length)));
  return rows.map((r) => indent + r.map((cell, col) => (col === r.length - 1 ? cell : cell.padEnd(widths[col]))).join('  ').trimEnd());
}

/** `where(path)` turns an annotated path into the one shown (relative to the folder policylint ran in). */
/** The four figures and what each detector kept quiet: the combined part of a report over several files. */
export function formatEvalSummary(report: EvalReport, documents: number, c: Palette): string {
  return [...figures(report, documents, c), ...detectors(report, c)].join('\n') + '\n';
}

function figures(report: EvalReport, documents: number, c: Palette): string[] {
  const { terms, provisions } = report;
  return [
    c.bold(`policylint eval: ${plural(documents, 'document')}`),
    ...table([
      ['term recall', fixed2(terms.recall), `(${terms.hit} of ${terms.expected} expected spans flagged)`],
      ['term precision', fixed2(terms.precision), `(${terms.findings - report.falseAlarms.length} of ${terms.findings} term findings on expected spans)`],
      ['forbidden hits', String(terms.forbiddenHits), '(findings on spans that must not be flagged)'],
      ['provision agreement', fixed2(provisions.agreement), `(${provisions.agreed} of ${provisions.total} provision statuses accepted)`],
    ]),
  ];
}

/** Per detector: forbidden spans it kept quiet (right), expected spans it silenced (wrong), other candidates. */
function detectors(report: EvalReport, c: Palette): string[] {
  const rows = Object.entries(report.terms.byDetector).sort(([a], [b]) => a.localeCompare(b));
  if (rows.length === 0) return [];
  return [
    '',
    c.bold('Detectors (what each kept from being reported)'),
    ...table([['detector', 'forbidden kept', 'expected silenced', 'other'], ...rows.map(([id, d]) => [id, String(d.forbidden), String(d.expected), String(d.other)])]),
  ];
}

export function formatEvalStylish(report: EvalReport, documents: number, c: Palette, where: (path: string) => string): string {
  const { terms, provisions } = report;
  const out: string[] = figures(report, documents, c);

  const categories = Object.entries(terms.byCategory);
  const expected = categories.filter(([, k]) => k.kind === 'expected');
  const alarms = categories.filter(([, k]) => k.kind !== 'expected' && k.falseAlarms! > 0);
  if (expected.length > 0) {
    out.push('', c.bold('Misses by category'));
    out.push(...table(expected.map(([name, k]) => [name, `${k.missed} missed`, `of ${k.spans}`])));
  }
  if (alarms.length > 0) {
    out.push('', c.bold('False alarms by category'));
    out.push(...table(alarms.map(([name, k]) => [name, `${k.falseAlarms} flagged`, k.kind === 'unannotated' ? '(no candidate phrase annotated there)' : `(${k.spans} spans)`])));
  }
  const disagreeing = Object.entries(provisions.byId).filter(([, t]) => t.agreed < t.total);
  if (disagreeing.length > 0) {
    out.push('', c.bold('Provision disagreements by id'));
    out.push(...table(disagreeing.map(([id, t]) => [id, `${t.total - t.agreed} of ${t.total}`])));
  }

  out.push(...detectors(report, c));
  if (report.misses.length > 0) {
    out.push('', c.bold('Misses'));
    out.push(...table(report.misses.map((m) => [`${where(m.path)}:${m.line}:${m.column}`, m.text, c.dim(m.category), c.dim(m.note)])));
  }
  if (report.falseAlarms.length > 0) {
    out.push('', c.bold('False alarms'));
    out.push(...table(report.falseAlarms.map((f) => [`${where(f.path)}:${f.line}:${f.column}`, f.text, c.dim(f.category), c.dim(`${f.note} (${f.ruleId})`)])));
  }
  if (report.disagreements.length > 0) {
    out.push('', c.bold('Provision disagreements'));
    out.push(...table(report.disagreements.map((d) => [`${where(d.path)}${d.line ? `:${d.line}` : ''}`, d.provision, d.status, c.dim(`accepted: ${d.accepted.join(' or ')}`)])));
  }
  return out.join('\n') + '\n';
}

export function formatEvalJson(report: EvalReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
