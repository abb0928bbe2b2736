// Hover on a finding: what was found and why, what to write instead (or the
// model language for a provision), and the sources with their links.
//
// It is built from the same rule data as `policylint explain`, but shorter:
// explain lists every form a term matches and its test examples, which is too
// long for a hover; the hover ends by pointing to explain for that.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { replacementsOf } from '../fix/replacements.js';
import type { Engine } from '../engine.js';
import { fillSuffixes } from '../rules/phrase.js';
import type { Citation } from '../rules/pack.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { Finding } from '../types.js';
import type { Linted } from './linter.js';
import { rangeContains, toLspRange } from './positions.js';

/** Escapes characters Markdown would otherwise read as formatting. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`);
}

function sources(citations: Citation[]): string[] {
  return citations.map((c) => `- ${escapeMarkdown(c.text)}${c.url ? ` ([source](${encodeURI(c.url)}))` : ''}`);
}

function quote(text: string): string {
  return text
    .trim()
    .split('\n')
    .map((line) => `> ${escapeMarkdown(line)}`)
    .join('\n');
}

function section(finding: Finding, set: RuleSet | undefined): string {
  // A rule of the packs: the core's own (a failed rule kind, an unused directive) have nothing to explain.
  const rule = set?.rules.get(finding.ruleId);
  const cited = rule ? sources(rule.citations) : [];
  const parts = [`**${escapeMarkdown(finding.ruleId)}**${rule ? ` — ${escapeMarkdown(rule.title)}` : ''}`, escapeMarkdown(finding.message)];
  // Why it matters: the finding's own long message (a provision's), else the rule's reason (a term's `why`).
  const why = finding.detail ?? (rule?.kind === 'term' ? rule.why : undefined);
  if (why) parts.push(escapeMarkdown(why));
  const replacements = replacementsOf(finding).map((s) => `- ${escapeMarkdown(s.text)}`);
  if (replacements.length > 0) parts.push(['Write instead:', ...replacements].join('\n'));
  // Headings are match phrases ("Multidisciplinary Team{s}"): shown in their singular form.
  if (rule?.kind === 'provision') parts.push(`Model language (suggested under ${rule.provision.headings.slice(0, 3).map((h) => `"${escapeMarkdown(fillSuffixes(h, false))}"`).join(' or ')}):\n\n${quote(rule.model ?? '')}`);
  if (cited.length > 0) parts.push(['Sources:', ...cited].join('\n'));
  else if (finding.citations.length > 0) parts.push(['Sources:', ...finding.citations.map((c) => `- ${escapeMarkdown(c)}`)].join('\n'));
  if (rule) parts.push(`More: \`policylint explain ${finding.ruleId}\``);
  return parts.join('\n\n');
}

export function hoverAt(position: Position, linted: Linted, text: TextDocument, engine: Engine): Hover | null {
  const { doc, result, config } = linted.outcome;
  if (!doc || result.fatal !== undefined) return null;
  const here = result.messages.filter((f) => rangeContains(toLspRange(f, doc, text), position));
  if (here.length === 0) return null;
  const set = config ? engine.ruleSetFor(config) : undefined;
  const value = here.map((f) => section(f, set)).join('\n\n---\n\n');
  const range = here.length === 1 ? toLspRange(here[0], doc, text) : undefined;
  return { contents: { kind: MarkupKind.Markdown, value }, ...(range ? { range } : {}) };
}
