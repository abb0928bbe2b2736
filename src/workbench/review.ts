// The documents under review, held in memory only, and what the workbench
// makes from them: the page's view of a document, and the downloads (Word
// redline, fixed Markdown or text, HTML or Markdown report). Every one comes
// from the same core as the command line: readDocumentFile, the engine,
// redlineForFindings, fixEdits, renderReport, formatMarkdown.
import { createHash, randomUUID } from 'node:crypto';
import { basename, extname, join } from 'node:path';
import type { ConfigOverrides, ResolvedConfig } from '../config/index.js';
import { Engine } from '../engine.js';
import { ConfigError, ReadError } from '../errors.js';
import { applyEdits, fixEdits } from '../fix/text-edits.js';
import { checkRedlineParts } from '../fix/docx-redline.js';
import { redlineForFindings } from '../fix/redline.js';
import { replacementFix, replacementsOf } from '../fix/replacements.js';
import { placeLabel } from '../place.js';
import { entryIdOf, isProvisionRule, ruleIdOf } from '../rule-id.js';
import { termKindIn } from '../rules/descriptor.js';
import type { PolicyDocument } from '../model.js';
import { INPUT_FORMATS, inputFormat, readDocumentFile } from '../readers/index.js';
import { renderReport } from '../report/html.js';
import { buildReport, type DocumentReview, type ReviewedFinding } from '../report/model.js';
import { reviewMarkdown } from '../report/review-markdown.js';
import { formatMarkdown } from '../reporters/markdown.js';
import type { Finding, LintResult } from '../types.js';
import { exceptionsPack, nameAround, type ExceptionSource } from './exceptions.js';
import type { Decision, DocumentView, ExceptionRequest, MatrixView, RedlineRequest, ReviewDecision, RuleView } from './view.js';

/** What the workbench reviews: every format policylint reads; a PDF read-only (it cannot carry tracked changes). */
export const WORKBENCH_EXTENSIONS: string[] = INPUT_FORMATS.filter((f) => f.reviewable).flatMap((f) => f.extensions);
/** The extensions a person is told the workbench reads. */
export const READABLE = '.docx, .md, .markdown, .txt and .pdf';

/** The one line a PDF's review says about what it cannot offer. */
export const PDF_READ_ONLY = 'A PDF cannot carry tracked changes: decide the findings here and download the report; mark up the Word original for a redline.';

/** Author of tracked changes and comments when the analyst gives no name. */
const DEFAULT_AUTHOR = 'policylint';

/** Where a finding is, as the command line counts: "paragraph 4" in Word, "page 2, line 7" in a PDF, else "line 9". */
function locationOf(doc: PolicyDocument, f: Finding): string {
  return placeLabel(doc.format, { line: f.line, page: f.page });
}

/** A document's words, to find its copies in other formats. */
const textOf = (doc: PolicyDocument) => doc.blocks.map((b) => b.text).join('\n');

/** A problem with what the page sent: shown to the analyst as it is. */
export class ReviewError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

interface Reviewed {
  id: string;
  name: string;
  bytes: Uint8Array;
  doc: PolicyDocument;
  config: ResolvedConfig;
  result: LintResult;
  hash: string;
}

export interface Download {
  name: string;
  type: string;
  body: Uint8Array | string;
  /** Accepted changes that could not be made (the words run through formatting), left for the analyst. */
  skipped?: number;
}

/** Enough for a morning's review; the oldest document is forgotten first. */
const MAX_DOCUMENTS = 100;

const isProvision = (f: Finding) => isProvisionRule(f.ruleId);

/** The file name an upload gives, without any folder (it names nothing on this computer). */
export function uploadName(raw: string | undefined): string {
  let name = raw ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // Not percent-encoded: used as sent.
  }
  name = basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f]/g, '').trim();
  if (!name) throw new ReviewError('the upload has no file name');
  return name;
}

export class ReviewStore {
  private readonly documents = new Map<string, Reviewed>();

  /** `folder` stands in for the upload's own folder when looking for a .policylintrc (the folder serve runs in). */
  constructor(
    private readonly folder: string,
    private readonly overrides: ConfigOverrides = {},
    private readonly engine: Engine = new Engine(),
  ) {}

  /** Reads and lints an upload; a file policylint cannot read is a ReviewError naming the file and the problem. */
  async add(name: string, bytes: Uint8Array): Promise<DocumentView> {
    const ext = extname(name).toLowerCase();
    if (!WORKBENCH_EXTENSIONS.includes(ext)) throw new ReviewError(`${name}: policylint reads ${READABLE} files`, 415);
    const filePath = join(this.folder, name);
    let doc: PolicyDocument;
    let config: ResolvedConfig;
    try {
      config = this.engine.configFor(filePath, this.overrides);
      const read = readDocumentFile(name, bytes);
      doc = read instanceof Promise ? await read : read;
      // The redline reads parts the reader does not: a damaged one is said now, not at the download.
      if (inputFormat(doc.format).fixMode === 'redline') checkRedlineParts(name, bytes);
    } catch (e) {
      if (e instanceof ReadError) throw new ReviewError(`${name}: ${e.problem}`, 422);
      if (e instanceof ConfigError) throw new ReviewError(`${name}: ${e.message}`, 422);
      throw e;
    }
    const result = this.engine.lintDocument(doc, config);
    const id = randomUUID();
    const hash = createHash('sha256').update(bytes).digest('hex');
    this.documents.set(id, { id, name, bytes, doc, config, result, hash });
    if (this.documents.size > MAX_DOCUMENTS) this.documents.delete(this.documents.keys().next().value!);
    return this.view(id);
  }

