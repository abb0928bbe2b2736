// What a rule is, in words, said once per rule rather than in every finding: its title, why it exists, its sources
// and (provisions) the model language. ESLint's `meta` shape, which `--format json-with-metadata` prints as
// `metadata.rulesMeta`; `--verbose` stylish, the SARIF rules, the editor's hover and `policylint explain` read the
// same rule data.
import { defaultSeverity, type ProvisionEntry, type TermEntry } from '../rules/pack.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { SeverityName } from '../severity.js';
import { PACKAGE } from './package.js';

/** Where rule documentation lives; `homepage` in package.json moves it. */
export const DOCS_BASE = PACKAGE.homepage ? `${PACKAGE.homepage.replace(/\/$/, '')}/` : 'https://policylint.dev/';

export function ruleHelpUri(ruleId: string): string {
  return new URL(`docs/rules.md#${ruleId.replace(/\//g, '-')}`, DOCS_BASE).href;
}

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

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

function sourcesOf(set: RuleSet, keys: string[]): string[] {
  return keys.flatMap((k) => {
    const c = set.citations.get(k);
    return c ? [`${c.text}${c.url ? ` <${c.url}>` : ''}`] : [];
  });
}

function termMeta(set: RuleSet, t: TermEntry): RuleMeta {
  const fixable = t.forms.some((f) => (f.replace ?? []).length > 0);
  return {
    type: 'suggestion',
    docs: { description: t.title, url: ruleHelpUri(`term/${t.id}`), explanation: flat(t.why), sources: sourcesOf(set, t.citations) },
    ...(fixable ? { fixable: 'code' as const } : {}),
    hasSuggestions: fixable,
    defaultSeverity: defaultSeverity(t),
    kind: t.kind,
  };
}

function provisionMeta(set: RuleSet, p: ProvisionEntry): RuleMeta {
  return {
    type: 'problem',
    docs: { description: p.title, url: ruleHelpUri(`provision/${p.id}`), explanation: flat(p.messages.absent), sources: sourcesOf(set, p.citations), model: p.model.trim() },
    hasSuggestions: true,
    defaultSeverity: defaultSeverity(p),
    kind: p.area,
  };
}

/** The rules the core reports that no pack defines. */
function engineMeta(ruleId: string): RuleMeta {
  if (ruleId === 'unused-disable-directive') {
    return { type: 'suggestion', docs: { description: 'A policylint-disable comment that suppresses nothing', url: ruleHelpUri(ruleId) }, hasSuggestions: false, defaultSeverity: 'warn' };
  }
  return { type: 'problem', docs: { description: 'policylint could not run some of its rules on a document', url: ruleHelpUri(ruleId) }, hasSuggestions: false, defaultSeverity: 'error' };
}

const cache = new WeakMap<RuleSet, Map<string, RuleMeta>>();

/** A rule's metadata, worked out once per rule set. */
export function ruleMeta(set: RuleSet, ruleId: string): RuleMeta {
  let known = cache.get(set);
  if (!known) cache.set(set, (known = new Map()));
  let meta = known.get(ruleId);
  if (!meta) {
    const [kind, id] = ruleId.split('/', 2);
    const term = kind === 'term' ? set.terms.get(id) : undefined;
    const provision = kind === 'provision' ? set.provisions.find((p) => p.id === id) : undefined;
    meta = term ? termMeta(set, term) : provision ? provisionMeta(set, provision) : engineMeta(ruleId);
    known.set(ruleId, meta);
  }
  return meta;
}
