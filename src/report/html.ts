// Renders the coverage report as one self-contained HTML file: a matrix of
// documents × provisions (columns grouped by key area), a summary by area, and
// a detail view per document. No scripts at all, and a Content-Security-Policy
// that forbids them, so the file is safe to open wherever it is sent.
import type { ProvisionResult, ProvisionStatus } from '../types.js';
import type { Format } from '../model.js';
import { placeLabel, type At } from '../place.js';
import { severityLabel } from '../severity.js';
import { plural, pluralWord } from './words.js';
import { escapeHtml as esc } from './escape.js';
import { areaCounts, type AreaGroup, type CountyCoverage, type DocumentReview, type DocumentRow, type ReportData, type ReportFinding } from './model.js';
import { REPORT_CSS } from './styles.js';

type CellStatus = ProvisionStatus | 'not-checked';

/** Symbol, word and explanation for each status: a cell never relies on colour alone. */
export const STATUS_LEGEND: Record<CellStatus, { symbol: string; label: string; meaning: string }> = {
  present: { symbol: '✔', label: 'Present', meaning: 'the document covers the provision, labor trafficking included' },
  partial: { symbol: '◐', label: 'Partial', meaning: 'the topic is there, but limited to CSEC or sex trafficking, or missing a required element' },
  absent: { symbol: '✘', label: 'Absent', meaning: 'the document does not address the topic' },
  'not-applicable': { symbol: '–', label: 'Not applicable', meaning: 'the provision does not apply to this type of document' },
  'not-checked': { symbol: '·', label: 'Not checked', meaning: 'the rules this document was linted with do not include the provision' },
};

const CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** A place in words, capitalised to open a line ("Paragraph 12", "Page 3, line 12", "Line 12, column 5"). */
const Place = (format: Format | undefined, at: At) => {
  const label = placeLabel(format, at);
  return label[0].toUpperCase() + label.slice(1);
};

function cell(p: ProvisionResult | undefined, column: { id: string; title: string }, areaStart: boolean, format: Format | undefined): string {
  const status: CellStatus = p?.status ?? 'not-checked';
  const legend = STATUS_LEGEND[status];
  const where = p && (p.status === 'present' || p.status === 'partial') ? ` (${placeLabel(format, p)})` : '';
  const tip = `${column.title}: ${legend.label}${where}${p && p.status !== 'present' ? `. ${p.message}` : ''}`;
  const classes = `cell s-${status}${areaStart ? ' area-start' : ''}`;
  return `<td class="${classes}" data-provision="${esc(column.id)}" data-status="${status}" title="${esc(tip)}"><span aria-hidden="true">${legend.symbol}</span><span class="sr">${legend.label}</span></td>`;
}

function matrix(data: ReportData, areas: AreaGroup[]): string {
  const columns = areas.flatMap((a) => a.provisions.map((p, i) => ({ ...p, areaStart: i === 0 })));
  const head1 = areas.map((a) => `<th scope="colgroup" colspan="${a.provisions.length}" class="area area-start">${esc(a.label)}</th>`).join('');
  const head2 = columns.map((c) => `<th scope="col" class="provision${c.areaStart ? ' area-start' : ''}" title="${esc(`${c.title} (provision/${c.id})`)}"><span>${esc(c.title)}</span></th>`).join('');
  const rows = data.documents.map((d, i) => {
    const formats = d.copies.length > 1 ? `<div class="formats" data-formats="${esc(d.formats.join(' '))}">${d.formats.map((f) => esc(f.toUpperCase())).join(' · ')}</div>` : '';
    const name = `<th scope="row"><a href="#doc-${i + 1}">${esc(d.title)}</a>${formats}<div class="path">${d.copies.map(esc).join('<br>')}</div></th>`;
    const row = `<tr data-testid="doc-row" data-path="${esc(d.path)}">`;
    if (d.fatal) return `${row}${name}<td class="unreadable" colspan="${columns.length + 2}">Could not be read: ${esc(d.fatal)}</td></tr>`;
    const type = `<td class="type">${esc(d.docType ?? '')}${d.docTypeGuessed ? '<span title="guessed from the title and text">*</span>' : ''}</td>`;
    const terms = `<td class="num" data-csec-only-terms="${d.csecOnlyTerms}">${d.csecOnlyTerms}</td>`;
    return `${row}${name}${type}${terms}${columns.map((c) => cell(d.provisions.get(c.id), c, c.areaStart, d.format)).join('')}</tr>`;
  });
  rows.push(countyRow(data, columns));
  return `<div class="scroll"><table class="matrix">
<thead>
<tr><th scope="col" rowspan="2">Document</th><th scope="col" rowspan="2">Type</th><th scope="col" rowspan="2" title="Term findings of kind too-narrow: wording that names sex trafficking only">CSEC-only terms</th>${head1}</tr>
<tr>${head2}</tr>
</thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>
<p class="note">* Document type guessed from the title and text; set it with <code>docType</code> in a .policylintrc file or <code>--doc-type</code>.</p>`;
}

