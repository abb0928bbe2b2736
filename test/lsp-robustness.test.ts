// Nothing a document, a rule or a client sends may stop the server: failures
// become one diagnostic or one error response, are logged once, and the
// server goes on answering.
import { afterEach, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  ErrorCodes,
  HoverRequest,
  MessageType,
  ResponseError,
  type CodeAction,
} from 'vscode-languageserver-protocol/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { Engine, type TextRequest } from '../src/engine.js';
import { MAX_DIAGNOSTICS } from '../src/lsp/diagnostics.js';
import { startServer } from '../src/lsp/server.js';
import { LspClient, startInProcess, startLsp } from './helpers/lsp-client.js';

let client: LspClient;
afterEach(async () => {
  expect(await client.stop()).toBe(0);
});

/** The engine, except that some files make it fail the way a buggy rule would. */
class FailingEngine extends Engine {
  override lintText(filePath: string, text: string, request: TextRequest = {}) {
    if (filePath.endsWith('throws.md')) throw new TypeError('a rule read past the end of a block');
    const outcome = super.lintText(filePath, text, request);
    if (!filePath.endsWith('malformed.md')) return outcome;
    // A finding whose suggestions are not a list: what a broken rule pack loader could produce.
    const messages = outcome.result.messages.map((m) => (m.ruleId.startsWith('term/') ? { ...m, suggestions: null as unknown as [] } : m));
    return { ...outcome, result: { ...outcome.result, messages } };
  }
}
const failing = new FailingEngine();

async function inProcess() {
  ({ client } = await startInProcess((reader, writer) => startServer(createConnection(ProposedFeatures.all, reader, writer), { engine: failing })));
}

const errorsLogged = (text: string) => client.logs.filter((l) => l.type === MessageType.Error && l.message.includes(text)).length;

describe('a rule that throws', () => {
  it('becomes one error diagnostic for that document, is logged once, and other documents are still linted', async () => {
    await inProcess();
    const bad = 'file:///policies/throws.md';
    client.open(bad, 'A CSEC youth.\n');
    const first = await client.waitForDiagnostics(bad);
    expect(first.diagnostics).toHaveLength(1);
    expect(first.diagnostics[0].message).toContain('a rule read past the end of a block');
    for (let version = 2; version <= 4; version++) {
      client.change(bad, version, `A CSEC youth (${version}).\n`);
      await client.waitForDiagnostics(bad, (p) => p.version === version);
    }
    expect(errorsLogged('a rule read past the end of a block')).toBe(1);

    const good = 'file:///policies/fine.md';
    client.open(good, 'A CSEC youth.\n');
    const linted = await client.waitForDiagnostics(good);
    expect(linted.diagnostics.map((d) => d.code)).toContain('term/csec');
  });

  it('answers a request that fails inside with InternalError, logs it once, and keeps serving', async () => {
    await inProcess();
    const uri = 'file:///policies/malformed.md';
    client.open(uri, 'A CSEC youth.\n');
    const { diagnostics } = await client.waitForDiagnostics(uri);
    const term = diagnostics.find((d) => d.code === 'term/csec')!;
    const ask = () => client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: term.range, context: { diagnostics: [term] } });
    for (let i = 0; i < 3; i++) {
      const error = await ask().then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect((error as ResponseError<unknown>).code).toBe(ErrorCodes.InternalError);
    }
    expect(client.logs.filter((l) => l.type === MessageType.Error && l.message.includes('textDocument/codeAction failed'))).toHaveLength(1);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: term.range.start }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((hover as ResponseError<unknown>).code).toBe(ErrorCodes.InternalError);

    // Other documents are served as usual.
    const fine = 'file:///policies/fine.md';
    client.open(fine, 'A CSEC youth.\n');
    const linted = await client.waitForDiagnostics(fine);
    const good = linted.diagnostics.find((d) => d.code === 'term/csec')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: fine }, range: good.range, context: { diagnostics: [good] } })) as CodeAction[];
    expect(actions[0].title).toBe('Replace with "youth affected by child trafficking"');
    expect(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: fine }, position: good.range.start })).not.toBeNull();
  });
});

describe('over stdio', () => {
  it('skips bytes that are not JSON and keeps serving', async () => {
    ({ client } = await startLsp());
    const uri = 'file:///policies/after-garbage.md';
    const garbage = '{this is not json';
    client.child!.stdin.write(`Content-Length: ${Buffer.byteLength(garbage)}\r\n\r\n${garbage}`);
    client.open(uri, 'Each CSEC youth is served.\n');
    const { diagnostics } = await client.waitForDiagnostics(uri);
    expect(diagnostics.map((d) => d.code)).toContain('term/csec');
  });

  it('lints a very large document, caps what it publishes, and still answers afterwards', async () => {
    ({ client } = await startLsp());
    const uri = 'file:///policies/huge.md';
    const section = (i: number) => `## Section ${i}\n\nAn MDT will be convened for each CSEC youth. Staff coordinate services for CSEC youth and their families.\n\n`;
    const parts: string[] = ['# A Very Long Protocol\n\n'];
    for (let i = 0, length = 0; length < 3_000_000; i += 1) {
      parts.push(section(i));
      length += parts[parts.length - 1].length;
    }
    const text = parts.join('');
    expect(text.length).toBeGreaterThan(3_000_000);
    client.open(uri, text);
    const { diagnostics } = await client.waitForDiagnostics(uri);
    expect(diagnostics).toHaveLength(MAX_DIAGNOSTICS + 1);
    expect(diagnostics.at(-1)!.message).toMatch(/^\d+ more policylint findings in this file are not shown here/);
    const term = diagnostics.find((d) => d.code === 'term/csec')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: term.range, context: { diagnostics: [term] } })) as CodeAction[];
    expect(actions[0].title).toBe('Replace with "youth affected by child trafficking"');
    client.change(uri, 2, 'A CSEC youth.\n');
    const small = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    expect(small.diagnostics.filter((d) => d.code === 'term/csec')).toHaveLength(1);
  }, 120_000);
});
