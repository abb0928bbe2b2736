// Merges layers, farthest first, into one set of settings.
//
// The core looks a finding's severity up by rule id, then `kind/*`, then kind,
// so within one layer the most specific setting wins. Across layers the later
// layer wins, as in ESLint: when a nearer file says `term/*: warn`, the settings
// for single terms that farther files (or a preset) made are dropped, or they
// would still beat the broader, nearer one.
import { ConfigError } from '../errors.js';
import { isKindPattern, PACK_RULE_KINDS, ruleKindOf } from '../rule-id.js';
import type { DocType, SeverityName } from '../types.js';
import type { ConfigLayer, RuleSetting } from './layers.js';
import { knownRuleIds, type RuleCatalog } from './rule-catalog.js';
import { closest } from './validate.js';

export interface MergedSettings {
  rules: Record<string, SeverityName>;
  docType?: DocType;
  reportUnusedDirectives?: SeverityName;
}

/** Whether a setting for `broad` makes an earlier setting for `id` moot. */
function covers(broad: string, id: string): boolean {
  return broad === id || (isKindPattern(broad) && ruleKindOf(broad) === ruleKindOf(id));
}

/** `catalog` is asked for only when a layer sets rules (it loads the rule packs). */
export function mergeLayers(layers: ConfigLayer[], catalog: () => RuleCatalog): MergedSettings {
  const merged: MergedSettings = { rules: {} };
  for (const layer of layers) {
    const needsCatalog = layer.rules.length > 0 || Object.keys(layer.termKinds).length > 0;
    const settings = needsCatalog ? [...termKindSettings(layer, catalog()), ...layer.rules] : [];
    for (const s of settings) checkRuleExists(s, catalog());
    const broad = settings.filter((s) => isKindPattern(s.id));
    for (const id of Object.keys(merged.rules)) {
      if (broad.some((b) => covers(b.id, id))) delete merged.rules[id];
    }
    for (const s of settings) merged.rules[s.id] = s.severity;
    if (layer.docType !== undefined) merged.docType = layer.docType;
    if (layer.reportUnusedDirectives !== undefined) merged.reportUnusedDirectives = layer.reportUnusedDirectives;
  }
  return merged;
}

/** A preset's "every too-narrow term" as one setting per term id of the loaded packs. */
function termKindSettings(layer: ConfigLayer, catalog: RuleCatalog): RuleSetting[] {
  const out: RuleSetting[] = [];
  for (const rule of catalog.rules.values()) {
    if (rule.kind !== 'term') continue;
    const severity = layer.termKinds[rule.term.kind];
    if (severity) out.push({ id: rule.id, severity, source: layer.source, key: `${rule.term.kind} terms` });
  }
  return out;
}

function checkRuleExists(s: RuleSetting, catalog: RuleCatalog): void {
  const kind = ruleKindOf(s.id);
  if (!(PACK_RULE_KINDS as readonly string[]).includes(kind)) {
    throw new ConfigError(s.source, `unknown kind of rule "${kind}" (the kinds are ${PACK_RULE_KINDS.join(' and ')})`, s.line, s.key);
  }
  if (isKindPattern(s.id)) return;
  if (catalog.rules.has(s.id)) return;
  const guess = closest(s.id, knownRuleIds(catalog));
  throw new ConfigError(s.source, `unknown rule${guess ? ` (did you mean ${guess}?)` : ''}; \`policylint rules\` lists them`, s.line, s.key);
}
