// A short Markdown summary for a pull-request comment or a GitHub job summary
// (`-o "$GITHUB_STEP_SUMMARY"`): totals, a table of files with findings,
// provision coverage counts, and the first findings. Long runs are cut so the
// comment stays readable (and under GitHub's size limit).
import { displayPath } from '../report/paths.js';
import { plural } from '../report/words.js';
import { severityLabel } from '../severity.js';
import type { LintResult, ProvisionStatus } from '../types.js';
import type { FormatContext } from './types.js';
import { ruleHelpUri } from '../rules/descriptor.js';

export const MAX_FILE_ROWS = 50;
export const MAX_FINDINGS = 25;

const STATUSES: [ProvisionStatus, string][] = [['present', 'present'], ['partial', 'partial'], ['absent', 'absent'], ['not-applicable', 'not applicable']];

/** Text for a table cell or a list item: Markdown and HTML characters shown as written, one line. */
export function markdownText(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/([\\`*_[\]|#~])/g, '\\$1')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}


export function formatMarkdown(results: LintResult[], context: FormatContext): string {
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  const withFindings = results.filter((r) => r.fatal || r.messages.length > 0);
  const out: string[] = ['### policylint', ''];
  if (withFindings.length === 0) {
    out.push(`No problems found in ${plural(results.length, 'file')}.`);
  } else {
    out.push(`**${plural(errors, 'error')}** and **${plural(warnings, 'warning')}** in ${withFindings.length} of ${plural(results.length, 'file')}.`);
    out.push('', '| File | Errors | Warnings | Provisions present · partial · absent |', '| --- | ---: | ---: | --- |');
    for (const r of withFindings.slice(0, MAX_FILE_ROWS)) {
      const count = (s: ProvisionStatus) => r.provisions.filter((p) => p.status === s).length;
      const coverage = r.fatal ? `could not be read: ${markdownText(r.fatal)}` : r.provisions.length ? `${count('present')} · ${count('partial')} · ${count('absent')}` : '—';
      out.push(`| ${markdownText(displayPath(r.filePath, context.cwd))} | ${r.fatal ? 1 : r.errorCount} | ${r.warningCount} | ${coverage} |`);
    }
    if (withFindings.length > MAX_FILE_ROWS) out.push('', `…and ${plural(withFindings.length - MAX_FILE_ROWS, 'more file')} with findings.`);
  }

  const provisions = results.flatMap((r) => r.provisions);
  if (provisions.length > 0) {
    const counts = STATUSES.map(([s, label]) => `${provisions.filter((p) => p.status === s).length} ${label}`);
    const documents = results.filter((r) => r.provisions.length > 0).length;
    out.push('', `**Provision coverage** in ${plural(documents, 'document')}: ${counts.join(' · ')}.`);
  }

  const findings = results.flatMap((r) => r.messages.map((m) => ({ file: displayPath(r.filePath, context.cwd), m })));
  if (findings.length > 0) {
    const shown = findings.slice(0, MAX_FINDINGS);
    out.push('', `<details><summary>${shown.length === findings.length ? `All ${plural(findings.length, 'finding')}` : `First ${shown.length} of ${findings.length} findings`}</summary>`, '');
    out.push('| Where | Severity | Rule | Finding |', '| --- | --- | --- | --- |');
    for (const { file, m } of shown) {
      const rule = m.ruleId.includes('/') ? `[${markdownText(m.ruleId)}](${ruleHelpUri(m.ruleId)})` : markdownText(m.ruleId);
      out.push(`| ${markdownText(`${file}:${m.line}:${m.column}`)} | ${severityLabel(m.severity)} | ${rule} | ${markdownText(m.message)} |`);
    }
    out.push('', '</details>');
  }
  return out.join('\n') + '\n';
}
