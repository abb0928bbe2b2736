// JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure):
// one <testsuite> per file, one failing <testcase> per finding, and one passing
// <testcase> for a file without findings, in the shape of ESLint's junit format.
import { displayPath } from '../report/paths.js';
import { severityLabel } from '../severity.js';
import type { LintResult } from '../types.js';
import type { FormatContext } from './types.js';

/** Text safe in an XML attribute or element: escaped, with characters XML 1.0 forbids removed. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** The file's name without extension, with dots for folders, as JUnit class names read. */
function className(file: string): string {
  return file.replace(/\.[^./]+$/, '').replace(/\//g, '.');
}

export function formatJunit(results: LintResult[], context: FormatContext): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  for (const r of results) {
    const file = displayPath(r.filePath, context.cwd);
    const cases: string[] = [];
    let suiteFailures = 0;
    let suiteErrors = 0;
    if (r.fatal) {
      suiteErrors++;
      cases.push(`    <testcase time="0" name="${xmlEscape(`${file}: could not be read`)}" classname="${xmlEscape(className(file))}">\n      <error message="${xmlEscape(r.fatal)}">${xmlEscape(r.fatal)}</error>\n    </testcase>`);
    }
    for (const m of r.messages) {
      suiteFailures++;
      const label = severityLabel(m.severity);
      // ESLint's junit: the label capitalised in the detail, lower case as the failure's type.
      const detail = `line ${m.line}, col ${m.column}, ${label[0].toUpperCase()}${label.slice(1)} - ${m.message} (${m.ruleId})`;
      cases.push(
        `    <testcase time="0" name="${xmlEscape(`${m.ruleId} (${m.line}:${m.column})`)}" classname="${xmlEscape(className(file))}">\n` +
          `      <failure message="${xmlEscape(m.message)}" type="${label}">${xmlEscape(detail)}</failure>\n` +
          '    </testcase>',
      );
    }
    if (cases.length === 0) cases.push(`    <testcase time="0" name="${xmlEscape(file)}" classname="${xmlEscape(className(file))}" />`);
    tests += cases.length;
    failures += suiteFailures;
    errors += suiteErrors;
    suites.push(
      `  <testsuite package="policylint" time="0" tests="${cases.length}" failures="${suiteFailures}" errors="${suiteErrors}" name="${xmlEscape(file)}">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<testsuites name="policylint" tests="${tests}" failures="${failures}" errors="${errors}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
