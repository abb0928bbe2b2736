// The report's only stylesheet, inlined: no fonts, images or scripts are
// fetched, so the file opens the same from a shared drive, an email or offline.
// Statuses have a colour, a symbol and a word, so they read in greyscale print
// and for people who do not tell the colours apart.
export const REPORT_CSS = `
:root { --present: #dff5e3; --present-ink: #14532d; --partial: #fff1c2; --partial-ink: #6b4500;
  --absent: #fde2e1; --absent-ink: #8a1020; --na: #eeeeee; --na-ink: #4a4a4a; --line: #c9ced6; --ink: #1f2328; --muted: #57606a; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1400px; padding: 24px; color: var(--ink);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.2rem; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1rem; margin: 16px 0 6px; }
.meta, .path, .note { color: var(--muted); font-size: 0.85rem; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.totals { display: flex; flex-wrap: wrap; gap: 8px; padding: 0; list-style: none; }
.totals li { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; min-width: 9em; }
.totals b { display: block; font-size: 1.4rem; }
.legend { display: flex; flex-wrap: wrap; gap: 8px 20px; padding: 0; list-style: none; }
.legend li { display: flex; align-items: center; gap: 8px; }
.swatch { display: inline-block; width: 2em; text-align: center; border: 1px solid var(--line); border-radius: 4px; font-weight: 700; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; }
.matrix th, .matrix td { border: 1px solid var(--line); padding: 4px 6px; }
.matrix thead th { background: #f6f8fa; font-weight: 600; vertical-align: bottom; }
.matrix th.area { text-align: center; }
.matrix th.provision { font-weight: 500; font-size: 0.8rem; height: 14em; width: 2.6em; padding: 6px 2px; }
.matrix th.provision span { writing-mode: vertical-rl; transform: rotate(180deg); display: inline-block; max-height: 13.5em; text-align: left; }
.matrix th.area-start, .matrix td.area-start { border-left: 2px solid #8c959f; }
.matrix tbody th { text-align: left; font-weight: 600; min-width: 14em; max-width: 26em; }
.matrix td.num, .matrix td.type { text-align: center; white-space: nowrap; }
.cell { text-align: center; font-weight: 700; font-size: 1.05rem; }
.s-present { background: var(--present); color: var(--present-ink); }
.s-partial { background: var(--partial); color: var(--partial-ink); }
.s-absent { background: var(--absent); color: var(--absent-ink); }
.s-not-applicable { background: var(--na); color: var(--na-ink); }
.s-not-checked { background: #fff; color: var(--muted); }
.unreadable { color: var(--absent-ink); font-style: italic; }
.areas th, .areas td, .provisions th, .provisions td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
.areas td.num { text-align: right; }
details { border: 1px solid var(--line); border-radius: 6px; margin: 8px 0; padding: 0 12px; }
details[open] { padding-bottom: 12px; }
summary { cursor: pointer; padding: 8px 0; }
summary .doc-title { font-weight: 600; }
.findings { padding-left: 1.4em; }
.finding { margin: 10px 0; }
.finding .head { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; }
.sev { border-radius: 4px; padding: 0 6px; font-size: 0.8rem; font-weight: 700; text-transform: uppercase; }
.sev-2 .sev { background: var(--absent); color: var(--absent-ink); }
.sev-1 .sev { background: var(--partial); color: var(--partial-ink); }
.sev-0 .sev { background: var(--na); color: var(--na-ink); }
.finding p { margin: 4px 0; }
blockquote.model { margin: 6px 0; padding: 6px 12px; border-left: 4px solid var(--present-ink); background: #f6f8fa; white-space: pre-line; }
.sources { font-size: 0.85rem; color: var(--muted); }
.sources ul { margin: 2px 0; padding-left: 1.2em; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.85em; }
.matrix tr.county th, .matrix tr.county td { border-top: 3px double #8c959f; }
.formats { font-size: 0.75rem; font-weight: 700; color: var(--muted); letter-spacing: 0.04em; }
.actions li { margin: 4px 0; }
.actions li.action-absent::marker { color: var(--absent-ink); }
.actions li.action-partial::marker { color: var(--partial-ink); }
.model-language h3 { margin-top: 12px; }
.model-see { display: none; }
/* Printed: landscape pages, the matrix header on each page, the colours kept, each document's details (opened) on
   a page of its own. */
@page { size: landscape; margin: 10mm; }
@media print {
  html, body, * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  html { font-size: 10px; }
  body { max-width: none; padding: 0; font-size: 10px; }
  .scroll { overflow: visible; }
  .matrix thead { display: table-header-group; }
  .matrix tr { break-inside: avoid; }
  .matrix th.provision { height: 11em; }
  .matrix th.provision span { max-height: 10.5em; }
  .matrix .path, .matrix .formats { font-size: 0.85em; font-weight: normal; }
  .matrix tbody th { min-width: 9em; max-width: 16em; }
  .matrix th.provision { width: auto; }
  details { break-before: page; border: none; padding: 0; margin: 0; }
  details::details-content { content-visibility: visible; display: block; }
  summary { list-style: none; font-size: 1.1rem; }
  summary::-webkit-details-marker { display: none; }
  .finding, .model-language { break-inside: avoid; }
  /* On paper each model text is printed once, under Model language, not again under every document that lacks it. */
  .finding blockquote.model, .finding .model-label { display: none; }
  .finding .model-see { display: block; }
}
`;
