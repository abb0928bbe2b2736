// What the core produces: findings with their fixes and suggestions, and
// per-document provision statuses. Front ends only format these.
import type { Format, Range } from './model.js';

import type { SeverityLevel } from './severity.js';
export type { SeverityLevel, SeverityName } from './severity.js';

export const DOC_TYPES = ['protocol', 'policy', 'mou', 'charter', 'training', 'screening', 'guideline'] as const;
export type DocType = (typeof DOC_TYPES)[number];

/** A replacement of a span of one block's text: a Word fix, which the redline writer places in its paragraph. */
export interface TextEdit {
  block: number;
  start: number;
  end: number;
  text: string;
}

/**
 * A Markdown or text fix in ESLint's shape: `range` is the [start, end) offsets in the source text that `text`
 * replaces (UTF-16 code units of the decoded file, without a byte-order mark), so a tool that applies ESLint fixes
 * makes exactly the edits --fix makes. `null` when the words run through markup: --fix leaves those for a person.
 */
export interface SourceFix {
  range: [number, number] | null;
  text: string;
}

/** What --fix writes: a source fix on Markdown and text, a paragraph fix on Word (a PDF is read-only). */
export type Fix = SourceFix | TextEdit;

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
  /**
   * On a replacement of the words found (terms): how many characters before them it replaces too, an article it
   * changes ("a" → "an"); usually 0. `replacementEdit` (src/fix/suggestions.ts) makes its edit.
   */
  extendBefore?: number;
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
  /** Markdown and text: the [start, end) source offsets of the words found (terms) or of the block (provisions). */
  range?: [number, number];
  /** The text found (terms). */
  found?: string;
  /** A term's are shared by every finding worded alike, and frozen. */
  suggestions: Suggestion[];
  /** Applied by --fix: only for term replacements that are safe to make without a person's judgment. */
  fix?: Fix;
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
  /** The block where the status was decided; -1 for the whole document (absent, not applicable). */
  block: number;
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
  /** Markdown and text with a source fix: where each line starts, so a formatter places a fix (SARIF) without the document. */
  lineStarts?: readonly number[];
}
