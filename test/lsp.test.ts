// The language server as an editor sees it: a child process on stdio, driven
// with JSON-RPC. Diagnostics, quick fixes, hover, debouncing and bad input.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  DiagnosticSeverity,
  ErrorCodes,
  HoverRequest,
  ResponseError,
  type CodeAction,
  type Diagnostic,
  type MarkupContent,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import type { ConfigOverrides } from '../src/config/index.js';
import { Engine } from '../src/engine.js';
import { applyTextEdits, LspClient, startLsp } from './helpers/lsp-client.js';

/** The engine, called as the tests call the core. */
const engine = new Engine();
const lintText = (filePath: string, text: string, overrides?: ConfigOverrides) => engine.lintText(filePath, text, { overrides });

const FIXTURE = new URL('./fixtures-lsp/mdt-policy.md', import.meta.url);
const text = readFileSync(FIXTURE, 'utf8');
/** One server for the file; each test opens its own document so none sees another's messages. */
let URI: string;
let documents = 0;

/** The LSP range of the nth occurrence of `needle` in `source` (0-based lines, UTF-16 characters). */
function rangeOfText(source: string, needle: string, nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = source.indexOf(needle, at + 1);
  if (at === -1) throw new Error(`"${needle}" not in text`);
  const pos = (offset: number) => {
    const before = source.slice(0, offset);
    return { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
  };
  return { start: pos(at), end: pos(at + needle.length) };
}

function editsOf(action: CodeAction, uri = URI): TextEdit[] {
  const changes = action.edit?.documentChanges?.[0];
  if (changes && 'edits' in changes) {
    expect(changes.textDocument.uri).toBe(uri);
    return changes.edits as TextEdit[];
  }
  return action.edit?.changes?.[uri] ?? [];
}

let client: LspClient;
beforeAll(async () => {
  ({ client } = await startLsp());
});
afterAll(async () => {
  expect(await client.stop()).toBe(0);
});
beforeEach(() => {
  URI = `file:///policies/mdt-policy-${++documents}.md`;
});
afterEach(() => {
  expect(client.child!.exitCode).toBeNull();
});

async function openFixture(): Promise<Diagnostic[]> {
  client.open(URI, text);
  return (await client.waitForDiagnostics(URI)).diagnostics;
}

function actionsFor(diagnostics: Diagnostic[], uri = URI, only?: string[]) {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range,
    context: { diagnostics, ...(only ? { only } : {}) },
  }) as Promise<CodeAction[]>;
}

describe('diagnostics', () => {
  it('reports a term on open with its exact range, severity, code and data', async () => {
    const diagnostics = await openFixture();
    const csec = diagnostics.filter((d) => d.code === 'term/csec');
    expect(csec).toHaveLength(2);
    expect(csec[0].range).toEqual(rangeOfText(text, 'CSEC youth'));
    expect(csec[0].range).toEqual({ start: { line: 4, character: 33 }, end: { line: 4, character: 43 } });
    expect(csec[0]).toMatchObject({ severity: DiagnosticSeverity.Warning, source: 'policylint' });
    expect(csec[0].data).toMatchObject({ version: 1, range: csec[0].range, found: 'CSEC youth' });
    // Line 9 has an em dash and curly quotes before the term: characters are UTF-16 units, not bytes.
    expect(csec[1].range).toEqual(rangeOfText(text, 'CSEC', 1));
    expect(csec[1].range.start.character).toBe(77);
  });

  it('reports what the CLI does, with the same one-line messages, each linked to its rule\'s documentation', async () => {
    const diagnostics = await openFixture();
    const { result } = lintText('/policies/mdt-policy.md', text);
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual(result.messages.map((m) => [m.ruleId, m.message]));
    expect(diagnostics.every((d) => !d.message.includes('\n') && d.message.length <= 200)).toBe(true);
    expect(diagnostics.map((d) => d.codeDescription?.href)).toEqual(result.messages.map((m) => `https://policylint.dev/docs/rules.md#${m.ruleId.replace('/', '-')}`));
    const mdt = diagnostics.find((d) => d.code === 'provision/mdt-labor')!;
    // The partial provision points at the MDT section heading's text.
    expect(mdt.range).toEqual(rangeOfText(text, 'Multidisciplinary Team'));
  });

  it('after edits, reports what a fresh lint of the new text reports (unchanged blocks come from the last lint)', async () => {
    const first = 'An MDT serves each CSEC youth.\n\nThe team also meets CSEC victims.\n\nEach CSEC youth is served.\n';
    client.open(URI, first);
    await client.waitForDiagnostics(URI);
    // The same sentence becomes a heading, then a quotation (where terms are not reported), then moves down a line.
    const versions = [
      first.replace('Each CSEC youth is served.', '# Each CSEC youth is served.'),
      first.replace('Each CSEC youth is served.', '> Each CSEC youth is served.'),
      `Intro.\n\n${first}`,
    ];
    for (const [k, version] of versions.entries()) {
      client.change(URI, k + 2, version);
      const published = await client.waitForDiagnostics(URI, (p) => p.version === k + 2);
      const fresh = lintText('/policies/fresh.md', version).result.messages;
      expect(published.diagnostics.map((d) => [d.code, d.range.start.line, d.message])).toEqual(fresh.map((m) => [m.ruleId, m.line - 1, m.message]));
    }
  });

  it('publishes an empty list when the document is closed', async () => {
    await openFixture();
    client.close(URI);
    const cleared = await client.waitForDiagnostics(URI, (p) => p.diagnostics.length === 0);
    expect(cleared.diagnostics).toEqual([]);
  });
});

