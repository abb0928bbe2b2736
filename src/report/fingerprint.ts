// SARIF `partialFingerprints` for code scanning: what a finding is about, not
// where it is, so an alert keeps its identity when lines are added or removed
// above it. A finding is identified by its rule, the words it is about (a
// term) or its status (a provision), and which occurrence of that it is in the
// file; the same words found twice in one file are two alerts.
import { createHash } from 'node:crypto';
import type { Finding } from '../types.js';

/** The key under `partialFingerprints`; versioned, so a change of method is a new key rather than churned alerts. */
export const FINGERPRINT_KEY = 'policylintFinding/v1';

/** Fingerprints for one file's findings, in order: call once per finding. */
export function fingerprinter(): (m: Finding) => string {
  const seen = new Map<string, number>();
  return (m) => {
    const about = `${m.ruleId}\0${(m.found ?? '').replace(/\s+/g, ' ').toLowerCase()}\0${m.status ?? ''}`;
    const hash = createHash('sha256').update(about).digest('hex').slice(0, 16);
    const occurrence = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, occurrence);
    return `${hash}:${occurrence}`;
  };
}
