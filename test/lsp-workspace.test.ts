// Word documents (read-only, by paragraph) and "Lint Workspace", which fills
// the Problems panel with every policy in the workspace folders.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CodeActionRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import type { ConfigOverrides } from '../src/config/index.js';
import { Engine } from '../src/engine.js';
import { LINT_WORKSPACE_REQUEST, type LintWorkspaceResult } from '../src/lsp/protocol.js';
import { para, wordPackage } from './helpers/docx-build.js';
import { fileUri, LspClient, startLsp } from './helpers/lsp-client.js';

/** The engine, called as the tests call the core. */
const engine = new Engine();
const lintFile = (filePath: string, overrides?: ConfigOverrides) => engine.lintFile(filePath, { overrides });

let root: string;
let client: LspClient;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'policylint-lsp-ws-'));
});
afterEach(async () => {
  expect(await client.stop()).toBe(0);
  rmSync(root, { recursive: true, force: true });
});

function writeDocx(path: string): void {
  const body = [
    para(['Sierra Vista County Protocol'], '<w:pStyle w:val="Title"/>'),
    para(['Each youth is screened at intake.']),
    para(['An MDT will be convened for each ', 'CSEC youth', '.']),
  ].join('');
  writeFileSync(path, wordPackage({ body }));
}

describe('Word documents', () => {
  it('are linted from disk by paragraph, with no code actions', async () => {
    const path = join(root, 'protocol.docx');
    writeDocx(path);
    ({ client } = await startLsp({ root }));
    const uri = fileUri(path);
    // What an editor sends for a binary file is not the document: the server reads the file.
    client.open(uri, 'PK\u0003\u0004 binary', 'plaintext');
    const { diagnostics } = await client.waitForDiagnostics(uri);
    const { result } = await lintFile(path);
    expect(diagnostics.map((d) => d.code)).toEqual(result.messages.map((m) => m.ruleId));
    const csec = diagnostics.find((d) => d.code === 'term/csec')!;
    const finding = result.messages.find((m) => m.ruleId === 'term/csec')!;
    expect(finding).toMatchObject({ line: 3, column: 34, endLine: 3, endColumn: 44 });
    expect(csec.range).toEqual({ start: { line: 2, character: 33 }, end: { line: 2, character: 43 } });
    expect(csec.data).toMatchObject({ version: null });

    const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: csec.range, context: { diagnostics: [csec] } });
    expect(actions).toEqual([]);
    expect(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: csec.range.start })).toBeNull();
  });

  it('reports a file that is not a Word document as one error', async () => {
    const path = join(root, 'broken.docx');
    writeFileSync(path, 'this is not a zip');
    ({ client } = await startLsp({ root }));
    client.open(fileUri(path), '', 'plaintext');
    const { diagnostics } = await client.waitForDiagnostics(fileUri(path));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/^policylint could not lint this file: /);
  });
});

describe('Lint Workspace', () => {
  it('publishes diagnostics for every policy in the workspace that is not open', async () => {
    mkdirSync(join(root, 'policies', 'archive'), { recursive: true });
    mkdirSync(join(root, 'node_modules', 'pkg'), { recursive: true });
    writeFileSync(join(root, 'policies', 'mdt.md'), '# MDT\n\nAn MDT will be convened for each CSEC youth.\n');
    writeFileSync(join(root, 'policies', 'archive', 'screening.txt'), 'SCREENING\n\nEach CSEC youth is screened.\n');
    writeFileSync(join(root, 'policies', 'open.md'), '# Open\n\nA CSEC youth.\n');
    writeFileSync(join(root, 'node_modules', 'pkg', 'README.md'), 'A CSEC youth.\n');
    writeFileSync(join(root, 'notes.json'), '{}');
    writeDocx(join(root, 'policies', 'protocol.docx'));
    ({ client } = await startLsp({ root }));
    const open = fileUri(join(root, 'policies', 'open.md'));
    client.open(open, '# Open\n\nNothing to flag here.\n');
    await client.waitForDiagnostics(open);

    const summary = (await client.connection.sendRequest(LINT_WORKSPACE_REQUEST, {})) as LintWorkspaceResult;
    const expected = ['policies/mdt.md', 'policies/archive/screening.txt', 'policies/protocol.docx'];
    expect(summary).toMatchObject({ files: 3, filesWithProblems: 3, cancelled: false });
    let total = 0;
    for (const rel of expected) {
      const published = client.published(fileUri(join(root, rel)));
      expect(published, rel).toHaveLength(1);
      expect(published[0].diagnostics.map((d) => d.code), rel).toContain('term/csec');
      total += published[0].diagnostics.length;
    }
    expect(summary.problems).toBe(total);
    // The open document keeps the editor's text; node_modules is skipped.
    expect(client.published(open)).toHaveLength(1);
    expect(client.published(open)[0].diagnostics.map((d) => d.code)).not.toContain('term/csec');
    expect(client.published(fileUri(join(root, 'node_modules', 'pkg', 'README.md')))).toEqual([]);

    // Opening and closing a linted file returns it to its on-disk findings, not to nothing.
    const mdt = fileUri(join(root, 'policies', 'mdt.md'));
    client.open(mdt, '# MDT\n\nNothing here.\n');
    await client.waitForDiagnostics(mdt, undefined, 1);
    client.close(mdt);
    const reverted = await client.waitForDiagnostics(mdt, undefined, 2);
    expect(reverted.diagnostics.map((d) => d.code)).toContain('term/csec');
  });
});
