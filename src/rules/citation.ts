// How rules name their sources. A citation in rules/citations.yaml reads
// "reference: what it says" ("Cal. Penal Code § 11166(a) (CANRA): a mandated
// reporter who knows or reasonably suspects …"). Messages are one line and cite
// nothing; the rule's sources are said once per rule (`policylint explain`,
// --verbose, json-with-metadata, SARIF rules, the hover), where --verbose names
// each by its reference only.

import type { RuleSet } from './ruleset.js';

/** The full texts of the citations a rule lists by key. */
export function citationTexts(set: RuleSet, keys: string[]): string[] {
  return keys.map((key) => set.citations.get(key)!.text);
}

/** The reference part of a citation: up to the first ": " outside quotation marks. */
export function shortCitation(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length - 1; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (!quoted && text[i] === ':' && text[i + 1] === ' ') return text.slice(0, i);
  }
  return text.replace(/\.$/, '');
}
