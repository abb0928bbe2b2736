// What a rule id says. A pack's rule is `KIND/NAME` (`term/csec`, `provision/mdt-labor`); the core's own rules are a
// bare name (`unused-disable-directive`) or `internal/KIND`. Config files, `--rule` and directives also address a
// whole kind (`term`) or a pattern (`term/*`). This is the one place that reads or writes that shape.

/** The core's rule for a policylint-disable comment that suppresses nothing. */
export const UNUSED_DIRECTIVE_RULE = 'unused-disable-directive';

/** The core's rule for a kind of rule that failed on a document (`internal/term`). */
export function internalRuleId(ruleKind: string): string {
  return `internal/${ruleKind}`;
}

export const isInternalRule = (ruleId: string): boolean => ruleKindOf(ruleId) === 'internal';

/** The kinds of rule a rule pack defines. */
export const PACK_RULE_KINDS = ['term', 'provision'] as const;
export type PackRuleKind = (typeof PACK_RULE_KINDS)[number];

/** The part before the slash (`term`, `provision`, `internal`); a rule id without one is its own kind. */
export function ruleKindOf(ruleId: string): string {
  const slash = ruleId.indexOf('/');
  return slash === -1 ? ruleId : ruleId.slice(0, slash);
}

/** The rule id of a pack's term or provision. */
export function ruleIdOf(kind: PackRuleKind, entryId: string): string {
  return `${kind}/${entryId}`;
}

/** The pack entry a rule id names (`csec` for `term/csec`), when the rule is of `kind`. */
export function entryIdOf(ruleId: string, kind: PackRuleKind): string | undefined {
  return ruleKindOf(ruleId) === kind ? ruleId.slice(kind.length + 1) : undefined;
}

export const isTermRule = (ruleId: string): boolean => ruleKindOf(ruleId) === 'term';
export const isProvisionRule = (ruleId: string): boolean => ruleKindOf(ruleId) === 'provision';

/** A setting's key that addresses every rule of a kind: `term` or `term/*`. */
export function isKindPattern(key: string): boolean {
  return !key.includes('/') || key.endsWith('/*');
}

/** The keys of a config's `rules` (or a directive's list) that address a rule, nearest first: its id, `KIND/*`, KIND. */
export function settingKeysOf(ruleId: string): [string, string, string] {
  const kind = ruleKindOf(ruleId);
  return [ruleId, `${kind}/*`, kind];
}
