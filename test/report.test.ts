// The HTML coverage report (model and rendering as pure functions, then the
// `policylint report` command) and the progress bar.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createProgress, renderProgress } from '../src/cli/progress.js';
import { generatedAt } from '../src/cli/report.js';
import { renderReport } from '../src/report/html.js';
import { buildReport, KEY_AREAS, type ReportInput } from '../src/report/model.js';
import type { Finding, LintResult, ProvisionResult } from '../src/types.js';
import { runCli } from './helpers/cli.js';

const FIXTURES = fileURLToPath(new URL('./fixtures-config/', import.meta.url));
const META = { title: 'Sierra Vista <County> report', generated: '2024-05-01 12:00 UTC', version: '0.1.0' };

function provision(id: string, area: string, status: ProvisionResult['status']): ProvisionResult {
  return { id, title: `Title of ${id}`, area, status, line: 3, message: `Message for ${id}` };
}

function finding(ruleId: string, extra: Partial<Finding> = {}): Finding {
  return { ruleId, severity: 1, message: `msg ${ruleId}`, line: 3, column: 5, endLine: 3, endColumn: 9, block: 1, start: 0, end: 4, suggestions: [], citations: ['A citation'], ...extra };
}

function result(filePath: string, title: string | undefined, messages: Finding[], provisions: ProvisionResult[]): LintResult {
  return {
    filePath,
    title,
    messages,
    provisions,
    errorCount: messages.filter((m) => m.severity === 2).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
    fixableCount: 0,
    docType: 'protocol',
    docTypeSource: 'guess',
  };
}

const KINDS: Record<string, 'too-narrow' | 'stigmatizing'> = { 'term/csec': 'too-narrow', 'term/dmst': 'too-narrow', 'term/child-prostitute': 'stigmatizing' };
const input = (r: LintResult, path: string): ReportInput => ({ result: r, path, termKind: (id) => KINDS[id] });

describe('report model', () => {
  const a = result(
    '/x/a.md',
    'Alpha protocol',
    [finding('term/csec'), finding('term/csec'), finding('term/dmst'), finding('term/child-prostitute', { severity: 2 }), finding('provision/mdt-labor', { status: 'partial', detail: 'The MDT is limited to CSEC.', suggestions: [{ desc: 'Insert', text: 'MODEL TEXT' }] })],
    [provision('mdt-labor', 'protocols', 'partial'), provision('training-labor', 'training', 'absent')],
  );
  const b = result('/x/b.md', undefined, [], [provision('mdt-labor', 'protocols', 'present'), provision('training-labor', 'training', 'not-applicable')]);
  const explained = (r: LintResult, path: string): ReportInput => ({ ...input(r, path), explanation: (id) => `Why ${id} matters.` });
  const data = buildReport([explained(a, 'a.md'), explained(b, 'b.md')], META);

  it('counts CSEC-only (too-narrow) terms per document, not other kinds', () => {
    expect(data.documents.map((d) => d.csecOnlyTerms)).toEqual([3, 0]);
    expect(data.totals).toMatchObject({ documents: 2, csecOnlyTerms: 3, present: 1, partial: 1, absent: 1, 'not-applicable': 1, errors: 1, warnings: 4 });
  });

  it('groups provision columns by the six key areas, in the report’s order', () => {
    expect(data.areas.map((g) => g.id)).toEqual(KEY_AREAS.map((k) => k.id));
    expect(data.areas.find((g) => g.id === 'training')!.provisions).toEqual([{ id: 'training-labor', title: 'Title of training-labor' }]);
    expect(data.areas.find((g) => g.id === 'prevention')!.provisions).toEqual([]);
  });

  it('keeps citations and model text with each finding, and why a rule matters with its first finding in a document', () => {
    const f = data.documents[0].findings.find((x) => x.ruleId === 'provision/mdt-labor')!;
    expect(f).toMatchObject({ message: 'msg provision/mdt-labor', why: 'The MDT is limited to CSEC.', model: 'MODEL TEXT', citations: ['A citation'], status: 'partial' });
    const csec = data.documents[0].findings.filter((x) => x.ruleId === 'term/csec');
    expect(csec.map((x) => x.why)).toEqual(['Why term/csec matters.', undefined]);
    expect(data.documents[1].title).toBe('b.md');
    expect(renderReport(data)).toContain('<p class="why">Why term/csec matters.</p>');
  });
});

describe('report HTML', () => {
  const hostile = '<script>alert(1)</script>';
  const r = result('/x/evil.md', hostile, [finding('term/csec', { message: `"${hostile}" "quoted" & 'single'`, citations: [`<img src=x onerror=alert(2)>`] })], [provision('mdt-labor', 'protocols', 'absent')]);
  const html = renderReport(buildReport([input(r, `docs/"><b>.md`)], META));

  it('escapes every piece of document text', () => {
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).not.toContain('"><b>.md');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('data-path="docs/&quot;&gt;&lt;b&gt;.md"');
    expect(html).toContain('<title>Sierra Vista &lt;County&gt; report</title>');
  });

  it('is self-contained: no scripts, links, images, fonts or remote URLs, and a policy that forbids them', () => {
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/url\(|@import|@font-face|<[^>]+\s(src|href)="(?!#)/i);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';/);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('marks each cell with its status as a symbol and a word, and has a legend', () => {
    expect(html).toMatch(/<td class="cell s-absent[^"]*" data-provision="mdt-labor" data-status="absent" title="[^"]*"><span aria-hidden="true">✘<\/span><span class="sr">Absent<\/span><\/td>/);
    for (const word of ['Present', 'Partial', 'Absent', 'Not applicable']) expect(html).toMatch(new RegExp(`<li><span class="swatch [^"]+" aria-hidden="true">.</span><span><b>${word}</b>`));
  });
});

