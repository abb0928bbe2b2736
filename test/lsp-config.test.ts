// The server uses the same config files and rule packs as the CLI, and lints
// open documents again when they change on disk or in the editor's settings.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol/node';
import { fileUri, LspClient, startLsp, type StartOptions } from './helpers/lsp-client.js';

const POLICY = '# Placement Policy\n\nA runaway is a CSEC youth and is placed with care.\n';

function pack(term: string): string {
  return `pack: sierra-vista-county
citations:
  sv-style:
    text: Sierra Vista County Style Guide (2024), section 3
    source: guidance
terms:
  - id: county-label
    kind: stigmatizing
    title: A county-specific label
    why: The county style guide describes the behavior, not the young person.
    citations: [sv-style]
    forms:
      - match: ["${term}"]
        replace: ["youth who ran away"]
`;
}

let root: string;
let client: LspClient;
let uri: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'policylint-lsp-config-'));
  writeFileSync(join(root, 'placement.md'), POLICY);
  uri = fileUri(join(root, 'placement.md'));
});
afterEach(async () => {
  expect(await client.stop()).toBe(0);
  rmSync(root, { recursive: true, force: true });
});

async function start(options: StartOptions = {}) {
  ({ client } = await startLsp({ root, ...options }));
}

const codes = (p: { diagnostics: { code?: string | number }[] }) => p.diagnostics.map((d) => String(d.code)).filter((c) => c.startsWith('term/'));

function fileChanged(path: string, type: FileChangeType = FileChangeType.Changed) {
  return client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: fileUri(path), type }] });
}

describe('config files', () => {
  it('asks the editor to watch config files and packs, and to tell it when policylint settings change', async () => {
    await start();
    await client.waitFor('two registrations', () => (client.registrations.length >= 2 ? true : undefined));
    expect(client.registrations.find((r) => r.method === 'workspace/didChangeConfiguration')?.registerOptions).toEqual({ section: 'policylint' });
    const watch = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles')!;
    const globs = (watch.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
    expect(globs).toEqual(expect.arrayContaining(['**/.policylintrc*', '**/*.{yaml,yml}']));
  });

  it('applies a .policylintrc.json written while the document is open', async () => {
    await start();
    client.open(uri, POLICY);
    const first = await client.waitForDiagnostics(uri);
    expect(codes(first)).toEqual(['term/csec']);

    writeFileSync(join(root, '.policylintrc.json'), JSON.stringify({ rules: { 'term/csec': 'off' } }));
    await fileChanged(join(root, '.policylintrc.json'), FileChangeType.Created);
    const after = await client.waitForDiagnostics(uri, (p) => codes(p).length === 0, client.published(uri).length);
    expect(after.version).toBe(1);

    // Removing it brings the finding back.
    rmSync(join(root, '.policylintrc.json'));
    await fileChanged(join(root, '.policylintrc.json'), FileChangeType.Deleted);
    const back = await client.waitForDiagnostics(uri, (p) => codes(p).length > 0, client.published(uri).length);
    expect(codes(back)).toEqual(['term/csec']);
  });

  it('reports a broken config file as one error at the top, and recovers when it is fixed', async () => {
    await start();
    writeFileSync(join(root, '.policylintrc.json'), '{ "rules": { "term/csec": "sometimes" } }');
    client.open(uri, POLICY);
    const broken = await client.waitForDiagnostics(uri);
    expect(broken.diagnostics).toHaveLength(1);
    expect(broken.diagnostics[0]).toMatchObject({ severity: 1, range: { start: { line: 0, character: 0 } } });
    expect(broken.diagnostics[0].message).toMatch(/^policylint could not lint this file: .*\.policylintrc\.json/);

    writeFileSync(join(root, '.policylintrc.json'), '{ "rules": { "term/csec": "error" } }');
    await fileChanged(join(root, '.policylintrc.json'));
    const fixed = await client.waitForDiagnostics(uri, (p) => codes(p).length > 0, client.published(uri).length);
    expect(fixed.diagnostics.find((d) => d.code === 'term/csec')!.severity).toBe(1);
  });
});

describe('rule packs from settings', () => {
  it('uses policylint.rulePacks from workspace/configuration and reloads a pack that changes', async () => {
    writeFileSync(join(root, 'county.yaml'), pack('runaway{s}'));
    await start({ settings: { rulePacks: ['county.yaml'] } });
    client.open(uri, POLICY);
    const first = await client.waitForDiagnostics(uri);
    expect(codes(first).sort()).toEqual(['term/county-label', 'term/csec']);
    expect(first.diagnostics.find((d) => d.code === 'term/county-label')!.range).toEqual({ start: { line: 2, character: 2 }, end: { line: 2, character: 9 } });

    writeFileSync(join(root, 'county.yaml'), pack('placed'));
    await fileChanged(join(root, 'county.yaml'));
    const after = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'term/county-label' && d.range.start.character === POLICY.split('\n')[2].indexOf('placed')), client.published(uri).length);
    expect(codes(after).sort()).toEqual(['term/county-label', 'term/csec']);
  });

  it('takes settings from initializationOptions when the editor has no workspace/configuration', async () => {
    writeFileSync(join(root, 'county.yaml'), pack('runaway{s}'));
    await start({ initializationOptions: { rulePacks: [join(root, 'county.yaml')] }, capabilities: {} });
    client.open(uri, POLICY);
    expect(codes(await client.waitForDiagnostics(uri)).sort()).toEqual(['term/county-label', 'term/csec']);
  });

  it('reports a pack with a mistake with its file and line', async () => {
    writeFileSync(join(root, 'county.yaml'), pack('runaway{s}').replace('kind: stigmatizing', 'kind: rude'));
    await start({ settings: { rulePacks: ['county.yaml'] } });
    client.open(uri, POLICY);
    const [problem] = (await client.waitForDiagnostics(uri)).diagnostics;
    expect(problem.message).toContain(`${join(root, 'county.yaml')}:8`);
  });

  it('follows settings pushed with didChangeConfiguration: disable, then enable', async () => {
    await start({ capabilities: {} });
    client.open(uri, POLICY);
    await client.waitForDiagnostics(uri, (p) => codes(p).length > 0);
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { policylint: { enable: false } } });
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0, 1);
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { policylint: { enable: true, docType: 'mou' } } });
    const back = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0, 2);
    expect(codes(back)).toEqual(['term/csec']);
  });

  it('asks again for settings after didChangeConfiguration without a payload (VS Code)', async () => {
    await start({ settings: { enable: true } });
    client.open(uri, POLICY);
    await client.waitForDiagnostics(uri, (p) => codes(p).length > 0);
    client.settings = { enable: false };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0, 1);
  });
});
