// Drives bin/policylint-lsp.js over stdio as an editor does, and times each
// edit from the didChange notification to the publishDiagnostics for that
// version. The server waits for a quiet period (its debounce) before linting;
// that delay is part of what an editor sees, so it is measured, and reported
// separately so that the linting cost itself can be read off.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { createRng } from './prng.js';

const WAIT_MS = 30_000;

/** Where the k-th edit goes: a word typed at the end of a line of prose, as a person edits. */
function editAt(text, rng) {
  const lines = text.split('\n');
  for (;;) {
    const line = rng.int(0, lines.length - 1);
    if (/^[A-Za-z]/.test(lines[line]) && lines[line].length > 20) return { line, character: lines[line].length };
  }
}

/**
 * Opens `text` as a Markdown document and makes `edits` edits, one after
 * another (each waits for its diagnostics), half of them inserting a CSEC term
 * and half plain words. Returns the milliseconds from each didChange to its publish.
 */
export async function editorLatency({ serverPath, workDir, text, edits, seed }) {
  const file = join(workDir, 'editor-doc.md');
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const child = spawn(process.execPath, [serverPath, '--stdio'], { cwd: workDir, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map();
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    if (p.uri !== uri) return;
    const w = waiting.get(p.version);
    if (w) {
      waiting.delete(p.version);
      w({ at: performance.now(), count: p.diagnostics.length });
    }
  });
  connection.listen();
  const published = (version) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for version ${version} within ${WAIT_MS} ms; server stderr:\n${stderr}`)), WAIT_MS);
      waiting.set(version, (v) => {
        clearTimeout(timer);
        resolve(v);
      });
    });

  try {
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(workDir).href,
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
      workspaceFolders: [{ uri: pathToFileURL(workDir).href, name: 'bench' }],
    });
    await connection.sendNotification(InitializedNotification.type, {});

    const opened = published(1);
    const openAt = performance.now();
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const first = await opened;
    const openMs = first.at - openAt;

    const rng = createRng(seed);
    let current = text;
    const latencies = [];
    let diagnostics = first.count;
    for (let k = 0; k < edits; k++) {
      const version = k + 2;
      const { line, character } = editAt(current, rng);
      const insert = k % 2 === 0 ? ' Each CSEC youth is served.' : ' The team meets monthly.';
      const lines = current.split('\n');
      lines[line] += insert;
      current = lines.join('\n');
      const done = published(version);
      const sentAt = performance.now();
      await connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: insert }],
      });
      const got = await done;
      latencies.push(got.at - sentAt);
      diagnostics = got.count;
    }
    return { openMs, latencies, diagnostics, bytes: Buffer.byteLength(current) };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
    } catch {
      child.kill();
    }
    const timer = setTimeout(() => child.kill(), 5000);
    await exited;
    clearTimeout(timer);
    connection.dispose();
  }
}
