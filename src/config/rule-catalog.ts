// Which rules exist for a list of packs, as their descriptors: enough to reject a misspelt rule id in a config and to
// expand a preset's term-kind severities, without compiling the phrase matcher.
import { describePacks, type RuleDescriptor } from '../rules/descriptor.js';
import { loadPack, type RulePack } from '../rules/pack.js';
import { builtinRuleSet } from '../rules/ruleset.js';

export interface RuleCatalog {
  /** By rule id; a later pack's entry replaces an earlier one, as in the rule set. */
  rules: ReadonlyMap<string, RuleDescriptor>;
}

/** Pack files parsed, and the catalog of each list of packs: kept until a config or pack file changes. */
export interface CatalogCache {
  packs: Map<string, RulePack>;
  catalogs: Map<string, RuleCatalog>;
}

/** A pack file, parsed once while `cache` is kept. */
export function packAt(file: string, { packs }: CatalogCache): RulePack {
  let pack = packs.get(file);
  if (!pack) {
    pack = loadPack(file);
    packs.set(file, pack);
  }
  return pack;
}

/** The rules of the built-in packs followed by `extraPacks`. */
export function catalogFor(extraPacks: string[], cache: CatalogCache): RuleCatalog {
  const key = extraPacks.join('\n');
  const { catalogs } = cache;
  let catalog = catalogs.get(key);
  if (!catalog) {
    // The built-in rule set, which linting needs anyway, has described the built-in packs already.
    const builtin = builtinRuleSet();
    catalog = { rules: extraPacks.length === 0 ? builtin.rules : describePacks([...builtin.packs, ...extraPacks.map((file) => packAt(file, cache))]) };
    catalogs.set(key, catalog);
  }
  return catalog;
}

export function knownRuleIds(catalog: RuleCatalog): string[] {
  return [...catalog.rules.keys()];
}