describe('quick fixes', () => {
  it('replaces a term, and the diagnostic is gone after the edit', async () => {
    const diagnostics = await openFixture();
    const csec = diagnostics.find((d) => d.code === 'term/csec')!;
    const actions = await actionsFor([csec]);
    expect(actions.map((a) => a.title)).toEqual([
      'Replace with "youth affected by child trafficking"',
      'Replace with "youth who has experienced or is at risk of child trafficking"',
      // The file has two safe replacements: both at once.
      'Fix all policylint term replacements in this document (2)',
    ]);
    expect(actions.map((a) => a.isPreferred)).toEqual([true, undefined, undefined]);
    expect(actions[0].kind).toBe('quickfix');
    expect(actions[0].diagnostics).toEqual([csec]);
    const edits = editsOf(actions[0]);
    expect(actions[0].edit?.documentChanges?.[0]).toMatchObject({ textDocument: { uri: URI, version: 1 } });
    expect(edits).toEqual([{ range: csec.range, newText: 'youth affected by child trafficking' }]);

    const fixed = applyTextEdits(text, edits);
    expect(fixed).toContain('An MDT will be convened for each youth affected by child trafficking.');
    client.change(URI, 2, fixed);
    const after = await client.waitForDiagnostics(URI, (p) => p.version === 2);
    const left = after.diagnostics.filter((d) => d.code === 'term/csec');
    expect(left).toHaveLength(1);
    expect(left[0].range).toEqual(rangeOfText(fixed, 'CSEC'));
  });

  it('finds the finding from code and data alone, when the client changed the range (neovim 0.7 sends byte columns)', async () => {
    const diagnostics = await openFixture();
    const second = diagnostics.filter((d) => d.code === 'term/csec')[1];
    // What neovim 0.7 hands back: its own byte-based range, `code`, `data`, no source.
    const line = text.split('\n')[second.range.start.line];
    const bytes = (ch: number) => Buffer.byteLength(line.slice(0, ch));
    const fromNeovim: Diagnostic = {
      range: { start: { line: second.range.start.line, character: bytes(second.range.start.character) }, end: { line: second.range.end.line, character: bytes(second.range.end.character) } },
      message: second.message,
      code: second.code,
      data: second.data,
    };
    expect(fromNeovim.range).not.toEqual(second.range);
    const actions = await actionsFor([fromNeovim]);
    const { result } = lintText('/policies/mdt-policy.md', text);
    const replacement = result.messages.filter((m) => m.ruleId === 'term/csec')[1].suggestions[0].text;
    expect(actions[0].title).toBe(`Replace with "${replacement}"`);
    expect(editsOf(actions[0])).toEqual([{ range: second.range, newText: replacement }]);
    expect(applyTextEdits(text, editsOf(actions[0]))).toContain(`coordinate with the ${replacement} caseworker’s supervisor`);
  });

  it('finds the finding on the same line when a client drops `data` and rewrites the range', async () => {
    const diagnostics = await openFixture();
    const second = diagnostics.filter((d) => d.code === 'term/csec')[1];
    const shifted = { start: { line: second.range.start.line, character: second.range.start.character + 8 }, end: { line: second.range.end.line, character: second.range.end.character + 8 } };
    const actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: URI },
      range: { start: { line: second.range.start.line, character: 0 }, end: { line: second.range.start.line, character: 0 } },
      context: { diagnostics: [{ range: shifted, message: second.message, code: second.code }] },
    });
    expect(editsOf(actions![0] as CodeAction)[0].range).toEqual(second.range);
  });

  it('acts on the current text when the diagnostic is older than an edit', async () => {
    const diagnostics = await openFixture();
    const csec = diagnostics.find((d) => d.code === 'term/csec')!;
    // A line is added above before the new diagnostics arrive; the cursor is on the moved term.
    const edited = `Intro line.\n${text}`;
    client.change(URI, 2, edited);
    const moved = rangeOfText(edited, 'CSEC youth');
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: URI },
      range: moved,
      context: { diagnostics: [csec] },
    })) as CodeAction[];
    expect(actions[0].edit?.documentChanges?.[0]).toMatchObject({ textDocument: { version: 2 } });
    expect(editsOf(actions[0])).toEqual([{ range: moved, newText: 'youth affected by child trafficking' }]);
  });

  it('offers nothing for a diagnostic of another tool, and nothing when no finding matches', async () => {
    const diagnostics = await openFixture();
    const csec = diagnostics.find((d) => d.code === 'term/csec')!;
    expect(await actionsFor([{ ...csec, source: 'markdownlint' }])).toEqual([]);
    expect(await actionsFor([{ ...csec, code: 'term/no-such-rule' }])).toEqual([]);
  });

  it('inserts model language under the section a partial provision names, and the provision is then covered', async () => {
    const diagnostics = await openFixture();
    const mdt = diagnostics.find((d) => d.code === 'provision/mdt-labor')!;
    const actions = await actionsFor([mdt]);
    expect(actions).toHaveLength(1);
    expect(actions[0].title).toMatch(/^Insert model language: /);
    expect(actions[0].isPreferred).toBeUndefined();
    const { result } = lintText('/policies/mdt-policy.md', text);
    const model = result.messages.find((m) => m.ruleId === 'provision/mdt-labor')!.suggestions[0].text;

    const inserted = applyTextEdits(text, editsOf(actions[0]));
    // A new paragraph right after the block the core chose (the section's heading), separated by blank lines.
    expect(inserted).toContain(`## Multidisciplinary Team\n\n${model}\n\nAn MDT will be convened`);
    client.change(URI, 2, inserted);
    const after = await client.waitForDiagnostics(URI, (p) => p.version === 2);
    expect(after.diagnostics.map((d) => d.code)).not.toContain('provision/mdt-labor');
  });

  it('appends a missing provision at the end under a new heading', async () => {
    const diagnostics = await openFixture();
    const canra = diagnostics.find((d) => d.code === 'provision/canra-labor')!;
    const [action] = await actionsFor([canra]);
    const inserted = applyTextEdits(text, editsOf(action));
    expect(inserted.startsWith(text)).toBe(true);
    const added = inserted.slice(text.length);
    expect(added).toMatch(/^\n## Mandated Reporting of Child Trafficking\n\nAll staff are mandated reporters[^\n]+\n$/);
    client.change(URI, 2, inserted);
    const after = await client.waitForDiagnostics(URI, (p) => p.version === 2);
    expect(after.diagnostics.map((d) => d.code)).not.toContain('provision/canra-labor');
  });

  it('offers "fix all" by kind, replacing every term with its safe fix', async () => {
    await openFixture();
    const actions = await actionsFor([], URI, ['source.fixAll']);
    expect(actions.map((a) => a.kind)).toEqual(['source.fixAll.policylint']);
    const fixed = applyTextEdits(text, editsOf(actions[0]));
    const { result } = lintText('/policies/mdt-policy.md', fixed);
    expect(result.messages.filter((m) => m.ruleId.startsWith('term/'))).toEqual([]);
  });
});

