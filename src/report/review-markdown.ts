// The analyst's workbench decisions as Markdown, after the summary of
// `--format markdown`: per document, how many findings were accepted, rejected
// and are still to review, then each one with its wording.
import type { DocumentReview } from './model.js';

/** Pipes and line breaks would end a table cell early. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

export function reviewMarkdown(documents: { name: string; review: DocumentReview }[]): string {
  const out: string[] = ['', '### Review decisions'];
  for (const { name, review: r } of documents) {
    out.push('', `#### ${cell(name)}`, '', `${r.accepted} accepted · ${r.rejected} rejected · ${r.pending} still to review${r.reviewer ? ` · reviewed by ${cell(r.reviewer)}` : ''}`);
    if (r.findings.length === 0) continue;
    out.push('', '| Where | Rule | Decision | Wording |', '| --- | --- | --- | --- |');
    for (const f of r.findings) {
      const found = `“${cell(f.found ?? '')}”`;
      const wording = f.state === 'accepted' ? `${found} → “${cell(f.wording ?? '')}”` : f.state === 'rejected' ? `${found} left as written` : found;
      out.push(`| ${f.where} | \`${f.ruleId}\` | ${f.state === 'pending' ? 'still to review' : f.state} | ${wording} |`);
    }
  }
  return `${out.join('\n')}\n`;
}
