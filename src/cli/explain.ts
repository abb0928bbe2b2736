// `policylint explain RULE` and `policylint rules`: the rule data, in words.
import type { Citation } from '../rules/pack.js';
import { fillSuffixes } from '../rules/phrase.js';
import { categoryOf, type ProvisionDescriptor, type RuleDescriptor, type TermDescriptor } from '../rules/descriptor.js';
import type { RuleSet } from '../rules/ruleset.js';
import { PACK_RULE_KINDS, ruleIdOf } from '../rule-id.js';
import { wrap } from '../report/wrap.js';

function citationLines(citations: Citation[]): string[] {
  return citations.map((c) => `  - ${c.text}${c.url ? ` <${c.url}>` : ''}${c.note ? `\n    Note: ${c.note}` : ''}`);
}

function explainTerm(d: TermDescriptor): string {
  const term = d.term;
  const lines = [
    `${d.id} — ${d.title}`,
    `Kind: ${term.kind}; default severity: ${d.defaultSeverity}; ${d.fixable ? 'fixable with --fix' : 'not fixable: reword by hand'}.`,
    '',
    'Why:',
    wrap(d.why),
    '',
    'Finds and suggests:',
    ...term.forms.map((f) => `  ${f.match.join(', ')}${f.use ? ` (${f.use})` : ''}\n    → ${(f.replace ?? []).map((r) => `"${fillSuffixes(r, false)}"`).join(' or ') || '(no replacement: reword by hand)'}`),
    '',
    'Sources:',
    ...citationLines(d.citations),
  ];
  if (term.examples?.flag?.length) lines.push('', 'Flagged, for example:', ...term.examples.flag.map((e) => `  ✗ ${e}`));
  if (term.examples?.pass?.length) lines.push('', 'Not flagged:', ...term.examples.pass.map((e) => `  ✓ ${e}`));
  return lines.join('\n') + '\n';
}

function explainProvision(d: ProvisionDescriptor): string {
  const provision = d.provision;
  const words = (concepts: string[]) => concepts.map((t) => t.toLowerCase().replace(/_/g, ' '));
  return [
    `${d.id} — ${d.title}`,
    `Key area: ${provision.area}. Applies to: ${provision.appliesTo.join(', ')}.`,
    '',
    'What policylint looks for:',
    wrap(`A section or paragraph about ${words(provision.topic).join(' or ')} that also names ${words(provision.require).join(' and ') || 'inclusive terms'}. ${d.why}`),
    '',
    'Sources:',
    ...citationLines(d.citations),
    ...(provision.sources?.length ? ['', 'Where the recommendation comes from:', ...provision.sources.map((s) => `  - ${s}`)] : []),
    '',
    `Model language (suggested under: ${provision.headings.slice(0, 3).join(' / ')}):`,
    wrap(d.model ?? '', '  | '),
    '',
  ].join('\n');
}

/** A rule by its id, or by its name alone (`csec`): a term's first, then a provision's. */
function findRule(set: RuleSet, ruleId: string): RuleDescriptor | undefined {
  return set.rules.get(ruleId) ?? PACK_RULE_KINDS.map((kind) => set.rules.get(ruleIdOf(kind, ruleId))).find((d) => d !== undefined);
}

export function explainRule(set: RuleSet, ruleId: string): string | undefined {
  const d = findRule(set, ruleId);
  if (d?.kind === 'term') return explainTerm(d);
  if (d?.kind === 'provision') return explainProvision(d);
  return undefined;
}

export function listRules(set: RuleSet): string {
  const rows = [...set.rules.values()].map((d) => [d.id, categoryOf(d) ?? '', d.defaultSeverity, d.title]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
  const header = ['rule', 'kind / area', 'severity', 'title'];
  const fmt = (r: string[]) => r.map((c, i) => (i < 3 ? c.padEnd(Math.max(widths[i], header[i].length)) : c)).join('  ');
  return [fmt(header), ...rows.map(fmt), '', `${set.terms.size} term rules, ${set.provisions.length} provision rules. \`policylint explain RULE\` tells more.`].join('\n') + '\n';
}