describe('hover', () => {
  it('explains the finding under the cursor with its citation, in Markdown', async () => {
    const diagnostics = await openFixture();
    const csec = diagnostics.find((d) => d.code === 'term/csec')!;
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: URI },
      position: { line: csec.range.start.line, character: csec.range.start.character + 3 },
    });
    expect(hover).not.toBeNull();
    const contents = hover!.contents as MarkupContent;
    expect(contents.kind).toBe('markdown');
    const { result } = lintText('/policies/mdt-policy.md', text);
    const finding = result.messages.find((m) => m.ruleId === 'term/csec')!;
    const plain = contents.value.replace(/\\(.)/g, '$1');
    expect(plain).toMatch(/^\*\*term\/csec\*\* — "CSEC" used for/);
    // The one-line message, then why (the rule's reason, said here rather than in the message).
    expect(plain).toContain(`${finding.message}\n\n"CSEC" (commercially sexually exploited children) names sex trafficking only`);
    for (const citation of finding.citations) expect(plain).toContain(`- ${citation}`);
    expect(plain).toContain(`Write instead:\n- ${finding.suggestions[0].text}\n- ${finding.suggestions[1].text}`);
    expect(plain).toContain('More: `policylint explain term/csec`');
    expect(hover!.range).toEqual(csec.range);
  });

  it('shows a provision\'s model language and links its sources', async () => {
    const diagnostics = await openFixture();
    const mdt = diagnostics.find((d) => d.code === 'provision/mdt-labor')!;
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: mdt.range.start });
    const value = (hover!.contents as MarkupContent).value;
    const { result } = lintText('/policies/mdt-policy.md', text);
    const model = result.messages.find((m) => m.ruleId === 'provision/mdt-labor')!.suggestions[0].text;
    expect(value).toContain('Model language (suggested under "Multidisciplinary Team"');
    // The provision's own long message (why, for this document) follows the one-line one.
    const detail = result.messages.find((m) => m.ruleId === 'provision/mdt-labor')!.detail!;
    expect(value.replace(/\\(.)/g, '$1')).toContain(detail);
    expect(value.replace(/\\(.)/g, '$1')).toContain(`> ${model.split('\n')[0]}`);
    expect(value).toMatch(/\(\[source\]\(https:\/\/leginfo\.legislature\.ca\.gov\/[^)]+\)\)/);
  });

  it('has nothing to say away from findings', async () => {
    await openFixture();
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: 4, character: 3 } });
    expect(hover).toBeNull();
  });
});

