// Which rules exist for a list of packs, as their descriptors: enough to reject a misspelt rule id in a config and to
// expand a preset's term-kind severities, without compiling the phrase matcher.
import { describePacks, type RuleDescriptor } from '../rules/descriptor.js';
import { loadPack, type RulePack } from '../rules/pack.js';
import { builtinRuleSet } from '../rules/ruleset.js';

export interface RuleCatalog {
  /** By rule id; a later pack's entry replaces an earlier one, as in the rule set. */
  rules: ReadonlyMap<string, RuleDescriptor>;
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
    // The built-in rule set, which linting needs anyway, has described the built-in packs already.
    const builtin = builtinRuleSet();
    catalog = { rules: extraPacks.length === 0 ? builtin.rules : describePacks([...builtin.packs, ...extraPacks.map(packAt)]) };
    catalogs.set(key, catalog);
  }
  return catalog;
}

export function knownRuleIds(catalog: RuleCatalog): string[] {
  return [...catalog.rules.keys()];
}

export function clearRuleCatalogs(): void {
  packs.clear();
  catalogs.clear();
}
