// Which rules exist for a list of packs, and each term's kind: enough to reject
// a misspelt rule id in a config and to expand a preset's term-kind severities,
// without compiling the phrase matcher.
import { loadPack, type RulePack, type TermKind } from '../rules/pack.js';
import { builtinRuleSet } from '../rules/ruleset.js';

export interface RuleCatalog {
  /** Term id → kind; a later pack's entry replaces an earlier one, as in the rule set. */
  termKinds: Map<string, TermKind>;
  provisions: Set<string>;
}

const packs = new Map<string, RulePack>();
const catalogs = new Map<string, RuleCatalog>();

/** A pack file parsed once per process (until the cache is cleared). */
export function packAt(file: string): RulePack {
  let pack = packs.get(file);
  if (!pack) {
    pack = loadPack(file);
    packs.set(file, pack);
  }
  return pack;
}

/** The rules of the built-in packs followed by `extraPacks`. */
export function catalogFor(extraPacks: string[]): RuleCatalog {
  const key = extraPacks.join('\n');
  let catalog = catalogs.get(key);
  if (!catalog) {
    catalog = { termKinds: new Map(), provisions: new Set() };
    // The built-in packs come parsed with the built-in rule set, which linting needs anyway.
    for (const pack of [...builtinRuleSet().packs, ...extraPacks.map(packAt)]) {
      for (const t of pack.terms ?? []) catalog.termKinds.set(t.id, t.kind);
      for (const p of pack.provisions ?? []) catalog.provisions.add(p.id);
    }
    catalogs.set(key, catalog);
  }
  return catalog;
}

export function knownRuleIds(catalog: RuleCatalog): string[] {
  return [...[...catalog.termKinds.keys()].map((id) => `term/${id}`), ...[...catalog.provisions].map((id) => `provision/${id}`)];
}

export function clearRuleCatalogs(): void {
  packs.clear();
  catalogs.clear();
}
