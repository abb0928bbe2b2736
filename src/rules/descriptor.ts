// What a rule is, said once per rule (after ESLint's rule `meta`, looked up through lib/linter/rules.js, and Vale's
// Definition): its id and kind, title, why it exists, default severity, sources, whether --fix can apply it, the
// model language (provisions) and where its documentation is. buildRuleSet makes one per term and provision;
// `policylint explain` and `rules`, the editor's hover, SARIF `rules`, json-with-metadata, --verbose, the coverage
// report, the workbench and docs/rules.md render it and nothing else.
import { PACKAGE } from '../report/package.js';
import { isInternalRule, ruleIdOf, UNUSED_DIRECTIVE_RULE } from '../rule-id.js';
import type { FindingSeverity } from '../severity.js';
import { defaultSeverity, type Citation, type ProvisionEntry, type RulePack, type TermEntry, type TermKind } from './pack.js';

/** Where rule documentation lives; `homepage` in package.json moves it. */
export const DOCS_BASE = PACKAGE.homepage ? `${PACKAGE.homepage.replace(/\/$/, '')}/` : 'https://policylint.dev/';

export function ruleHelpUri(ruleId: string): string {
  return new URL(`docs/rules.md#${ruleId.replace(/\//g, '-')}`, DOCS_BASE).href;
}

interface DescriptorFields {
  id: string;
  /** One line. */
  title: string;
  /** Why the rule exists, for a policy analyst: a term's `why`, a provision's general message; empty for the core's. */
  why: string;
  defaultSeverity: FindingSeverity;
  /** ESLint's `meta.type`: a wording to change is a suggestion; a provision the document lacks, or a failure, a problem. */
  type: 'suggestion' | 'problem';
  citations: Citation[];
  /** Whether --fix can make the change (a term with a replacement). */
  fixable: boolean;
  /** Provisions: the language to add. */
  model?: string;
  helpUri: string;
}

export interface TermDescriptor extends DescriptorFields {
  kind: 'term';
  term: TermEntry;
}

export interface ProvisionDescriptor extends DescriptorFields {
  kind: 'provision';
  provision: ProvisionEntry;
}

/** The core's own rules (`unused-disable-directive`, `internal/…`), which no pack defines. */
export interface EngineDescriptor extends DescriptorFields {
  kind: 'engine';
}

export type RuleDescriptor = TermDescriptor | ProvisionDescriptor | EngineDescriptor;

/** Terms: too-narrow, stigmatizing, slang or precision; provisions: their key area. */
export function categoryOf(d: RuleDescriptor): string | undefined {
  return d.kind === 'term' ? d.term.kind : d.kind === 'provision' ? d.provision.area : undefined;
}

function citationsOf(citations: ReadonlyMap<string, Citation>, keys: string[]): Citation[] {
  return keys.flatMap((k) => citations.get(k) ?? []);
}

export function describeTerm(t: TermEntry, citations: ReadonlyMap<string, Citation>): TermDescriptor {
  const id = ruleIdOf('term', t.id);
  return {
    id,
    kind: 'term',
    title: t.title,
    why: t.why.trim(),
    defaultSeverity: defaultSeverity(t),
    type: 'suggestion',
    citations: citationsOf(citations, t.citations),
    fixable: t.forms.some((f) => (f.replace ?? []).length > 0),
    helpUri: ruleHelpUri(id),
    term: t,
  };
}

export function describeProvision(p: ProvisionEntry, citations: ReadonlyMap<string, Citation>): ProvisionDescriptor {
  const id = ruleIdOf('provision', p.id);
  return {
    id,
    kind: 'provision',
    title: p.title,
    why: p.messages.absent.trim(),
    defaultSeverity: defaultSeverity(p),
    type: 'problem',
    citations: citationsOf(citations, p.citations),
    fixable: false,
    model: p.model.trim(),
    helpUri: ruleHelpUri(id),
    provision: p,
  };
}

/** Every term and provision of the packs, by rule id: terms first, in the order the packs list them. */
export function describeRules(terms: Iterable<TermEntry>, provisions: Iterable<ProvisionEntry>, citations: ReadonlyMap<string, Citation>): Map<string, RuleDescriptor> {
  const rules = new Map<string, RuleDescriptor>();
  const add = (d: RuleDescriptor) => rules.set(d.id, d);
  for (const t of terms) add(describeTerm(t, citations));
  for (const p of provisions) add(describeProvision(p, citations));
  return rules;
}

/**
 * The rules of a list of packs without compiling their phrases (what a config needs to check its rule ids): a later
 * pack's entry or citation replaces an earlier one with the same id, as in buildRuleSet.
 */
export function describePacks(packs: RulePack[]): Map<string, RuleDescriptor> {
  const citations = new Map<string, Citation>();
  const terms = new Map<string, TermEntry>();
  const provisions = new Map<string, ProvisionEntry>();
  for (const pack of packs) {
    for (const [key, c] of Object.entries(pack.citations ?? {})) citations.set(key, c);
    for (const t of pack.terms ?? []) terms.set(t.id, t);
    for (const p of pack.provisions ?? []) provisions.set(p.id, p);
  }
  return describeRules(terms.values(), provisions.values(), citations);
}

const engineRules = new Map<string, EngineDescriptor>();

/** A rule the core reports that no pack defines; any other id no pack knows is described by its id alone. */
export function describeEngineRule(ruleId: string): EngineDescriptor {
  let d = engineRules.get(ruleId);
  if (!d) {
    const common = { id: ruleId, kind: 'engine' as const, why: '', citations: [], fixable: false, helpUri: ruleHelpUri(ruleId) };
    d = ruleId === UNUSED_DIRECTIVE_RULE
      ? { ...common, title: 'A policylint-disable comment that suppresses nothing', defaultSeverity: 'warn', type: 'suggestion' }
      : isInternalRule(ruleId)
        ? { ...common, title: 'policylint could not run some of its rules on a document', defaultSeverity: 'error', type: 'problem' }
        : { ...common, title: ruleId, defaultSeverity: 'warn', type: 'problem' };
    engineRules.set(ruleId, d);
  }
  return d;
}

/** A term rule's kind (too-narrow, stigmatizing…) by rule id, for a rule set; undefined for any other rule. */
export function termKindIn(set: { rules: ReadonlyMap<string, RuleDescriptor> } | undefined): (ruleId: string) => TermKind | undefined {
  return (ruleId) => {
    const d = set?.rules.get(ruleId);
    return d?.kind === 'term' ? d.term.kind : undefined;
  };
}

/** The descriptor of the rule a finding names: one of the rule set's, else one of the core's own. */
export function describeRule(rules: ReadonlyMap<string, RuleDescriptor>, ruleId: string): RuleDescriptor {
  return rules.get(ruleId) ?? describeEngineRule(ruleId);
}