  private get(id: string): Reviewed {
    const r = this.documents.get(id);
    if (!r) throw new ReviewError('this document is no longer open in the workbench; choose the file again', 404);
    return r;
  }

  view(id: string): DocumentView {
    const { name, doc, result, config, hash } = this.get(id);
    const format = inputFormat(doc.format);
    const set = this.engine.ruleSetFor(config);
    const rules: Record<string, RuleView> = {};
    const explain = (ruleId: string) => {
      const rule = set.rules.get(ruleId);
      if (rule && !rules[ruleId]) rules[ruleId] = { title: rule.title, why: rule.why };
    };
    const sources = new Map<string, string>();
    const findings = result.messages.flatMap((f, index) => {
      if (isProvision(f) || f.block < 0) return [];
      explain(f.ruleId);
      // Sources are sent once per rule: thousands of findings citing the same ones would make a large document's view heavy.
      const cited = f.citations.join('\n');
      if (!sources.has(f.ruleId) && rules[f.ruleId]) {
        sources.set(f.ruleId, cited);
        rules[f.ruleId].citations = f.citations;
      }
      return [{
        index,
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        block: f.block,
        start: f.start,
        end: f.end,
        line: f.line,
        column: f.column,
        found: f.found,
        choices: replacementsOf(f).map((s) => s.text),
        safe: f.fix !== undefined,
        ...(sources.get(f.ruleId) === cited ? {} : { citations: f.citations }),
      }];
    });
    const provisionFindings = new Map(result.messages.filter(isProvision).map((f) => [f.ruleId, f]));
    const provisions = result.provisions.map((p) => {
      const ruleId = ruleIdOf('provision', p.id);
      const finding = provisionFindings.get(ruleId);
      const rule = set.rules.get(ruleId);
      explain(ruleId);
      return {
        id: p.id,
        title: p.title,
        area: p.area,
        status: p.status,
        line: p.line,
        block: p.block,
        message: p.message,
        model: p.status === 'partial' || p.status === 'absent' ? (finding?.suggestions[0]?.text ?? rule?.model) : undefined,
        citations: finding?.citations ?? rule?.citations.map((c) => c.text) ?? [],
      };
    });
    return {
      id,
      hash,
      name,
      ...(format.fixMode === 'none' ? { readOnly: PDF_READ_ONLY } : {}),
      format: doc.format,
      formatName: format.name,
      fixMode: format.fixMode,
      placeNoun: format.placeNoun,
      title: doc.title?.trim() || name,
      docType: result.docType,
      blocks: doc.blocks.map((b) => ({ kind: b.kind, text: b.text, level: b.level, line: b.line })),
      findings,
      provisions,
      rules,
    };
  }

  /** The accepted findings, each with the replacement the analyst chose as its fix. */
  private accepted(r: Reviewed, decisions: Decision[]): Finding[] {
    const chosen = new Map<number, Finding>();
    for (const d of decisions) {
      const f = r.result.messages[d.finding];
      if (!f || isProvision(f)) throw new ReviewError(`no finding ${d.finding} in ${r.name}`);
      const pick = replacementsOf(f)[d.choice];
      if (!pick) throw new ReviewError(`finding ${d.finding} in ${r.name} has no replacement ${d.choice}`);
      // The analyst's own wording replaces the same words the offered one would.
      const text = typeof d.text === 'string' && d.text.trim() ? d.text.trim() : pick.text;
      chosen.set(d.finding, { ...f, fix: replacementFix(r.doc, f, pick, text) });
    }
    return [...chosen.values()];
  }

  redline(id: string, request: RedlineRequest): Download {
    const r = this.get(id);
    if (inputFormat(r.doc.format).fixMode !== 'redline') throw new ReviewError(`${r.name} is not a Word document; download the fixed text instead`);
    const comments = new Set(request.comments);
    const provisions = r.result.messages.filter((f) => {
      const provision = entryIdOf(f.ruleId, 'provision');
      return provision !== undefined && comments.has(provision);
    });
    const author = request.reviewer?.trim() || DEFAULT_AUTHOR;
    let bytes: Uint8Array;
    try {
      bytes = redlineForFindings(r.bytes, r.doc, [...this.accepted(r, request.accepted), ...provisions], new Date(), author);
    } catch (e) {
      if (e instanceof ReadError) throw new ReviewError(`${r.name}: ${e.problem}; no redline was made`, 422);
      throw e;
    }
    return { name: `${basename(r.name, extname(r.name))}.policylint.docx`, type: inputFormat('docx').mediaType, body: bytes };
  }