function countyCell(c: { id: string; title: string; areaStart: boolean }, coverage: CountyCoverage | undefined): string {
  const status: CellStatus = coverage?.status ?? 'not-checked';
  const l = STATUS_LEGEND[status];
  const by = coverage?.documents.length ? `: ${coverage.documents.join('; ')}` : status === 'absent' ? ': no document covers it' : '';
  const tip = `${c.title}: ${l.label}${by}`;
  return `<td class="cell s-${status}${c.areaStart ? ' area-start' : ''}" data-provision="${esc(c.id)}" data-status="${status}" data-covered-by="${esc(coverage?.documents.join('; ') ?? '')}" title="${esc(tip)}"><span aria-hidden="true">${l.symbol}</span><span class="sr">${esc(tip)}</span></td>`;
}

/** For each provision, whether any document of the set covers it, and which. */
function countyRow(data: ReportData, columns: { id: string; title: string; areaStart: boolean }[]): string {
  const terms = data.documents.reduce((n, d) => n + d.csecOnlyTerms, 0);
  return `<tr data-testid="county-row" class="county"><th scope="row">County-wide<div class="path">any document of the set (hover a cell for which)</div></th><td class="type"></td><td class="num">${terms}</td>${columns.map((c) => countyCell(c, data.county.get(c.id))).join('')}</tr>`;
}

/** What to fix first, each provision linking to its model language and each document to its details. */
function actionList(data: ReportData): string {
  if (data.actions.length === 0) return '<p>Nothing to fix: every provision is covered and no CSEC-only term was found.</p>';
  const items = data.actions.map((a) => {
    const link = a.provision && data.models.has(a.provision) ? ` <a href="#model-${esc(a.provision)}">Model language</a>` : a.document ? ` <a href="#doc-${a.document}">Findings</a>` : '';
    return `<li class="action-${a.kind}"${a.provision ? ` data-provision="${esc(a.provision)}"` : ''}>${esc(a.text)}${link}</li>`;
  });
  return `<ol class="actions" data-testid="action-list">${items.join('')}</ol>`;
}

function modelLanguage(data: ReportData, areas: AreaGroup[]): string {
  const items = areas.flatMap((a) => a.provisions).filter((c) => data.models.has(c.id));
  if (items.length === 0) return '';
  return `<h2>Model language</h2>${items.map((c) => `<section class="model-language" id="model-${esc(c.id)}"><h3>${esc(c.title)}</h3><blockquote class="model">${esc(data.models.get(c.id)!)}</blockquote></section>`).join('')}`;
}

function legend(): string {
  const items = (Object.keys(STATUS_LEGEND) as CellStatus[]).map((s) => {
    const l = STATUS_LEGEND[s];
    return `<li><span class="swatch s-${s}" aria-hidden="true">${l.symbol}</span><span><b>${l.label}</b>: ${esc(l.meaning)}</span></li>`;
  });
  return `<ul class="legend">${items.join('')}</ul>`;
}

function totals(data: ReportData): string {
  const t = data.totals;
  const item = (n: number, label: string) => `<li><b>${n}</b>${esc(label)}</li>`;
  return `<ul class="totals">${[
    item(t.documents, pluralWord(t.documents, 'document')),
    item(t.present, 'provisions present'),
    item(t.partial, 'partial'),
    item(t.absent, 'absent'),
    item(t.csecOnlyTerms, 'CSEC-only terms'),
    item(t.errors, pluralWord(t.errors, 'error')),
    item(t.warnings, pluralWord(t.warnings, 'warning')),
    ...(t.unreadable ? [item(t.unreadable, 'could not be read')] : []),
  ].join('')}</ul>`;
}