describe('policylint report', () => {
  it('lints folders like the lint command and writes one HTML file, silently when not on a terminal', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'policylint-report-')), 'nested', 'report.html');
    const run = await runCli(['report', 'coverage', '-o', out, '--title', 'Sierra Vista review'], { cwd: FIXTURES });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('');
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<h1>Sierra Vista review</h1>');
    expect(html.match(/<tr data-testid="doc-row" data-path=/g)).toHaveLength(4);
    expect(html).toMatch(/<tr data-testid="doc-row" data-path="coverage\/mou\/partner-mou\.md">.*data-provision="training-labor" data-status="not-applicable"/);
  });

  it('still writes the report when a file cannot be read, and exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policylint-report-'));
    writeFileSync(join(dir, 'good.md'), '# Interagency Protocol\n\nEach CSEC youth is served.\n');
    writeFileSync(join(dir, 'binary.md'), new Uint8Array([0x89, 0x50, 0, 0, 1]));
    const run = await runCli(['report', '.', '--no-config-lookup'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([`policylint: ${join(dir, 'binary.md')}: is a binary file, not text (policylint reads .md, .markdown, .txt, .docx and .pdf)`]);
    const html = readFileSync(join(dir, 'policylint-report.html'), 'utf8');
    expect(html).toMatch(/<td class="unreadable" colspan="\d+">Could not be read: is a binary file/);
  });

  it('stops on a broken config before writing anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policylint-report-'));
    writeFileSync(join(dir, '.policylintrc.yaml'), 'root: true\nrules:\n  term/csec: loud\n');
    writeFileSync(join(dir, 'doc.md'), '# Protocol\n');
    const run = await runCli(['report', '.'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\.policylintrc\.yaml:3: rules\.term\/csec: must be one of/);
    expect(existsSync(join(dir, 'policylint-report.html'))).toBe(false);
  });

  it('dates the report from SOURCE_DATE_EPOCH when set (reproducible output)', () => {
    expect(generatedAt({ SOURCE_DATE_EPOCH: '1714564800' })).toBe('2024-05-01 12:00 UTC');
  });
});

describe('progress bar', () => {
  it.each([
    [0, 4, 'a.md', 60, '[░░░░░░░░░░░░░░░░░░░░] 0/4  a.md'],
    [2, 4, 'docs/b.md', 60, '[██████████░░░░░░░░░░] 2/4  docs/b.md'],
    [4, 4, '', 60, '[████████████████████] 4/4'],
    [1, 3, 'policies/county/a-very-long-folder-name/protocol.md', 40, '[███████░░░░░░░░░░░░░] 1/3  …rotocol.md'],
    [12, 120, 'x.md', 80, '[██░░░░░░░░░░░░░░░░░░]  12/120  x.md'],
  ])('renders %i of %i (%s) in %i columns', (done, total, label, columns, expected) => {
    const line = renderProgress(done, total, label, columns);
    expect(line).toBe(expected);
    expect(line.length).toBeLessThan(columns);
  });

  function fakeStream(isTTY: boolean) {
    const writes: string[] = [];
    return { writes, stream: { isTTY, columns: 60, write: (s: string) => (writes.push(s), true) } };
  }

  it('draws on a terminal and erases itself when done', () => {
    const { writes, stream } = fakeStream(true);
    const progress = createProgress(stream, { total: 2 });
    progress.tick('a.md');
    progress.tick('b.md');
    progress.done();
    expect(writes).toEqual([`\r${renderProgress(1, 2, 'a.md', 60)}\u001b[K`, `\r${renderProgress(2, 2, 'b.md', 60)}\u001b[K`, '\r\u001b[K']);
  });

  it('assumes 80 columns when the terminal does not say', () => {
    const writes: string[] = [];
    const progress = createProgress({ isTTY: true, columns: 0, write: (s: string) => (writes.push(s), true) }, { total: 3 });
    progress.tick('a.md');
    expect(writes).toEqual([`\r${renderProgress(1, 3, 'a.md', 80)}\u001b[K`]);
  });

  it.each([
    ['not a terminal', false, {}],
    ['--quiet', true, { quiet: true }],
    ['a single file', true, { total: 1 }],
  ])('writes nothing for %s', (_, isTTY, options) => {
    const { writes, stream } = fakeStream(isTTY);
    const progress = createProgress(stream, { total: 5, ...options });
    progress.tick('a.md');
    progress.done();
    expect(writes).toEqual([]);
  });

  it('the lint command writes nothing to standard error for many files when it is not a terminal', async () => {
    const run = await runCli(['--format', 'json', 'coverage', 'discovery'], { cwd: FIXTURES });
    expect((JSON.parse(run.stdout) as unknown[]).length).toBe(8);
    expect(run.stderr).toBe('');
  });
});
