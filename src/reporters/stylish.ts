// The default output, after ESLint's "stylish": findings grouped by file as
// line:column, severity, message and rule id; then each file's provision
// coverage; then one summary line.
import { relative } from 'node:path';
import { severityLabel, severityName, type FindingSeverity, type SeverityLevel } from '../severity.js';
import type { LintResult, ProvisionStatus } from '../types.js';
import type { Palette } from './color.js';
import type { Reporter } from './types.js';
import { shortCitation } from '../rules/citation.js';
import { builtinRuleSet, type RuleSet } from '../rules/ruleset.js';
import { describeRule } from '../rules/descriptor.js';
import { plural } from '../report/words.js';
import { oneLine, wrap } from '../report/wrap.js';
import { placeLabel, shortPlace } from '../place.js';

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
    const where = p.status === 'partial' || p.status === 'present' ? c.dim(placeLabel(r.format, p)) : '';
    const label = paint[p.status](pad(p.status === 'not-applicable' ? 'n/a' : p.status, 7));
    lines.push(`    ${pad(p.id, width)}  ${label}  ${where}`.trimEnd());
  }
  const counts = STATUS_ORDER.map((s) => `${r.provisions.filter((p) => p.status === s).length} ${s === 'not-applicable' ? 'n/a' : s}`);
  lines.push(`    ${c.dim(counts.join(' · '))}`);
  return lines;
}

export interface StylishOptions {
  showCoverage?: boolean;
  /** Under each file's findings, once per rule: its title, why, sources (and a provision's long message). */
  verbose?: boolean;
  /** The rules a file was linted with (for --verbose); the built-in set when absent. */
  rulesFor?: (filePath: string) => RuleSet;
}

/** --verbose: what each rule of the file's findings is about, once per rule, in the order the rules first appear. */
function aboutRules(r: LintResult, c: Palette, rulesFor: (filePath: string) => RuleSet): string[] {
  const counts = new Map<string, number>();
  const details = new Map<string, string>();
  for (const m of r.messages) {
    counts.set(m.ruleId, (counts.get(m.ruleId) ?? 0) + 1);
    if (m.detail && !details.has(m.ruleId)) details.set(m.ruleId, m.detail);
  }
  if (counts.size === 0) return [];
  const set = rulesFor(r.filePath);
  const lines = [`  ${c.bold('About these rules')}`];
  for (const [ruleId, count] of counts) {
    const rule = describeRule(set.rules, ruleId);
    lines.push(`  ${c.dim(ruleId)}  ${rule.title}${count > 1 ? c.dim(` (${count} findings)`) : ''}`);
    const why = details.get(ruleId) ?? oneLine(rule.why);
    if (why) lines.push(wrap(why, '    ', 100));
    if (rule.citations.length) lines.push(wrap(`Sources: ${rule.citations.map((s) => shortCitation(s.text)).join('; ')}.`, '    ', 100));
    if (rule.model) lines.push(c.dim(`    Model language: policylint explain ${ruleId}`));
  }
  return lines;
}

/** Stylish, one file at a time: each file's block is written when it is linted, the summary at the end. */
export function stylishReporter(c: Palette, options: StylishOptions = {}): Reporter {
  let errors = 0;
  let warnings = 0;
  let fixable = 0;
  let files = 0;
  const paint: Record<FindingSeverity, (s: string) => string> = { info: c.dim, warn: c.yellow, error: c.red };
  const severity = (level: SeverityLevel) => paint[severityName(level)](severityLabel(level).padEnd(7));
  return {
    file(r) {
      files++;
      errors += r.errorCount;
      warnings += r.warningCount;
      fixable += r.fixableCount;
      const showCoverage = options.showCoverage !== false && r.provisions.length > 0;
      if (r.messages.length === 0 && !r.fatal && !showCoverage) return '';
      const out: string[] = [c.underline(relative(process.cwd(), r.filePath) || r.filePath)];
      if (r.fatal) out.push(`  ${c.red('error')}  ${r.fatal}`);
      const places = r.messages.map((m) => shortPlace(r.format, m));
      const width = places.reduce((w, place) => Math.max(w, place.length), 0);
      r.messages.forEach((m, k) => {
        out.push(`  ${c.dim(pad(places[k], width))}  ${severity(m.severity)}  ${m.message}  ${c.dim(m.ruleId)}`);
      });
      if (options.verbose) out.push(...aboutRules(r, c, options.rulesFor ?? (() => builtinRuleSet())));
      if (showCoverage) out.push(...coverage(r, c));
      out.push('');
      return out.join('\n') + '\n';
    },
    end(run = {}) {
      const out: string[] = [];
      const total = errors + warnings;
      const notLinted = run.notLinted ?? 0;
      // Never "no problems" beside an exit status 2: what could not be linted is said first.
      if (notLinted > 0) out.push(c.red(c.bold(`✖ ${notLinted} ${notLinted === 1 ? 'file, folder or pattern' : 'files, folders or patterns'} could not be linted (named above)`)));
      if (total > 0) {
        const summary = `✖ ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
        out.push(errors > 0 ? c.red(c.bold(summary)) : c.yellow(c.bold(summary)));
        if (fixable > 0 && !run.fixesWritten) out.push(c.dim(`  ${plural(fixable, 'problem')} potentially fixable with the \`--fix\` option.`));
      } else if (notLinted === 0) {
        out.push(c.green(`✔ No problems found in ${plural(files, 'file')}.`));
      } else if (files > 0) {
        out.push(`  No problems found in the other ${plural(files, 'file')}.`);
      }
      return out.join('\n') + '\n';
    },
  };
}