function areaTable(data: ReportData): string {
  const rows = data.areas.map((a) => {
    if (a.provisions.length === 0) return `<tr><th scope="row">${esc(a.label)}</th><td colspan="5" class="note">No provision checks in this area.</td></tr>`;
    const c = areaCounts(data, a);
    return `<tr><th scope="row">${esc(a.label)}</th><td>${a.provisions.map((p) => esc(p.title)).join('<br>')}</td><td class="num">${c.present}</td><td class="num">${c.partial}</td><td class="num">${c.absent}</td><td class="num">${c['not-applicable']}</td></tr>`;
  });
  return `<table class="areas"><thead><tr><th scope="col">Key area</th><th scope="col">Provisions checked</th><th scope="col">Present</th><th scope="col">Partial</th><th scope="col">Absent</th><th scope="col">Not applicable</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function findingItem(f: ReportFinding, format: Format | undefined): string {
  const parts = [
    `<div class="head"><span class="sev">${severityLabel(f.severity)}</span><span>${Place(format, f)}</span><code>${esc(f.ruleId)}</code>${f.status ? `<span>(${esc(STATUS_LEGEND[f.status].label.toLowerCase())})</span>` : ''}</div>`,
    `<p>${esc(f.message)}</p>`,
  ];
  if (f.why) parts.push(`<p class="why">${esc(f.why)}</p>`);
  if (f.replacement) parts.push(`<p>Suggested wording: “${esc(f.replacement)}”</p>`);
  if (f.model) parts.push(`<p class="model-label">Model language to add:</p><blockquote class="model">${esc(f.model)}</blockquote><p class="model-see">Model language to add: see “Model language”.</p>`);
  if (f.citations.length) parts.push(`<div class="sources">Sources<ul>${f.citations.map((c) => `<li>${esc(c)}</li>`).join('')}</ul></div>`);
  return `<li class="finding sev-${f.severity}">${parts.join('')}</li>`;
}

const DECISION_LABEL = { accepted: 'Accepted', rejected: 'Rejected', pending: 'Still to review' } as const;

/** The analyst's decisions in the workbench: counts, then each finding with its wording. */
function reviewSection(r: DocumentReview): string {
  const rows = r.findings.map((f) => {
    const what = f.state === 'accepted' ? `“${esc(f.found ?? '')}” → “${esc(f.wording ?? '')}”` : f.state === 'rejected' ? `“${esc(f.found ?? '')}” left as written` : `“${esc(f.found ?? '')}”`;
    return `<tr data-decision="${f.state}"><td>${esc(f.where)}</td><td><code>${esc(f.ruleId)}</code></td><td>${DECISION_LABEL[f.state]}</td><td>${what}</td></tr>`;
  });
  return `<h3>Review</h3><p class="review-counts" data-accepted="${r.accepted}" data-rejected="${r.rejected}" data-pending="${r.pending}">${r.accepted} accepted · ${r.rejected} rejected · ${r.pending} still to review${r.reviewer ? ` · reviewed by ${esc(r.reviewer)}` : ''}</p>${
    rows.length ? `<table class="provisions decisions"><thead><tr><th scope="col">Where</th><th scope="col">Rule</th><th scope="col">Decision</th><th scope="col">Wording</th></tr></thead><tbody>${rows.join('')}</tbody></table>` : ''
  }`;
}

function documentDetail(d: DocumentRow, index: number, areas: AreaGroup[]): string {
  const summary = `<summary><span class="doc-title">${esc(d.title)}</span> <span class="path">${esc(d.path)}</span> — ${
    d.fatal ? 'could not be read' : `${plural(d.errors, 'error')}, ${plural(d.warnings, 'warning')}, ${plural(d.csecOnlyTerms, 'CSEC-only term')}`
  }</summary>`;
  if (d.fatal) return `<details id="doc-${index}">${summary}<p class="unreadable">${esc(d.fatal)}</p></details>`;
  const provisionRows = areas.flatMap((a) =>
    a.provisions
      .map((c) => d.provisions.get(c.id))
      .filter((p): p is ProvisionResult => p !== undefined)
      .map((p) => {
        const l = STATUS_LEGEND[p.status];
        const where = p.status === 'present' || p.status === 'partial' ? placeLabel(d.format, p) : '';
        return `<tr><td>${esc(a.label)}</td><td>${esc(p.title)}</td><td class="s-${p.status}"><span aria-hidden="true">${l.symbol}</span> ${l.label}</td><td>${where}</td><td>${esc(p.message)}</td></tr>`;
      }),
  );
  const type = d.docType ? `<p class="note">Document type: ${esc(d.docType)}${d.docTypeGuessed ? ' (guessed from the title and text)' : ''}.</p>` : '';
  const provisions = provisionRows.length
    ? `<h3>Provisions</h3><table class="provisions"><thead><tr><th scope="col">Key area</th><th scope="col">Provision</th><th scope="col">Status</th><th scope="col">Where</th><th scope="col">What policylint found</th></tr></thead><tbody>${provisionRows.join('')}</tbody></table>`
    : '';
  const findings = d.findings.length ? `<h3>Findings</h3><ol class="findings">${d.findings.map((f) => findingItem(f, d.format)).join('')}</ol>` : '<p>No findings.</p>';
  const copies = d.copies.length > 1 ? `<p class="note">The same document as ${d.copies.map(esc).join(', ')}; findings are those of ${esc(d.path)}.</p>` : '';
  return `<details id="doc-${index}">${summary}${copies}${type}${d.review ? reviewSection(d.review) : ''}${provisions}${findings}</details>`;
}

export function renderReport(data: ReportData): string {
  const areas = data.areas.filter((a) => a.provisions.length > 0);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="generator" content="policylint ${esc(data.version)}">
<title>${esc(data.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>${esc(data.title)}</h1>
<p class="meta">${plural(data.totals.documents, 'document')} · generated ${esc(data.generated)} by policylint ${esc(data.version)}</p>
</header>
<main>
${totals(data)}
<h2>What to fix first</h2>
${actionList(data)}
<h2>Legend</h2>
${legend()}
<h2>Coverage by document</h2>
${areas.length ? matrix(data, areas) : '<p>No provisions were checked.</p>'}
<h2>By key area</h2>
${areaTable(data)}
${modelLanguage(data, areas)}
<h2 class="documents">Documents</h2>
${data.documents.map((d, i) => documentDetail(d, i + 1, areas)).join('\n')}
</main>
</body>
</html>
`;
}
