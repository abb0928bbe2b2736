// What the coverage report shows, computed from lint results: the provision
// columns grouped by key area, one row per document with its statuses, its
// count of CSEC-only terms and its findings. No HTML here (see html.ts).
import type { TermKind } from '../rules/pack.js';
import type { DocType, Finding, LintResult, ProvisionResult, ProvisionStatus } from '../types.js';

/** The six key areas of the PACT ten-county study's recommendations, in the report's order. */
export const KEY_AREAS = [
  { id: 'prevention', label: 'Prevention' },
  { id: 'training', label: 'Training' },
  { id: 'identification', label: 'Identification' },
  { id: 'protocols', label: 'Protocols' },
  { id: 'collaboration', label: 'Collaboration' },
  { id: 'services', label: 'Services' },
] as const;

export interface ProvisionColumn {
  id: string;
  title: string;
}

export interface AreaGroup {
  id: string;
  label: string;
  provisions: ProvisionColumn[];
}

export interface ReportFinding {
  /** PDF: the page `line` is on. */
  page?: number;
  line: number;
  column: number;
  severity: Finding['severity'];
  ruleId: string;
  message: string;
  /** Why it matters (a provision's long message, a term's reason): shown with the first finding of each rule of a document. */
  why?: string;
  found?: string;
  citations: string[];
  /** Model language to add (provisions) or the first replacement (terms). */
  model?: string;
  replacement?: string;
  status?: ProvisionStatus;
}

/** One finding as the analyst left it in the workbench. */
export interface ReviewedFinding {
  /** Where it is, as the document counts: "line 4", "paragraph 3", "page 2, line 7". */
  where: string;
  ruleId: string;
  found?: string;
  state: 'accepted' | 'rejected' | 'pending';
  /** The wording that replaces the found words (accepted only). */
  wording?: string;
}

/** The analyst's review of one document: what was accepted, rejected, and is still to review. */
export interface DocumentReview {
  reviewer?: string;
  accepted: number;
  rejected: number;
  pending: number;
  findings: ReviewedFinding[];
}

export interface DocumentRow {
  /** Path relative to the report's folder. */
  path: string;
  title: string;
  docType?: DocType;
  docTypeGuessed: boolean;
  /** A file that could not be read: why. */
  fatal?: string;
  provisions: Map<string, ProvisionResult>;
  csecOnlyTerms: number;
  errors: number;
  warnings: number;
  findings: ReportFinding[];
  review?: DocumentReview;
}

export type StatusCounts = Record<ProvisionStatus, number>;

export interface ReportData {
  title: string;
  generated: string;
  version: string;
  areas: AreaGroup[];
  documents: DocumentRow[];
  totals: StatusCounts & { documents: number; csecOnlyTerms: number; errors: number; warnings: number; unreadable: number };
}

export interface ReportInput {
  result: LintResult;
  /** Display path of the file. */
  path: string;
  /** Kind of a term rule in the rule set this file was linted with. */
  termKind(ruleId: string): TermKind | undefined;
  /** Why a rule exists, from the rule set this file was linted with. */
  explanation?(ruleId: string): string | undefined;
  /** The workbench analyst's decisions on this document. */
  review?: DocumentReview;
}

const emptyCounts = (): StatusCounts => ({ present: 0, partial: 0, absent: 0, 'not-applicable': 0 });

function toFinding(m: Finding, why: string | undefined): ReportFinding {
  const isProvision = m.ruleId.startsWith('provision/');
  return {
    ...(m.page !== undefined ? { page: m.page } : {}),
    line: m.line,
    column: m.column,
    severity: m.severity,
    ruleId: m.ruleId,
    message: m.message,
    why,
    found: m.found,
    citations: m.citations,
    model: isProvision ? m.suggestions[0]?.text : undefined,
    replacement: isProvision ? undefined : m.suggestions[0]?.text,
    status: m.status,
  };
}

/** A document's findings; the first of each rule carries why the rule matters, so the report says it once. */
function findingsOf(messages: Finding[], explanation: ReportInput['explanation']): ReportFinding[] {
  const explained = new Set<string>();
  return messages.map((m) => {
    const first = !explained.has(m.ruleId) || m.detail !== undefined;
    explained.add(m.ruleId);
    return toFinding(m, first ? (m.detail ?? explanation?.(m.ruleId)) : undefined);
  });
}

/** Provision columns: every provision any document was checked for, grouped by area in rule-set order. */
function areaGroups(inputs: ReportInput[]): AreaGroup[] {
  const byArea = new Map<string, ProvisionColumn[]>();
  for (const { result } of inputs) {
    for (const p of result.provisions) {
      const columns = byArea.get(p.area) ?? [];
      if (!columns.some((c) => c.id === p.id)) columns.push({ id: p.id, title: p.title });
      byArea.set(p.area, columns);
    }
  }
  const known: AreaGroup[] = KEY_AREAS.map((a) => ({ id: a.id, label: a.label, provisions: byArea.get(a.id) ?? [] }));
  // An area outside the six (a county pack may not follow the schema's list in future) still shows.
  const other = [...byArea.keys()].filter((a) => !KEY_AREAS.some((k) => k.id === a));
  return [...known, ...other.map((a) => ({ id: a, label: a, provisions: byArea.get(a)! }))];
}

export function buildReport(inputs: ReportInput[], meta: { title: string; generated: string; version: string }): ReportData {
  const documents: DocumentRow[] = inputs.map(({ result, path, termKind, explanation, review }) => ({
    path,
    title: result.title?.trim() || path,
    docType: result.docType,
    docTypeGuessed: result.docTypeSource === 'guess',
    fatal: result.fatal,
    provisions: new Map(result.provisions.map((p) => [p.id, p])),
    csecOnlyTerms: result.messages.filter((m) => m.ruleId.startsWith('term/') && termKind(m.ruleId) === 'too-narrow').length,
    errors: result.fatal ? 0 : result.errorCount,
    warnings: result.warningCount,
    findings: findingsOf(result.messages, explanation),
    ...(review ? { review } : {}),
  }));
  const totals = { ...emptyCounts(), documents: documents.length, csecOnlyTerms: 0, errors: 0, warnings: 0, unreadable: 0 };
  for (const d of documents) {
    for (const p of d.provisions.values()) totals[p.status]++;
    totals.csecOnlyTerms += d.csecOnlyTerms;
    totals.errors += d.errors;
    totals.warnings += d.warnings;
    if (d.fatal) totals.unreadable++;
  }
  return { ...meta, areas: areaGroups(inputs), documents, totals };
}

/** Status counts of one area's provisions over all documents. */
export function areaCounts(data: ReportData, area: AreaGroup): StatusCounts {
  const counts = emptyCounts();
  for (const d of data.documents) {
    for (const column of area.provisions) {
      const p = d.provisions.get(column.id);
      if (p) counts[p.status]++;
    }
  }
  return counts;
}
