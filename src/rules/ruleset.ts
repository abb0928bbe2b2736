// Merges loaded packs into one RuleSet and compiles every phrase into one matcher.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import { compileCondition, type CompiledCondition } from './condition.js';
import { compileContext, type CompiledContext } from './contexts.js';
import { describeRules, type RuleDescriptor } from './descriptor.js';
import { PhraseMatcher } from './matcher.js';
import {
  BUILTIN_RULES_DIR,
  loadPack,
  type Citation,
  type ContextEntry,
  type LawEntry,
  type NameOfRecord,
  type ProvisionEntry,
  type RulePack,
  type TermEntry,
} from './pack.js';
import type { DocType } from '../types.js';

export interface RuleSet {
  packs: RulePack[];
  terms: Map<string, TermEntry>;
  /** Per term id, one compiled `when` per form. */
  conditions: Map<string, (CompiledCondition | undefined)[]>;
  names: Map<string, NameOfRecord>;
  contexts: Map<string, ContextEntry>;
  /** Laws limited to sex trafficking, by id (a later pack's entry replaces an earlier one). */
  laws: Map<string, LawEntry>;
  /** Every context compiled, in the order the packs list them. */
  compiledContexts: CompiledContext[];
  concepts: Set<string>;
  provisions: ProvisionEntry[];
  citations: Map<string, Citation>;
  docTypes: Partial<Record<DocType, { title: string[]; text: string[]; approval: string[] }>>;
  matcher: PhraseMatcher;
  /** What each term and provision is, by rule id (`term/csec`): terms first, in pack order. */
  rules: Map<string, RuleDescriptor>;
}

/** Concepts the engine itself relies on; the core pack must define them. */
export const ENGINE_CONCEPTS = ['LABOR', 'NARROW', 'TRAFFICKING', 'NEGATION', 'NOT_NEGATION', 'GLOSSARY'] as const;

export function builtinPackFiles(): string[] {
  return readdirSync(BUILTIN_RULES_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(BUILTIN_RULES_DIR, f));
}

/** Later packs add to earlier ones; an entry with an id already loaded replaces it (a county may override a term). */
export function buildRuleSet(packs: RulePack[]): RuleSet {
  const set: RuleSet = {
    packs,
    terms: new Map(),
    conditions: new Map(),
    names: new Map(),
    contexts: new Map(),
    laws: new Map(),
    compiledContexts: [],
    concepts: new Set(),
    provisions: [],
    citations: new Map(),
    docTypes: {},
    matcher: new PhraseMatcher(),
    rules: new Map(),
  };
  const conceptPhrases = new Map<string, string[]>();
  const provisions = new Map<string, ProvisionEntry>();
  for (const pack of packs) {
    for (const [key, c] of Object.entries(pack.citations ?? {})) set.citations.set(key, c);
    for (const t of pack.terms ?? []) set.terms.set(t.id, t);
    for (const n of pack.namesOfRecord ?? []) set.names.set(n.name, n);
    for (const c of pack.contexts ?? []) set.contexts.set(c.id, c);
    for (const l of pack.laws ?? []) set.laws.set(l.id, l);
    for (const [name, c] of Object.entries(pack.concepts ?? {})) conceptPhrases.set(name, [...(conceptPhrases.get(name) ?? []), ...c.match]);
    for (const p of pack.provisions ?? []) provisions.set(p.id, p);
    for (const [type, cues] of Object.entries(pack.docTypes ?? {})) {
      const current = set.docTypes[type as DocType] ?? { title: [], text: [], approval: [] };
      set.docTypes[type as DocType] = {
        title: [...current.title, ...(cues.title ?? [])],
        text: [...current.text, ...(cues.text ?? [])],
        approval: [...current.approval, ...(cues.approval ?? [])],
      };
    }
  }
  set.provisions = [...provisions.values()];
  checkReferences(set, conceptPhrases);
  set.rules = describeRules(set.terms.values(), set.provisions, set.citations);

  for (const t of set.terms.values()) {
    set.conditions.set(t.id, t.forms.map((f) => compileCondition(f.when)));
    t.forms.forEach((f, form) => f.match.forEach((m) => set.matcher.add(m, { kind: 'term', id: t.id, forms: [form], caseSensitive: t.caseSensitive })));
  }
  for (const n of set.names.values()) {
    for (const m of n.match ?? [n.name]) set.matcher.add(m, { kind: 'name', id: n.name, caseSensitive: n.caseSensitive });
  }
  for (const c of set.contexts.values()) {
    c.match?.forEach((m) => set.matcher.add(m, { kind: 'context', id: c.id }));
    if (c.matchLaws) for (const law of set.laws.values()) law.match.forEach((m) => set.matcher.add(m, { kind: 'context', id: c.id }));
    set.compiledContexts.push(compileContext(c));
  }
  for (const [name, phrases] of conceptPhrases) {
    set.concepts.add(name);
    phrases.forEach((m) => set.matcher.add(m, { kind: 'concept', id: name }));
  }
  for (const [type, cues] of Object.entries(set.docTypes)) {
    cues.title.forEach((m) => set.matcher.add(m, { kind: 'doctype', id: `title:${type}` }));
    cues.text.forEach((m) => set.matcher.add(m, { kind: 'doctype', id: `text:${type}` }));
    cues.approval.forEach((m) => set.matcher.add(m, { kind: 'doctype', id: `approval:${type}` }));
  }
  return set;
}

function checkReferences(set: RuleSet, concepts: Map<string, string[]>): void {
  const fileOf = (id: string, section: 'terms' | 'provisions') =>
    set.packs.find((p) => p[section]?.some((e) => e.id === id))?.file ?? '(rules)';
  for (const t of set.terms.values()) {
    for (const c of t.citations) {
      if (!set.citations.has(c)) throw new ConfigError(fileOf(t.id, 'terms'), `unknown citation "${c}"`, undefined, `terms.${t.id}.citations`);
    }
  }
  for (const p of set.provisions) {
    for (const c of p.citations) {
      if (!set.citations.has(c)) throw new ConfigError(fileOf(p.id, 'provisions'), `unknown citation "${c}"`, undefined, `provisions.${p.id}.citations`);
    }
    for (const c of [...p.topic, ...p.require, ...(p.confusable ?? [])]) {
      if (c !== 'TITLE' && !concepts.has(c)) throw new ConfigError(fileOf(p.id, 'provisions'), `unknown concept "${c}"`, undefined, `provisions.${p.id}`);
    }
  }
  if (set.provisions.length > 0) {
    for (const c of ENGINE_CONCEPTS) {
      if (!concepts.has(c)) throw new ConfigError('(rules)', `concept ${c} is required by the provision engine but no pack defines it`);
    }
  }
}

let builtin: RuleSet | undefined;
/** The bundled packs, loaded once per process. */
export function builtinRuleSet(): RuleSet {
  builtin ??= buildRuleSet(builtinPackFiles().map(loadPack));
  return builtin;
}

export function loadRuleSet(extraPackFiles: string[]): RuleSet {
  if (extraPackFiles.length === 0) return builtinRuleSet();
  return buildRuleSet([...builtinPackFiles(), ...extraPackFiles].map(loadPack));
}
