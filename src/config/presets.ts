// Built-in presets for `extends`, named like ESLint's `eslint:recommended`.
import type { TermKind } from '../rules/pack.js';
import type { SeverityName } from '../types.js';

export interface Preset {
  description: string;
  rules: Record<string, SeverityName>;
  /**
   * Severities for every term of a kind. Rule settings name rules, not kinds of
   * term, so these become one setting per term id once the rule packs are known.
   */
  termKinds: Partial<Record<TermKind, SeverityName>>;
}

export const PRESET_PREFIX = 'policylint:';

export const PRESETS: Record<string, Preset> = {
  'policylint:recommended': {
    description: 'every rule at the severity its rule pack gives it',
    rules: {},
    termKinds: {},
  },
  'policylint:strict': {
    description: 'missing provisions and CSEC-only (too-narrow) terms are errors',
    rules: { provision: 'error' },
    termKinds: { 'too-narrow': 'error' },
  },
};
