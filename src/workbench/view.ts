// What the workbench server sends the page and what the page sends back, as
// JSON. Types only: the page (page/main.ts) imports them at build time, so the
// two sides cannot drift apart.
import type { Format } from '../model.js';
import type { SeverityLevel } from '../severity.js';
import type { ProvisionStatus } from '../types.js';

export interface BlockView {
  kind: string;
  text: string;
  level?: number;
  /** Line (Markdown, text) or paragraph number (Word), as the CLI reports it. */
  line: number;
}

/** A finding the analyst accepts or rejects: a term (or any finding that is not a provision) in the text. */
export interface FindingView {
  /** Index in the document's lint result: what a decision names. */
  index: number;
  ruleId: string;
  severity: SeverityLevel;
  message: string;
  block: number;
  start: number;
  end: number;
  line: number;
  column: number;
  found?: string;
  /** Replacement wordings, best first; empty when the words must be changed by hand. */
  choices: string[];
  /** The first wording is safe to make without reading the sentence (the finding has a fix: what --fix makes). */
  safe: boolean;
  citations: string[];
}

export interface ProvisionView {
  id: string;
  title: string;
  area: string;
  status: ProvisionStatus;
  line: number;
  /** Block of the section the status points at; -1 when the provision is absent. */
  block: number;
  message: string;
  /** Model language to add (partial and absent provisions). */
  model?: string;
  citations: string[];
}

export interface RuleView {
  title: string;
  /** Why the rule exists, from the rule data. */
  why: string;
}

export interface DocumentView {
  id: string;
  name: string;
  format: Format;
  title: string;
  docType?: string;
  blocks: BlockView[];
  findings: FindingView[];
  provisions: ProvisionView[];
  /** Explanations by rule id, for the findings and provisions above. */
  rules: Record<string, RuleView>;
}

/** An accepted finding with the replacement chosen (an index into its `choices`). */
export interface Decision {
  finding: number;
  choice: number;
}

export interface RedlineRequest {
  accepted: Decision[];
  /** Provisions to add as Word comments with their model language. */
  comments: string[];
}

export interface ReportRequest {
  ids: string[];
  format: 'html' | 'markdown';
}

export interface MatrixView {
  areas: { id: string; label: string; provisions: { id: string; title: string }[] }[];
  documents: { id: string; name: string; title: string; statuses: Record<string, ProvisionStatus> }[];
}

export type CellStatus = ProvisionStatus | 'not-checked';

export interface ServerSettings {
  maxBytes: number;
  extensions: string[];
  /** Symbol, word and meaning of each status, as the coverage report shows them. */
  legend: Record<CellStatus, { symbol: string; label: string; meaning: string }>;
}

export interface ErrorView {
  error: string;
}