describe('debounce', () => {
  it('publishes only the latest version after rapid changes', async () => {
    await openFixture();
    const before = client.published(URI).length;
    // Nine edits in one burst, each adding one more flagged term.
    let current = text;
    for (let version = 2; version <= 10; version++) {
      current += `\nA CSEC youth is served (edit ${version}).\n`;
      client.change(URI, version, current);
    }
    const last = await client.waitForDiagnostics(URI, (p) => p.version === 10);
    const during = client.published(URI).slice(before);
    expect(during.map((p) => p.version)).toEqual([10]);
    const { result } = lintText('/policies/mdt-policy.md', current);
    expect(last.diagnostics.map((d) => d.code)).toEqual(result.messages.map((m) => m.ruleId));
    expect(last.diagnostics.filter((d) => d.code === 'term/csec')).toHaveLength(2 + 9);
  });
});

describe('stale results', () => {
  it('a lint that waits for settings while the text changes publishes the newer text, never the older', async () => {
    // A server of its own: this one holds back its answers to workspace/configuration.
    const { client } = await startLsp({ settings: { enable: true } });
    let release!: () => void;
    client.settingsGate = new Promise((resolve) => (release = resolve));
    client.open(URI, 'An MDT serves each CSEC youth.\n');
    await client.waitFor('the settings request', () => (client.configurationRequests > 0 ? true : undefined));
    // The server now waits for the editor's settings; meanwhile the term is fixed.
    client.change(URI, 2, 'An MDT serves each youth affected by child trafficking.\n');
    release();
    const published = await client.waitForDiagnostics(URI);
    expect(published.version).toBe(2);
    expect(published.diagnostics.map((d) => d.code)).not.toContain('term/csec');
    // A round trip later, everything published for this document is still version 2.
    await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: 0, character: 0 } });
    expect(client.published(URI).map((p) => p.version).every((v) => v === 2)).toBe(true);
    expect(await client.stop()).toBe(0);
  });
});

describe('bad requests', () => {
  async function errorOf(method: string, params: unknown): Promise<ResponseError<unknown>> {
    const error = await client.connection.sendRequest(method, params).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ResponseError);
    return error as ResponseError<unknown>;
  }

  it('answers malformed requests with an error and keeps serving', async () => {
    await openFixture();
    expect((await errorOf('textDocument/codeAction', {})).code).toBe(ErrorCodes.InvalidParams);
    expect((await errorOf('textDocument/codeAction', { textDocument: { uri: URI }, range: 'everywhere', context: { diagnostics: [] } })).code).toBe(ErrorCodes.InvalidParams);
    expect((await errorOf('textDocument/hover', { textDocument: { uri: 42 }, position: { line: 0, character: 0 } })).code).toBe(ErrorCodes.InvalidParams);
    expect((await errorOf('textDocument/hover', { textDocument: { uri: URI }, position: { line: -1, character: 'x' } })).code).toBe(ErrorCodes.InvalidParams);
    expect((await errorOf('policylint/no-such-request', {})).code).toBe(ErrorCodes.MethodNotFound);
    // Diagnostics of odd shapes inside a valid request are skipped, not fatal.
    const actions = await actionsFor([{ code: 'term/csec' } as unknown as Diagnostic, null as unknown as Diagnostic]);
    expect(actions).toEqual([]);

    // Still serving: a good request is answered and an edit is linted.
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: 4, character: 35 } });
    expect(hover).not.toBeNull();
    client.change(URI, 2, 'A CSEC youth.\n');
    const after = await client.waitForDiagnostics(URI, (p) => p.version === 2);
    expect(after.diagnostics.some((d) => d.code === 'term/csec')).toBe(true);
  });

  it('ignores notifications with missing parameters and keeps serving', async () => {
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {});
    await client.connection.sendNotification('workspace/didChangeConfiguration', null);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///never-opened.md', version: 3 }, contentChanges: [{ text: 'x' }] });
    await openFixture();
    expect(client.child!.exitCode).toBeNull();
  });
});
