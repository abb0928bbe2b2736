// ESLint's JSON result shape, plus policylint's `docType` and `provisions`, and on
// each term message the words it is about as `found`, and on PDF findings their `page` (ESLint allows extra fields).
import type { LintResult } from '../types.js';

export function formatJson(results: LintResult[]): string {
  return JSON.stringify(
    results.map((r) => ({
      filePath: r.filePath,
      messages: r.fatal
        ? [{ ruleId: null, fatal: true, severity: 2, message: r.fatal, line: 1, column: 1 }]
        : r.messages.map((m) => ({
            ruleId: m.ruleId,
            severity: m.severity,
            message: m.message,
            ...(m.page !== undefined ? { page: m.page } : {}),
            line: m.line,
            column: m.column,
            endLine: m.endLine,
            endColumn: m.endColumn,
            ...(m.found !== undefined ? { found: m.found } : {}),
            ...(m.fix ? { fix: { text: m.fix.text } } : {}),
            suggestions: m.suggestions.map((s) => ({ desc: s.desc, text: s.text })),
            ...(m.status ? { status: m.status } : {}),
            citations: m.citations,
          })),
      errorCount: r.errorCount,
      warningCount: r.warningCount,
      fixableWarningCount: r.messages.filter((m) => m.fix && m.severity === 1).length,
      fixableErrorCount: r.messages.filter((m) => m.fix && m.severity === 2).length,
      ...(r.docType ? { docType: r.docType, docTypeSource: r.docTypeSource } : {}),
      provisions: r.provisions.map((p) => ({ id: p.id, status: p.status, ...(p.page !== undefined ? { page: p.page } : {}), line: p.line, message: p.message })),
    })),
    null,
    2,
  );
}
