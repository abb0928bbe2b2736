// What the core produces: findings with their fixes and suggestions, and
// per-document provision statuses. Front ends only format these.
import type { Format, Range } from './model.js';

import type { SeverityLevel } from './severity.js';
export type { SeverityLevel, SeverityName } from './severity.js';

export const DOC_TYPES = ['protocol', 'policy', 'mou', 'charter', 'training', 'screening', 'guideline'] as const;
export type DocType = (typeof DOC_TYPES)[number];

/** A replacement of a span of one block's text. Fixers map it to the source. */
export interface TextEdit {
  block: number;
  start: number;
  end: number;
  text: string;
}

/** Text to insert for a missing provision: after the heading `afterBlock` (or at the end when -1). */
export interface Insertion {
  afterBlock: number;
  heading?: string;
  text: string;
}

export interface Suggestion {
  desc: string;
  /** The replacement text (terms) or the model language (provisions). */
  text: string;
  edit?: TextEdit;
  insert?: Insertion;
}

export type ProvisionStatus = 'present' | 'partial' | 'absent' | 'not-applicable';

export interface Finding extends Range {
  ruleId: string;
  severity: SeverityLevel;
  /** One line, at most 200 characters: what is wrong and what to write instead. */
  message: string;
  /** The long explanation of this finding, when it says more than its rule's (provisions: why, and where to add it). */
  detail?: string;
  /** Block the finding is in; -1 for findings about the whole document. */
  block: number;
  /** Span in the block's text. */
  start: number;
  end: number;
  /** The text found (terms). */
  found?: string;
  suggestions: Suggestion[];
  /** Applied by --fix: only for term replacements that are safe to make without a person's judgment. */
  fix?: TextEdit;
  citations: string[];
  /** Provision findings: the status that caused it. */
  status?: ProvisionStatus;
}

export interface ProvisionResult {
  id: string;
  title: string;
  area: string;
  status: ProvisionStatus;
  line: number;
  /** PDF: the page `line` is on. */
  page?: number;
  message: string;
}

/** A term that a detector kept from being reported (quotation, name of record, a context such as a definition). */
export interface Excusal {
  ruleId: string;
  /** The detector: a context id from the rule packs, or `quotation`, `name-of-record`, `cited-title`, `web-address`. */
  by: string;
  found: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  page?: number;
}

export interface LintResult {
  filePath: string;
  /** What the document was read as, which says how its places are named (src/place.ts); absent when it could not be read. */
  format?: Format;
  messages: Finding[];
  errorCount: number;
  warningCount: number;
  fixableCount: number;
  docType?: DocType;
  docTypeSource?: 'config' | 'guess';
  title?: string;
  provisions: ProvisionResult[];
  /** A file that could not be read: one line naming the problem. */
  fatal?: string;
  /** What the reader had to guess (a file read as Windows-1252): one line each, printed on standard error. */
  warnings?: string[];
  /** Findings suppressed by inline directives (for --report-unused-disable-directives). */
  suppressedCount?: number;
  /** Block texts, kept only when a reporter needs them. */
  source?: string;
}
