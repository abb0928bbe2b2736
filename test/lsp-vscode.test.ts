// The VS Code extension package: `npm run package` in editors/vscode builds a
// self-contained .vsix whose bundled server lints with the bundled rules, run
// from a folder with no node_modules anywhere near it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodeActionRequest, type CodeAction } from 'vscode-languageserver-protocol/node';
import { para, wordPackage } from './helpers/docx-build.js';
import { buildPdf, column } from './helpers/pdf-build.js';
import { fileUri, startLsp } from './helpers/lsp-client.js';

const EXTENSION = fileURLToPath(new URL('../editors/vscode/', import.meta.url));
// The extension's own dev dependencies (esbuild, vsce) are installed by
// `npm ci --prefix editors/vscode`. Without them the tests skip, except in CI,
// where they must run (and fail with that hint).
const installed = existsSync(join(EXTENSION, 'node_modules', '.bin', 'vsce'));
const skip = !installed && !process.env.CI;

let entries: Record<string, Uint8Array>;
let unpacked: string;

beforeAll(() => {
  if (skip) return;
  if (!installed) throw new Error('editors/vscode has no node_modules: run `npm ci --prefix editors/vscode` first');
  const vsix = join(EXTENSION, 'policylint.vsix');
  rmSync(vsix, { force: true });
  const run = spawnSync('npm', ['run', 'package'], { cwd: EXTENSION, encoding: 'utf8', timeout: 180_000 });
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
  entries = unzipSync(readFileSync(vsix));
  unpacked = mkdtempSync(join(tmpdir(), 'policylint-vsix-'));
  for (const [name, data] of Object.entries(entries)) {
    if (name.endsWith('/')) continue;
    mkdirSync(dirname(join(unpacked, name)), { recursive: true });
    writeFileSync(join(unpacked, name), data);
  }
}, 240_000);

afterAll(() => {
  if (unpacked) rmSync(unpacked, { recursive: true, force: true });
});

describe.skipIf(skip)('the VS Code extension (.vsix)', () => {
  it('holds the client, the server, the rules and the schemas, and a manifest that names them', () => {
    const names = Object.keys(entries);
    expect(names).toEqual(expect.arrayContaining([
      'extension/package.json',
      'extension/readme.md',
      'extension/LICENSE.txt',
      'extension/dist/extension.js',
      'extension/dist/server/lsp/main.mjs',
      'extension/dist/server/readers/pdf-worker.js',
      'extension/dist/server/readers/package.json',
      'extension/dist/schema/rule-pack.schema.json',
      'extension/dist/schema/config.schema.json',
    ]));
    const rules = readdirOfRepo('rules').map((f) => `extension/dist/rules/${f}`);
    expect(names).toEqual(expect.arrayContaining(rules));
    expect(names.filter((n) => n.includes('node_modules') || n.endsWith('.map') || n.includes('/src/'))).toEqual([]);

    const manifest = JSON.parse(strFromU8(entries['extension/package.json'])) as {
      main: string;
      engines: { vscode: string };
      contributes: { commands: { command: string }[]; configuration: { properties: Record<string, unknown> } };
    };
    expect(entries[`extension/${manifest.main.replace(/^\.\//, '')}`]).toBeDefined();
    expect(manifest.engines.vscode).toBe('^1.91.0');
    expect(manifest.contributes.commands.map((c) => c.command)).toEqual(['policylint.lintWorkspace']);
    expect(Object.keys(manifest.contributes.configuration.properties).sort()).toEqual(['policylint.configFile', 'policylint.docType', 'policylint.enable', 'policylint.rulePacks']);
    const client = strFromU8(entries['extension/dist/extension.js']);
    expect(client).toContain('policylint.lintWorkspace');
    expect(client).toContain('policylint/lintWorkspace');
  });

  it("type-checks (esbuild strips types without checking them)", () => {
    const run = spawnSync('npm', ['run', 'typecheck'], { cwd: EXTENSION, encoding: 'utf8', timeout: 120_000 });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
  }, 120_000);

  it('runs its bundled server from the unpacked package: diagnostics, quick fixes and config files', async () => {
    const root = mkdtempSync(join(tmpdir(), 'policylint-vsix-ws-'));
    try {
      writeFileSync(join(root, '.policylintrc.json'), JSON.stringify({ rules: { 'provision/*': 'off' } }));
      const { client } = await startLsp({ root, serverPath: join(unpacked, 'extension/dist/server/lsp/main.mjs') });
      const uri = fileUri(join(root, 'policy.md'));
      client.open(uri, '# Policy\n\nAn MDT will be convened for each CSEC youth.\n');
      const { diagnostics } = await client.waitForDiagnostics(uri);
      expect(diagnostics.map((d) => d.code), diagnostics[0]?.message).toEqual(['term/csec']);
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: diagnostics[0].range,
        context: { diagnostics },
      })) as CodeAction[];
      expect(actions[0]).toMatchObject({ title: 'Replace with "youth affected by child trafficking"', isPreferred: true });

      // Word files too: the bundle carries the Word reader's dependencies.
      const docx = join(root, 'protocol.docx');
      writeFileSync(docx, wordPackage({ body: para(['Each CSEC youth is screened.']) }));
      client.open(fileUri(docx), '', 'plaintext');
      const word = await client.waitForDiagnostics(fileUri(docx));
      expect(word.diagnostics.map((d) => [d.code, d.range.start])).toEqual([['term/csec', { line: 0, character: 5 }]]);

      // And PDFs: the PDF reader's worker thread, with pdf.js, is bundled beside the server.
      const pdf = join(root, 'protocol.pdf');
      writeFileSync(pdf, buildPdf([column(['Each CSEC youth is screened.'], 72)]));
      client.open(fileUri(pdf), '', 'plaintext');
      const fromPdf = await client.waitForDiagnostics(fileUri(pdf));
      expect(fromPdf.diagnostics.map((d) => [d.code, d.range.start, d.message.slice(0, 8)]), fromPdf.diagnostics[0]?.message).toEqual([['term/csec', { line: 0, character: 5 }, 'Page 1: ']]);
      expect(await client.stop()).toBe(0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

function readdirOfRepo(folder: string): string[] {
  return readdirSync(fileURLToPath(new URL(`../${folder}/`, import.meta.url))).filter((f) => /\.ya?ml$/.test(f));
}
