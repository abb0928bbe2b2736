// Scores lint results against annotated documents, with the annotation guide's definitions:
//   term recall      = expected spans hit / expected spans
//   term precision   = findings on expected spans / findings not on ambiguous spans
//   forbidden hits   = findings that overlap a forbidden span (false alarms even where they also hit an expected span)
//   provision agreement = annotated provisions whose reported status is accepted / provisions annotated
// A finding hits a span when their ranges overlap on the span's line. Term findings are the
// messages whose rule id starts with "term/".
import type { Excusal, Finding, LintResult, ProvisionStatus } from '../types.js';
import type { AnnotatedDocument, AnnotatedSpan } from './annotations.js';
import { isTermRule } from '../rule-id.js';

export interface Miss {
  path: string;
  line: number;
  column: number;
  text: string;
  category: string;
  note: string;
}

export interface FalseAlarm extends Miss {
  ruleId: string;
}

export interface Disagreement {
  path: string;
  provision: string;
  /** Reported status; `missing` when the provision was not reported for the document. */
  status: ProvisionStatus | 'missing';
  accepted: ProvisionStatus[];
  line?: number;
}

export interface CategoryCount {
  kind: 'expected' | 'forbidden' | 'unannotated';
  spans: number;
  /** Expected categories: spans hit. */
  hit?: number;
  /** Expected categories: spans missed. */
  missed?: number;
  /** Forbidden categories and unannotated text: findings there. */
  falseAlarms?: number;
}

/** What one detector kept quiet: spans it rightly kept from being flagged, and expected spans it silenced. */
export interface DetectorCount {
  /** Forbidden spans it kept from being flagged (and that no finding flagged): its hits. */
  forbidden: number;
  /** Expected spans it kept from being flagged (and that no finding flagged): misses it caused. */
  expected: number;
  /** Candidates on no annotated span, or only on ambiguous ones. */
  other: number;
}

export interface EvalReport {
  terms: {
    recall: number;
    precision: number;
    expected: number;
    hit: number;
    /** Term findings not on ambiguous spans (the precision denominator). */
    findings: number;
    forbiddenHits: number;
    byCategory: Record<string, CategoryCount>;
    /** Per detector (context id, quotation, name of record…), what it kept from being reported. */
    byDetector: Record<string, DetectorCount>;
  };
  provisions: {
    agreement: number;
    agreed: number;
    total: number;
    byId: Record<string, { agreed: number; total: number }>;
  };
  misses: Miss[];
  falseAlarms: FalseAlarm[];
  disagreements: Disagreement[];
  /** Documents that could not be linted: one line each. */
  unreadable: { path: string; problem: string }[];
}

/** Ranges as (line, column) pairs with an exclusive end; a span lies on one line. */
function overlaps(f: Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn'>, s: AnnotatedSpan): boolean {
  const startsBeforeSpanEnds = f.line < s.line || (f.line === s.line && f.column < s.endColumn);
  const endsAfterSpanStarts = f.endLine > s.line || (f.endLine === s.line && f.endColumn > s.column);
  return startsBeforeSpanEnds && endsAfterSpanStarts;
}

const ratio = (n: number, d: number): number => (d === 0 ? 1 : n / d);
const UNANNOTATED = 'unannotated';

/** `excusalsOf`: the terms the detectors kept from being reported in a document, when they were traced. */
/** Each detector is credited once per span it kept quiet, unless a finding flagged the span anyway. */
function creditDetectors(report: EvalReport, doc: AnnotatedDocument, findings: LintResult['messages'], excusals: Excusal[]): void {
  const credited = new Set<string>();
  for (const e of excusals) {
    const tally = (report.terms.byDetector[e.by] ??= { forbidden: 0, expected: 0, other: 0 });
    const spans = doc.terms.filter((s) => s.kind !== 'ambiguous' && overlaps(e, s) && !findings.some((f) => overlaps(f, s)));
    const fresh = spans.filter((s) => !credited.has(`${e.by}\u0000${s.line}:${s.column}`));
    for (const s of fresh) credited.add(`${e.by}\u0000${s.line}:${s.column}`);
    if (fresh.some((s) => s.kind === 'expected')) tally.expected++;
    else if (fresh.some((s) => s.kind === 'forbidden')) tally.forbidden++;
    else if (spans.length === 0) tally.other++;
  }
}

