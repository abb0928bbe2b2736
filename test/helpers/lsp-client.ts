// Drives policylint-lsp as an editor would: a child process (`node
// bin/policylint-lsp.js --stdio`) spoken to over its stdin/stdout with the
// JSON-RPC connection of vscode-languageserver-protocol.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type LogMessageParams,
  type MessageReader,
  type MessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Registration,
} from 'vscode-languageserver-protocol/node';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const LSP_BIN = fileURLToPath(new URL('../../bin/policylint-lsp.js', import.meta.url));

/** How long to wait for a message the server should send before failing the test (not a timing check). */
export const WAIT_MS = 20_000;

export const CLIENT_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true },
    workspaceFolders: true,
  },
  textDocument: {
    publishDiagnostics: { versionSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
};

export interface StartOptions {
  /** Workspace folder (a path). */
  root?: string;
  initializationOptions?: unknown;
  /** What the client answers to workspace/configuration for section "policylint" (null: nothing set). */
  settings?: unknown;
  capabilities?: ClientCapabilities;
  /** Extra arguments after the launcher (default: --stdio). */
  args?: string[];
  /** The server to run (default: bin/policylint-lsp.js). */
  serverPath?: string;
}

export class LspClient {
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly registrations: Registration[] = [];
  stderr = '';
  settings: unknown;
  /** workspace/configuration answers wait for this (to hold the server while the text changes). */
  settingsGate: Promise<void> = Promise.resolve();
  configurationRequests = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(
    readonly connection: ProtocolConnection,
    settings: unknown,
    /** The server process; absent for a server running in the test's own process. */
    readonly child?: ChildProcessWithoutNullStreams,
  ) {
    this.settings = settings;
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.push(p);
      this.wake();
    });
    connection.onNotification(LogMessageNotification.type, (p) => {
      this.logs.push(p);
      this.wake();
    });
    connection.onRequest(ConfigurationRequest.type, async (p) => {
      this.configurationRequests++;
      this.wake();
      await this.settingsGate;
      return p.items.map((item) => (item.section === 'policylint' ? this.settings : null));
    });
    connection.onRequest(RegistrationRequest.type, (p) => {
      this.registrations.push(...p.registrations);
      this.wake();
      return null;
    });
    child?.stderr.on('data', (d) => (this.stderr += d));
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves with the first value `probe` returns that is not undefined, re-checking after each message. */
  waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = WAIT_MS): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; server stderr:\n${this.stderr}\nlogs:\n${this.logs.map((l) => l.message).join('\n')}`)), timeoutMs);
      const check = () => {
        const value = probe();
        if (value !== undefined) {
          clearTimeout(timer);
          resolve(value);
        } else this.waiters.push(check);
      };
      check();
    });
  }

  /** The first diagnostics published for `uri` (after the first `skip`) that satisfy `accept`. */
  waitForDiagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true, skip = 0): Promise<PublishDiagnosticsParams> {
    return this.waitFor(`diagnostics for ${uri}`, () => this.diagnostics.filter((p) => p.uri === uri).slice(skip).find(accept));
  }

  published(uri: string): PublishDiagnosticsParams[] {
    return this.diagnostics.filter((p) => p.uri === uri);
  }

  open(uri: string, text: string, languageId = 'markdown', version = 1): void {
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  /** Replaces the whole text (clients may also send ranges; the server takes both). */
  change(uri: string, version: number, text: string): void {
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  close(uri: string): void {
    void this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Ends the session politely and waits for the process to exit. */
  async stop(): Promise<number | null> {
    const child = this.child;
    if (!child) {
      // In-process: shut down, but no exit notification (the server would end the test's process).
      await this.connection.sendRequest(ShutdownRequest.type);
      this.connection.dispose();
      return 0;
    }
    if (child.exitCode !== null) return child.exitCode;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      child.kill();
    }
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

export async function startLsp(options: StartOptions = {}): Promise<{ client: LspClient; init: InitializeResult }> {
  const child = spawn(process.execPath, [options.serverPath ?? LSP_BIN, ...(options.args ?? ['--stdio'])], {
    cwd: options.root ?? REPO,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  return initialize(new LspClient(connection, options.settings ?? null, child), options, process.pid);
}

/**
 * Connects to a server running in this process over in-memory streams, for
 * tests that hand the server failing parts. `start` receives the server's ends.
 */
export async function startInProcess(start: (reader: MessageReader, writer: MessageWriter) => void, options: StartOptions = {}): Promise<{ client: LspClient; init: InitializeResult }> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  start(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  const connection = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  // No process id: the server would otherwise watch this process and end it on exit.
  return initialize(new LspClient(connection, options.settings ?? null), options, null);
}

async function initialize(client: LspClient, options: StartOptions, processId: number | null): Promise<{ client: LspClient; init: InitializeResult }> {
  const connection = client.connection;
  connection.listen();
  const init = await connection.sendRequest(InitializeRequest.type, {
    processId,
    rootUri: options.root ? fileUri(options.root) : null,
    workspaceFolders: options.root ? [{ uri: fileUri(options.root), name: 'workspace' }] : null,
    capabilities: options.capabilities ?? CLIENT_CAPABILITIES,
    initializationOptions: options.initializationOptions,
  });
  await connection.sendNotification(InitializedNotification.type, {});
  return { client, init };
}

/** Applies LSP text edits to a string (as an editor would), last first. */
export function applyTextEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }) => (p.line >= lineStarts.length ? text.length : Math.min(lineStarts[p.line] + p.character, text.length));
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