  /** The Markdown or text with the accepted replacements made, as `policylint --fix` makes them. */
  fixed(id: string, decisions: Decision[]): Download {
    const r = this.get(id);
    if (r.doc.source.kind !== 'text') throw new ReviewError(`${r.name} is a Word document; download the redline instead`);
    const accepted = this.accepted(r, decisions);
    const edits = fixEdits(accepted);
    const ext = extname(r.name);
    return {
      name: `${basename(r.name, ext)}.policylint${ext}`,
      type: inputFormat(r.doc.format).mediaType,
      body: applyEdits(r.doc.source.text, edits),
      skipped: accepted.length - edits.length,
    };
  }

  /** Every term finding of a document with the analyst's decision on it (pending when none), and the counts. */
  private review(r: Reviewed, decisions: ReviewDecision[] | undefined, reviewer: string | undefined): DocumentReview {
    const byFinding = new Map((decisions ?? []).map((d) => [d.finding, d]));
    const findings = r.result.messages.flatMap((f, index): ReviewedFinding[] => {
      if (isProvision(f) || f.block < 0) return [];
      const d = byFinding.get(index);
      const base = { where: locationOf(r.doc, f), ruleId: f.ruleId, found: f.found ?? r.doc.blocks[f.block]?.text.slice(f.start, f.end) };
      if (d?.state === 'accepted') {
        const offered = replacementsOf(f)[d.choice]?.text;
        return [{ ...base, state: 'accepted' as const, wording: (typeof d.text === 'string' && d.text.trim()) || offered }];
      }
      return [{ ...base, state: d?.state === 'rejected' ? ('rejected' as const) : ('pending' as const) }];
    });
    const count = (state: string) => findings.filter((f) => f.state === state).length;
    return { ...(reviewer?.trim() ? { reviewer: reviewer.trim() } : {}), accepted: count('accepted'), rejected: count('rejected'), pending: count('pending'), findings };
  }

  report(ids: string[], format: 'html' | 'markdown', meta: { title: string; generated: string; version: string }, decisions?: Record<string, ReviewDecision[]>, reviewer?: string): Download {
    const docs = ids.map((id) => this.get(id));
    if (docs.length === 0) throw new ReviewError('no documents to report on');
    const stem = docs.length === 1 ? basename(docs[0].name, extname(docs[0].name)) : 'policylint';
    const reviews = docs.map((d) => this.review(d, decisions?.[d.id], reviewer));
    if (format === 'markdown') {
      const summary = formatMarkdown(docs.map((d) => d.result), { color: false, cwd: this.folder });
      return { name: `${stem}-report.md`, type: 'text/markdown; charset=utf-8', body: summary + reviewMarkdown(docs.map((d, i) => ({ name: d.name, review: reviews[i] }))) };
    }
    const data = buildReport(
      docs.map((d, i) => ({ result: d.result, path: d.name, termKind: termKindIn(this.engine.ruleSetFor(d.config)), review: reviews[i], text: textOf(d.doc) })),
      meta,
    );
    return { name: `${stem}-report.html`, type: 'text/html; charset=utf-8', body: renderReport(data) };
  }

  /** The county rule-pack fragment that stops the rejected findings the analyst marked from being flagged again. */
  exceptions(request: ExceptionRequest): Download {
    const sources: ExceptionSource[] = request.items.map((item) => {
      const r = this.get(item.id);
      const f = r.result.messages[item.finding];
      if (!f || isProvision(f) || f.block < 0) throw new ReviewError(`no finding ${item.finding} in ${r.name}`);
      if (item.kind !== 'name-of-record' && item.kind !== 'allow') throw new ReviewError('an exception is a name of record or an allowed phrase');
      const text = r.doc.blocks[f.block]?.text ?? '';
      const found = item.kind === 'name-of-record' ? nameAround(text, f.start, f.end) : (f.found ?? text.slice(f.start, f.end));
      const kind = this.engine.ruleSetFor(r.config).terms.get(f.ruleId.slice('term/'.length))?.kind;
      return { kind: item.kind, found, termKind: kind, document: r.name, where: locationOf(r.doc, f) };
    });
    return { name: 'county-exceptions.policylint.yaml', type: 'application/yaml; charset=utf-8', body: exceptionsPack(sources) };
  }

  /** Documents × provisions, grouped by key area as in `policylint report`. */
  matrix(ids: string[]): MatrixView {
    const docs = ids.map((id) => this.get(id));
    const data = buildReport(docs.map((d) => ({ result: d.result, path: d.name, termKind: () => undefined, text: textOf(d.doc) })), { title: '', generated: '', version: '' });
    // Copies of one document (Word, PDF, Markdown) make one row, opening the copy listed first.
    return {
      areas: data.areas.filter((a) => a.provisions.length > 0),
      documents: data.documents.map((row) => ({
        id: docs[row.inputs[0]].id,
        name: row.copies.join(' · '),
        title: row.title,
        statuses: Object.fromEntries([...row.provisions].map(([id, p]) => [id, p.status])),
      })),
    };
  }
}
