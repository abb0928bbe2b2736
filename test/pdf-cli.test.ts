// PDFs through the real entry points: the command line (stylish, JSON, SARIF,
// --fix, --redline, stdin, a batch with a damaged PDF), `policylint report`,
// and the language server (open and "Lint Workspace"). PDFs are built by hand.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINT_WORKSPACE_REQUEST, type LintWorkspaceResult } from '../src/lsp/protocol.js';
import { runCli } from './helpers/cli.js';
import { fileUri, startLsp } from './helpers/lsp-client.js';
import { buildPdf, column } from './helpers/pdf-build.js';

let dir: string;
let protocol: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'policylint-pdf-cli-'));
  protocol = join(dir, 'protocol.pdf');
  writeFileSync(
    protocol,
    buildPdf([
      [{ text: 'Child Trafficking Protocol', x: 72, y: 740, size: 20 }, ...column(['Each youth is screened for sex and labor trafficking.'], 72, 700)],
      column(['An MDT will be convened for each CSEC youth.'], 72, 700),
    ]),
  );
  writeFileSync(join(dir, 'damaged.pdf'), '%PDF-1.7\nthis file was cut off');
  writeFileSync(join(dir, 'notes.md'), '# Notes\n\nA CSEC youth.\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('policylint on PDFs', () => {
  it('lints PDFs found in a folder, reports a damaged one in one line and lints the rest', async () => {
    const run = await runCli(['--no-config-lookup', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([`policylint: ${join(dir, 'damaged.pdf')}: is not a PDF or is damaged beyond repair (Invalid PDF structure.)`]);
    // Stylish: file.pdf, then page N:line:column.
    expect(run.stdout).toMatch(/protocol\.pdf\n[\s\S]*  page 2, line 1 +warning  "CSEC youth"/);
    expect(run.stdout).toMatch(/notes\.md\n[\s\S]*  3:3 +warning  "CSEC youth"/);
    // Only the Markdown finding is fixable: a PDF's replacements are suggestions.
    expect(run.stdout).toMatch(/ 1 problem potentially fixable with the `--fix` option/);
  });

  it('gives the page in JSON and SARIF', async () => {
    const json = JSON.parse((await runCli(['--no-config-lookup', '--format', 'json', protocol])).stdout);
    const csec = json[0].messages.find((m: { ruleId: string }) => m.ruleId === 'term/csec');
    expect(csec).toMatchObject({ page: 2, line: 1, column: 34, endLine: 1, endColumn: 44, found: 'CSEC youth' });
    expect(csec.fix).toBeUndefined();
    const sarif = JSON.parse((await runCli(['--no-config-lookup', '--format', 'sarif', protocol])).stdout);
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'term/csec');
    expect(result.locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 34, endLine: 1, endColumn: 44 });
    expect(result.properties).toEqual({ page: 2 });
    expect(result.fixes).toBeUndefined();
  });

  it('says PDFs are read-only on --fix and --redline, and leaves the file as it was', async () => {
    const before = readFileSync(protocol);
    const fix = await runCli(['--no-config-lookup', '--fix', protocol]);
    expect(fix.stderr).toBe(`policylint: ${protocol}: not changed: PDFs are read-only; lint the Word original (.docx) with --fix or --redline to get the changes\n`);
    expect(readFileSync(protocol).equals(before)).toBe(true);
    const redline = await runCli(['--no-config-lookup', '--redline', join(dir, 'out.docx'), protocol]);
    expect(redline.code).toBe(2);
    expect(redline.stderr).toBe(`policylint: --redline cannot mark up ${protocol}: PDFs are read-only; lint the Word original (.docx) with --redline instead\n`);
    const stdin = await runCli(['--no-config-lookup', '--stdin', '--stdin-filename', 'in.pdf'], { input: readFileSync(protocol, 'latin1') });
    expect(stdin.stderr).toBe("policylint: in.pdf: is a PDF: policylint reads PDFs from disk (give the file's path), not as text\n");
  });

  it('puts PDFs in the coverage report with their pages', async () => {
    const out = join(dir, 'report.html');
    const run = await runCli(['report', '--no-config-lookup', '--quiet', protocol, '-o', out]);
    expect(run.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('protocol.pdf');
    expect(html).toContain('Page 2, line 1</span>');
  });
});

describe('the language server on PDFs', () => {
  it('lints an opened PDF from disk and includes PDFs in Lint Workspace', async () => {
    const { client } = await startLsp({ root: dir });
    try {
      const uri = fileUri(protocol);
      // What an editor sends for a binary file is not the document: the server reads the file.
      client.open(uri, '%PDF-1.4 binary', 'plaintext');
      const { diagnostics } = await client.waitForDiagnostics(uri);
      const csec = diagnostics.find((d) => d.code === 'term/csec')!;
      expect(csec.message).toMatch(/^Page 2: "CSEC youth"/);
      expect(csec.range).toEqual({ start: { line: 0, character: 33 }, end: { line: 0, character: 43 } });
      client.close(uri);
      const summary = (await client.connection.sendRequest(LINT_WORKSPACE_REQUEST, {})) as LintWorkspaceResult;
      expect(summary).toMatchObject({ files: 3, filesWithProblems: 3 });
      const damaged = client.published(fileUri(join(dir, 'damaged.pdf')));
      expect(damaged[damaged.length - 1].diagnostics[0].message).toBe('policylint could not lint this file: is not a PDF or is damaged beyond repair (Invalid PDF structure.)');
    } finally {
      expect(await client.stop()).toBe(0);
    }
  });
});
