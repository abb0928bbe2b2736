// What the coverage report shows, computed from lint results: the provision
// columns grouped by key area, one row per document with its statuses, its
// count of CSEC-only terms and its findings (copies of one document in several
// formats make one row), the county-wide coverage of each provision, and the
// actions to take first. No HTML here (see html.ts).
import { basename, extname } from 'node:path';
import type { TermKind } from '../rules/pack.js';
import type { Format } from '../model.js';
import { isProvisionRule } from '../rule-id.js';
import type { DocType, Finding, LintResult, ProvisionResult, ProvisionStatus } from '../types.js';
import { LINTABLE_EXTENSIONS } from '../readers/formats.js';
import { plural } from './words.js';

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
  /** Path relative to the report's folder (of the copy whose findings the row shows). */
  path: string;
  /** Every copy of the document (the same text, or the same title and file name, in another format), this one first. */
  copies: string[];
  /** Formats of the copies, as their extensions say ("docx", "pdf", "md"). */
  formats: string[];
  /** Indices of the copies in the report's inputs. */
  inputs: number[];
  title: string;
  docType?: DocType;
  docTypeGuessed: boolean;
  /** What the document was read as: how its places are named (src/place.ts). */
  format?: Format;
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

/** A provision over the county's whole set of documents: its best status, and the documents that have it. */
export interface CountyCoverage {
  status: ProvisionStatus;
  /** Titles of the documents with that status (present or partial); none when absent or not applicable. */
  documents: string[];
}

/** One thing to do, most pressing first. */
export interface Action {
  kind: 'absent' | 'partial' | 'terms';
  text: string;
  /** The provision whose model language to use (absent, partial). */
  provision?: string;
  /** Row of the document to fix (terms): 1-based, as the report's document anchors. */
  document?: number;
}

export interface ReportData {
  title: string;
  generated: string;
  version: string;
  areas: AreaGroup[];
  documents: DocumentRow[];
  county: Map<string, CountyCoverage>;
  actions: Action[];
  /** Model language by provision id, for the provisions some document lacks. */
  models: Map<string, string>;
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
  /** The document's text, to find copies of it in other formats (the same words make one document). */
  text?: string;
}

const emptyCounts = (): StatusCounts => ({ present: 0, partial: 0, absent: 0, 'not-applicable': 0 });

