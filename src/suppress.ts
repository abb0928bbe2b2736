// Applies inline directives to findings, as ESLint does with eslint-disable
// comments: ranges of lines, the next line, or (Word) one paragraph.
import type { Directive } from './model.js';
import { settingKeysOf } from './rule-id.js';
import type { Finding } from './types.js';

function coveredBy(rule: string, ruleId: string): boolean {
  return settingKeysOf(ruleId).includes(rule);
}

function covers(rules: string[], ruleId: string): boolean {
  return rules.length === 0 || rules.some((r) => coveredBy(r, ruleId));
}

export interface Suppressed {
  kept: Finding[];
  suppressedCount: number;
  /** Directives that suppressed nothing; `rules` lists only the rules of it that were never needed. */
  unused: Directive[];
}

type Position = { line: number; column: number };
const atOrBefore = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.column <= b.column);
const strictlyBefore = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.column < b.column);

/** A finding about the whole document (a missing provision) has no place of its own. */
const aboutWholeDocument = (f: Finding) => f.block === -1;

function suppresses(d: Directive, f: Finding, ordered: Directive[]): boolean {
  if (d.type === 'disable-next-line') return f.line === d.line + 1;
  if (d.type === 'disable-line') return f.line === d.line;
  if (d.type !== 'disable') return false;
  if (atOrBefore(d, f) && !reEnabled(ordered, d, f)) return true;
  // `<!-- policylint-disable provision/tribal-collaboration -->` anywhere turns off a
  // missing-provision finding, which sits at the top of the document where no
  // comment can go before a title. A disable without rule names does not: it
  // turns off a stretch of text, not the document's coverage.
  return aboutWholeDocument(f) && d.rules.length > 0;
}

export function applyDirectives(findings: Finding[], directives: Directive[]): Suppressed {
  if (directives.length === 0) return { kept: findings, suppressedCount: 0, unused: [] };
  const ordered = [...directives].sort((a, b) => a.line - b.line || a.column - b.column);
  /** Per directive, the rule names that suppressed something ('' for a directive without names). */
  const used = new Map<Directive, Set<string>>();
  const kept = findings.filter((f) => {
    const d = ordered.find((candidate) => covers(candidate.rules, f.ruleId) && suppresses(candidate, f, ordered));
    if (!d) return true;
    const names = used.get(d) ?? new Set<string>();
    if (d.rules.length === 0) names.add('');
    for (const r of d.rules) if (coveredBy(r, f.ruleId)) names.add(r);
    used.set(d, names);
    return false;
  });
  const unused: Directive[] = [];
  for (const d of directives) {
    if (d.type === 'enable') continue;
    const names = used.get(d);
    if (!names) unused.push(d);
    else if (d.rules.length > 0 && names.size < d.rules.length) unused.push({ ...d, rules: d.rules.filter((r) => !names.has(r)) });
  }
  return { kept, suppressedCount: findings.length - kept.length, unused };
}

/**
 * An `enable` for this rule after the `disable` and at or before the finding ends
 * the range. Readers give inline comments column 1, so an enable on the disable's
 * own line cannot be placed after it and does not end it.
 */
function reEnabled(ordered: Directive[], disable: Directive, f: Finding): boolean {
  return ordered.some((d) => d.type === 'enable' && strictlyBefore(disable, d) && atOrBefore(d, f) && covers(d.rules, f.ruleId));
}
