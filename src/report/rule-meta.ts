// A rule's descriptor (src/rules/descriptor.ts) in ESLint's `meta` shape, which `--format json-with-metadata` prints
// as `metadata.rulesMeta`.
import { categoryOf, describeRule, type RuleDescriptor } from '../rules/descriptor.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { SeverityName } from '../severity.js';
import { oneLine } from './wrap.js';

export interface RuleMeta {
  /** ESLint's: a wording to change is a suggestion; a provision the document lacks is a problem. */
  type: 'suggestion' | 'problem';
  docs: {
    /** One line: the rule's title. */
    description: string;
    url: string;
    /** Why the rule exists, for a policy analyst (a term's `why`; a provision's general message). */
    explanation?: string;
    /** The full citations. */
    sources?: string[];
    /** Provisions: the language to add. */
    model?: string;
  };
  /** `code` when --fix applies the first replacement. */
  fixable?: 'code';
  hasSuggestions: boolean;
  defaultSeverity: SeverityName;
  /** Terms: too-narrow, stigmatizing, slang or precision; provisions: their key area. */
  kind?: string;
}

function metaOf(d: RuleDescriptor): RuleMeta {
  const { type, defaultSeverity } = d;
  if (d.kind === 'engine') return { type, docs: { description: d.title, url: d.helpUri }, hasSuggestions: false, defaultSeverity };
  const sources = d.citations.map((c) => `${c.text}${c.url ? ` <${c.url}>` : ''}`);
  return {
    type,
    docs: { description: d.title, url: d.helpUri, explanation: oneLine(d.why), sources, ...(d.model !== undefined ? { model: d.model } : {}) },
    ...(d.fixable ? { fixable: 'code' as const } : {}),
    // A term with a replacement suggests it; a provision always suggests its model language.
    hasSuggestions: d.kind === 'provision' || d.fixable,
    defaultSeverity,
    kind: categoryOf(d),
  };
}

const cache = new WeakMap<RuleSet, Map<string, RuleMeta>>();

/** A rule's metadata, worked out once per rule set. */
export function ruleMeta(set: RuleSet, ruleId: string): RuleMeta {
  let known = cache.get(set);
  if (!known) cache.set(set, (known = new Map()));
  let meta = known.get(ruleId);
  if (!meta) known.set(ruleId, (meta = metaOf(describeRule(set.rules, ruleId))));
  return meta;
}
