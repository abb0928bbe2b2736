// How a finding's message names its sources. A citation in rules/citations.yaml
// reads "reference: what it says" ("Cal. Penal Code § 11166(a) (CANRA): a
// mandated reporter who knows or reasonably suspects …"). A message cites the
// reference only: the rule's `why` already says what matters, and every finding
// carries the full texts in `citations` (the JSON, SARIF and HTML reports, the
// editor's hover and `policylint explain` show them). With the summaries the
// plain report of a large library was mostly repeated citation text.

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

/** " (Source: ref; ref.)" closing a message, or nothing when a rule cites nothing. */
export function sourceNote(citations: string[]): string {
  return citations.length > 0 ? ` (Source: ${citations.map(shortCitation).join('; ')}.)` : '';
}