/** Each annotated provision: agreed when the reported status is one the annotation accepts. */
function scoreProvisions(report: EvalReport, doc: AnnotatedDocument, result: LintResult): void {
  for (const [id, accepted] of Object.entries(doc.provisions)) {
    const reported = result.provisions.find((p) => p.id === id);
    const tally = (report.provisions.byId[id] ??= { agreed: 0, total: 0 });
    report.provisions.total++;
    tally.total++;
    if (reported && accepted.includes(reported.status)) {
      report.provisions.agreed++;
      tally.agreed++;
    } else {
      report.disagreements.push({ path: doc.path, provision: id, status: reported?.status ?? 'missing', accepted, line: reported?.line });
    }
  }
}

export function scoreDocuments(docs: AnnotatedDocument[], resultOf: (doc: AnnotatedDocument) => LintResult, excusalsOf?: (doc: AnnotatedDocument) => Excusal[]): EvalReport {
  const report: EvalReport = {
    terms: { recall: 0, precision: 0, expected: 0, hit: 0, findings: 0, forbiddenHits: 0, byCategory: {}, byDetector: {} },
    provisions: { agreement: 0, agreed: 0, total: 0, byId: {} },
    misses: [],
    falseAlarms: [],
    disagreements: [],
    unreadable: [],
  };
  const byCategory = report.terms.byCategory;
  const count = (category: string, kind: CategoryCount['kind']): CategoryCount =>
    (byCategory[category] ??= kind === 'expected' ? { kind, spans: 0, hit: 0, missed: 0 } : { kind, spans: 0, falseAlarms: 0 });
  let onExpected = 0;

  for (const doc of docs) {
    const result = resultOf(doc);
    if (result.fatal) {
      report.unreadable.push({ path: doc.path, problem: result.fatal });
      continue;
    }
    const findings = result.messages.filter((m) => isTermRule(m.ruleId));
    for (const span of doc.terms) if (span.kind !== 'ambiguous') count(span.category ?? span.kind, span.kind).spans++;

    for (const span of doc.terms.filter((s) => s.kind === 'expected')) {
      report.terms.expected++;
      const category = count(span.category ?? 'expected', 'expected');
      if (findings.some((f) => overlaps(f, span))) {
        report.terms.hit++;
        category.hit!++;
      } else {
        category.missed!++;
        report.misses.push({ path: doc.path, line: span.line, column: span.column, text: span.text ?? '', category: span.category ?? 'expected', note: span.note ?? '' });
      }
    }

    for (const f of findings) {
      const spans = doc.terms.filter((s) => overlaps(f, s));
      const forbidden = spans.find((s) => s.kind === 'forbidden');
      const alarm = (category: string, note: string) => {
        count(category, forbidden ? 'forbidden' : UNANNOTATED).falseAlarms!++;
        report.falseAlarms.push({ path: doc.path, line: f.line, column: f.column, text: f.found ?? '', category, note, ruleId: f.ruleId });
      };
      if (forbidden) {
        report.terms.forbiddenHits++;
        report.terms.findings++;
        alarm(forbidden.category ?? 'forbidden', forbidden.note ?? '');
      } else if (spans.some((s) => s.kind === 'expected')) {
        report.terms.findings++;
        onExpected++;
      } else if (spans.length === 0) {
        report.terms.findings++;
        alarm(UNANNOTATED, 'flagged where no candidate phrase is annotated');
      }
      // Findings only on ambiguous spans are not scored.
    }

    creditDetectors(report, doc, findings, excusalsOf?.(doc) ?? []);
    scoreProvisions(report, doc, result);
  }

  report.terms.recall = ratio(report.terms.hit, report.terms.expected);
  report.terms.precision = ratio(onExpected, report.terms.findings);
  report.provisions.agreement = ratio(report.provisions.agreed, report.provisions.total);
  return report;
}