function toFinding(m: Finding, why: string | undefined): ReportFinding {
  const isProvision = isProvisionRule(m.ruleId);
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

/** Higher is more covered. */
const RANK: Record<ProvisionStatus, number> = { 'not-applicable': 0, absent: 1, partial: 2, present: 3 };
/** Which copy's findings a row shows: the one an analyst edits first (the formats' order). */
const FORMAT_ORDER = LINTABLE_EXTENSIONS;

const normalized = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const stem = (path: string) => basename(path, extname(path)).toLowerCase();

/**
 * Copies of one document: the same normalized text, or the same title and base name (a PDF's text is laid out
 * differently from its Word original's). Each group lists its inputs, the preferred format first.
 */
function copiesOf(inputs: ReportInput[]): number[][] {
  const groups: number[][] = [];
  const byText = new Map<string, number[]>();
  const byName = new Map<string, number[]>();
  inputs.forEach((input, i) => {
    if (input.result.fatal) return void groups.push([i]);
    const text = input.text !== undefined ? normalized(input.text) : '';
    const name = `${stem(input.path)}\u0000${(input.result.title ?? '').trim().toLowerCase()}`;
    // An empty text is not a copy of another empty text.
    const group = (text && byText.get(text)) || (input.result.title?.trim() ? byName.get(name) : undefined);
    if (group) group.push(i);
    else groups.push([i]);
    const g = group ?? groups[groups.length - 1];
    if (text && !byText.has(text)) byText.set(text, g);
    if (!byName.has(name)) byName.set(name, g);
  });
  const order = (i: number) => {
    const at = FORMAT_ORDER.indexOf(extname(inputs[i].path).toLowerCase());
    return at === -1 ? FORMAT_ORDER.length : at;
  };
  return groups.map((g) => [...g].sort((a, b) => order(a) - order(b) || a - b));
}

/** The copies' statuses as one: the first copy's, unless another covers the provision better (coverage is never hidden). */
function mergedProvisions(results: LintResult[]): Map<string, ProvisionResult> {
  const merged = new Map(results[0].provisions.map((p) => [p.id, p]));
  for (const r of results.slice(1)) {
    for (const p of r.provisions) {
      const have = merged.get(p.id);
      if (!have || (RANK[p.status] > RANK[have.status] && (p.status === 'present' || p.status === 'partial'))) merged.set(p.id, p);
    }
  }
  return merged;
}

function countyCoverage(documents: DocumentRow[], areas: AreaGroup[]): Map<string, CountyCoverage> {
  const county = new Map<string, CountyCoverage>();
  for (const column of areas.flatMap((a) => a.provisions)) {
    const statuses = documents.flatMap((d) => {
      const p = d.provisions.get(column.id);
      return p && !d.fatal ? [{ d, status: p.status }] : [];
    });
    const best = statuses.reduce<ProvisionStatus>((s, x) => (RANK[x.status] > RANK[s] ? x.status : s), 'not-applicable');
    county.set(column.id, { status: best, documents: best === 'present' || best === 'partial' ? statuses.filter((x) => x.status === best).map((x) => x.d.title) : [] });
  }
  return county;
}

const quoted = (s: string) => `“${s}”`;

/** Absent provisions first (in the most documents first), then partial ones, then documents by CSEC-only terms. */
function actionsFor(documents: DocumentRow[], areas: AreaGroup[], county: Map<string, CountyCoverage>): Action[] {
  const titles = documents.map((d) => d.title);
  const where = (id: string, status: ProvisionStatus) => documents.filter((d) => !d.fatal && d.provisions.get(id)?.status === status).map((d) => titles[documents.indexOf(d)]);
  const columns = areas.flatMap((a) => a.provisions);
  const absent = columns
    .filter((c) => county.get(c.id)?.status === 'absent')
    .map((c) => ({ c, docs: where(c.id, 'absent') }))
    .sort((a, b) => b.docs.length - a.docs.length);
  const partial = columns
    .filter((c) => county.get(c.id)?.status === 'partial')
    .map((c) => ({ c, docs: where(c.id, 'partial') }))
    .sort((a, b) => b.docs.length - a.docs.length);
  // A long list of titles would bury the action: the first few, then how many more.
  const named = (docs: string[]) => (docs.length > 4 ? `${docs.slice(0, 3).join('; ')} and ${docs.length - 3} more` : docs.join('; '));
  return [
    ...absent.map(({ c, docs }) => ({ kind: 'absent' as const, provision: c.id, text: `Add ${quoted(c.title)}: no document covers it; absent from ${plural(docs.length, 'document')} it applies to (${named(docs)}).` })),
    ...partial.map(({ c, docs }) => ({ kind: 'partial' as const, provision: c.id, text: `Complete ${quoted(c.title)}: only partly covered, in ${named(docs)}.` })),
    ...documents
      .map((d, i) => ({ d, i }))
      .filter(({ d }) => d.csecOnlyTerms > 0)
      .sort((a, b) => b.d.csecOnlyTerms - a.d.csecOnlyTerms)
      .map(({ d, i }) => ({ kind: 'terms' as const, document: i + 1, text: `Replace ${plural(d.csecOnlyTerms, 'CSEC-only term')} in ${quoted(d.title)}.` })),
  ];
}

export function buildReport(inputs: ReportInput[], meta: { title: string; generated: string; version: string }): ReportData {
  const documents: DocumentRow[] = copiesOf(inputs).map((group) => {
    const { result, path, termKind, explanation, review } = inputs[group[0]];
    const ext = (i: number) => extname(inputs[i].path).slice(1).toLowerCase() || 'text';
    return {
    path,
    copies: group.map((i) => inputs[i].path),
    formats: group.map(ext),
    inputs: group,
    title: result.title?.trim() || path,
    docType: result.docType,
    docTypeGuessed: result.docTypeSource === 'guess',
    format: result.format,
    fatal: result.fatal,
    provisions: mergedProvisions(group.map((i) => inputs[i].result)),
    csecOnlyTerms: result.messages.filter((m) => termKind(m.ruleId) === 'too-narrow').length,
    errors: result.fatal ? 0 : result.errorCount,
    warnings: result.warningCount,
    findings: findingsOf(result.messages, explanation),
    ...(review ? { review } : {}),
  };
  });
  const totals = { ...emptyCounts(), documents: documents.length, csecOnlyTerms: 0, errors: 0, warnings: 0, unreadable: 0 };
  for (const d of documents) {
    for (const p of d.provisions.values()) totals[p.status]++;
    totals.csecOnlyTerms += d.csecOnlyTerms;
    totals.errors += d.errors;
    totals.warnings += d.warnings;
    if (d.fatal) totals.unreadable++;
  }
  const areas = areaGroups(inputs);
  const county = countyCoverage(documents, areas);
  const models = new Map<string, string>();
  for (const d of documents) for (const f of d.findings) if (f.model && !models.has(f.ruleId.slice('provision/'.length))) models.set(f.ruleId.slice('provision/'.length), f.model);
  return { ...meta, areas, documents, totals, county, actions: actionsFor(documents, areas, county), models };
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
