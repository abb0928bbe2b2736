// Severity, on one scale (after ESLint's lib/shared/severity.js and Vale's AlertLevels).
//
// A severity is *named* wherever a person writes one: config files, rule packs, `--rule`, the plugin's options
// (`off`, `info`, `warn`, `error`). A finding carries a *level*, the number JSON output prints: 0 info, 1 warn,
// 2 error (ESLint's 1 and 2, with 0 for the info findings only editors show). "Off" is never a level: a rule that is
// off makes no finding. The one other number is ESLint's config shorthand, where 0 means off; it is read by
// `severityFromConfig` and turned into a name there, so no number past the config reader means two things.
// No Node import: the workbench page (browser code) shares the labels.

export const SEVERITY_NAMES = ['off', 'info', 'warn', 'error'] as const;
export type SeverityName = (typeof SEVERITY_NAMES)[number];
/** A severity a finding can have. */
export type FindingSeverity = Exclude<SeverityName, 'off'>;
export type SeverityLevel = 0 | 1 | 2;

/** A finding's level by name: `m.severity === SEVERITY_LEVEL.error`. */
export const SEVERITY_LEVEL: Readonly<Record<FindingSeverity, SeverityLevel>> = Object.freeze({ info: 0, warn: 1, error: 2 });

/** By level. */
const NAMES: readonly FindingSeverity[] = ['info', 'warn', 'error'];
/** What a reader sees, by level: "warn" is the name a person writes, "warning" the word a report shows. */
const LABELS = ['info', 'warning', 'error'] as const;
export type SeverityLabel = (typeof LABELS)[number];

/** ESLint's numbers in a config file or the plugin's options: 0 off, 1 warn, 2 error. */
const CONFIG_NUMBERS: Readonly<Record<number, SeverityName>> = { 0: 'off', 1: 'warn', 2: 'error' };

export function severityLevel(name: FindingSeverity): SeverityLevel {
  return SEVERITY_LEVEL[name];
}

export function severityName(level: SeverityLevel): FindingSeverity {
  return NAMES[level];
}

export function severityLabel(level: SeverityLevel): SeverityLabel {
  return LABELS[level];
}

export function isSeverityName(value: unknown): value is SeverityName {
  return typeof value === 'string' && (SEVERITY_NAMES as readonly string[]).includes(value);
}

/** A severity as a config file or the plugin's options may write it (a name or ESLint's 0, 1, 2); undefined if neither. */
export function severityFromConfig(value: unknown): SeverityName | undefined {
  if (typeof value === 'number') return CONFIG_NUMBERS[value];
  return isSeverityName(value) ? value : undefined;
}
