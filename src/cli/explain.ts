// `policylint explain RULE` and `policylint rules`: the rule data, in words.
import type { RuleSet } from '../rules/ruleset.js';
import { defaultSeverity, type Citation } from '../rules/pack.js';
import { fillSuffixes } from '../rules/phrase.js';
import { wrap } from '../report/wrap.js';

function citationLines(set: RuleSet, keys: string[]): string[] {
  return keys.map((k) => {
    const c = set.citations.get(k) as Citation;
    return `  - ${c.text}${c.url ? ` <${c.url}>` : ''}${c.note ? `\n    Note: ${c.note}` : ''}`;
  });
}

export function explainRule(set: RuleSet, ruleId: string): string | undefined {
  const [kind, id] = ruleId.includes('/') ? ruleId.split('/', 2) : [undefined, ruleId];
  const term = kind !== 'provision' ? set.terms.get(id) : undefined;
  if (term) {
    const lines = [
      `term/${term.id} — ${term.title}`,
      `Kind: ${term.kind}; default severity: ${defaultSeverity(term)}; fixable with --fix.`,
      '',
      'Why:',
      wrap(term.why),
      '',
      'Finds and suggests:',
      ...term.forms.map((f) => `  ${f.match.join(', ')}${f.use ? ` (${f.use})` : ''}\n    → ${(f.replace ?? []).map((r) => `"${fillSuffixes(r, false)}"`).join(' or ') || '(no replacement: reword by hand)'}`),
      '',
      'Sources:',
      ...citationLines(set, term.citations),
    ];
    if (term.examples?.flag?.length) lines.push('', 'Flagged, for example:', ...term.examples.flag.map((e) => `  ✗ ${e}`));
    if (term.examples?.pass?.length) lines.push('', 'Not flagged:', ...term.examples.pass.map((e) => `  ✓ ${e}`));
    return lines.join('\n') + '\n';
  }
  const provision = kind !== 'term' ? set.provisions.find((p) => p.id === id) : undefined;
  if (provision) {
    return [
      `provision/${provision.id} — ${provision.title}`,
      `Key area: ${provision.area}. Applies to: ${provision.appliesTo.join(', ')}.`,
      '',
      'What policylint looks for:',
      wrap(`A section or paragraph about ${provision.topic.map((t) => t.toLowerCase().replace(/_/g, ' ')).join(' or ')} that also names ${provision.require.map((t) => t.toLowerCase().replace(/_/g, ' ')).join(' and ') || 'inclusive terms'}. ${provision.messages.absent}`),
      '',
      'Sources:',
      ...citationLines(set, provision.citations),
      ...(provision.sources?.length ? ['', 'Where the recommendation comes from:', ...provision.sources.map((s) => `  - ${s}`)] : []),
      '',
      `Model language (suggested under: ${provision.headings.slice(0, 3).join(' / ')}):`,
      wrap(provision.model, '  | '),
      '',
    ].join('\n');
  }
  return undefined;
}

export function listRules(set: RuleSet): string {
  const rows: string[][] = [];
  for (const t of set.terms.values()) rows.push([`term/${t.id}`, t.kind, defaultSeverity(t), t.title]);
  for (const p of set.provisions) rows.push([`provision/${p.id}`, p.area, defaultSeverity(p), p.title]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
  const header = ['rule', 'kind / area', 'severity', 'title'];
  const fmt = (r: string[]) => r.map((c, i) => (i < 3 ? c.padEnd(Math.max(widths[i], header[i].length)) : c)).join('  ');
  return [fmt(header), ...rows.map(fmt), '', `${set.terms.size} term rules, ${set.provisions.length} provision rules. \`policylint explain RULE\` tells more.`].join('\n') + '\n';
}
