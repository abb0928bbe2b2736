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
  /** Sources, when they differ from the rule's (RuleView.citations): a large document's findings share them. */
  citations?: string[];
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
  /** Sources its findings cite, unless a finding says otherwise. */
  citations?: string[];
}

export interface DocumentView {
  id: string;
  /** SHA-256 of the file's bytes: the page keeps a review under it, so the same file resumes where it was left. */
  hash: string;
  name: string;
  /** Why the document is reviewed read-only (a PDF): no redline or fixed copy is offered. */
  readOnly?: string;
  format: Format;
  /** From the format's descriptor (src/readers/formats.ts): what it is called, what a fix makes of it, what a place in it is. */
  formatName: string;
  fixMode: 'text' | 'redline' | 'none';
  placeNoun: 'line' | 'paragraph' | 'page';
  title: string;
  docType?: string;
  blocks: BlockView[];
  findings: FindingView[];
  provisions: ProvisionView[];
  /** Explanations by rule id, for the findings and provisions above. */
  rules: Record<string, RuleView>;
}

/** An accepted finding with the replacement chosen (an index into its `choices`), or the analyst's own wording. */
export interface Decision {
  finding: number;
  choice: number;
  /** The analyst's own wording, used instead of the chosen replacement. */
  text?: string;
}

/** A decision as the report states it. */
export interface ReviewDecision extends Decision {
  state: 'accepted' | 'rejected';
}

export interface RedlineRequest {
  accepted: Decision[];
  /** Provisions to add as Word comments with their model language. */
  comments: string[];
  /** Author of the tracked changes and comments (default "policylint"). */
  reviewer?: string;
}

export interface ReportRequest {
  ids: string[];
  format: 'html' | 'markdown';
  /** The analyst's decisions by document id: the report states them. */
  decisions?: Record<string, ReviewDecision[]>;
  reviewer?: string;
}

/** "Not a finding here": a rejected finding the county wants never flagged again. */
export interface ExceptionRequest {
  items: { id: string; finding: number; kind: 'name-of-record' | 'allow' }[];
}

export interface MatrixView {
  areas: { id: string; label: string; provisions: { id: string; title: string }[] }[];
  documents: { id: string; name: string; title: string; statuses: Record<string, ProvisionStatus> }[];
}

export type CellStatus = ProvisionStatus | 'not-checked';

export interface ServerSettings {
  maxBytes: number;
  extensions: string[];
  /** The extensions in words, for the one line that refuses another file. */
  readable: string;
  /** Symbol, word and meaning of each status, as the coverage report shows them. */
  legend: Record<CellStatus, { symbol: string; label: string; meaning: string }>;
}

export interface ErrorView {
  error: string;
}
