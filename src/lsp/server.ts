// The language server's wiring: LSP messages in, engine calls, LSP messages out.
// Each job (diagnostics, code actions, hover, reload, workspace lint) lives in
// its own module; this file only decides when each runs: one object holds the
// server's state, and each LSP message has a handler method.
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type CodeActionParams,
  type DidChangeConfigurationParams,
  type DidChangeWatchedFilesParams,
  type WorkspaceFoldersChangeEvent,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Engine } from '../engine.js';
import { codeActionsFor, FIX_ALL_KIND } from './code-actions.js';
import { Debouncer } from './debounce.js';
import { diagnosticsFor, fatalDiagnostic } from './diagnostics.js';
import { ErrorLog } from './error-log.js';
import { hoverAt } from './hover.js';
import { DocumentLinter, type Linted } from './linter.js';
import { checkCodeActionParams, checkHoverParams } from './params.js';
import { LINT_WORKSPACE_REQUEST, type LintWorkspaceResult } from './protocol.js';
import { DEFAULT_SETTINGS, overridesOf, parseSettings, type Settings } from './settings.js';
import { baseDirOf, filePathOf, folderOf, isFileUri, isWordUri, pathOfFileUri, uriOf } from './uri.js';
import { affectsConfig, WATCHED_GLOBS } from './watch.js';
import { lintWorkspace } from './workspace-lint.js';

export interface ServerOptions {
  /** The engine that lints; tests pass a failing one to check the server survives it. */
  engine?: Engine;
  /** Quiet time after the last edit before a document is linted again. */
  debounceMs?: number;
}

export const DEBOUNCE_MS = 200;

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  new PolicylintServer(connection, options).listen();
}

class PolicylintServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly log: ErrorLog;
  private readonly engine: Engine;
  private readonly linter: DocumentLinter;
  private readonly debouncer: Debouncer<string>;
  /** Per document: the newest lint job. An older job that finishes later publishes nothing. */
  private readonly jobs = new Map<string, number>();
  private lastJob = 0;
  /** Files published by "Lint Workspace": on close they go back to their on-disk results. */
  private readonly fromWorkspaceLint = new Set<string>();
  /** The version each document was opened at: its first content event is the open itself. */
  private readonly openedAt = new Map<string, number>();
  private folders: string[] = [];
  private capabilities: ClientCapabilities = {};
  /** From initializationOptions; settings pushed later are laid over these, key by key. */
  private initialSettings: Settings = DEFAULT_SETTINGS;
  private baseSettings: Settings = DEFAULT_SETTINGS;
  /** Settings per workspace folder (VS Code scopes them by folder), or per file outside any folder. */
  private settingsByScope = new Map<string, Promise<Settings>>();

  constructor(
    private readonly connection: Connection,
    options: ServerOptions,
  ) {
    this.log = new ErrorLog(connection.console);
    this.engine = options.engine ?? new Engine();
    this.linter = new DocumentLinter(this.engine, (what, e) => this.log.error(what, e));
    this.debouncer = new Debouncer<string>(options.debounceMs ?? DEBOUNCE_MS);
  }

  /** Each LSP message to its handler. */
  listen(): void {
    const { connection, documents } = this;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => this.initialized());
    connection.onShutdown(() => this.debouncer.dispose());
    documents.onDidOpen(({ document }) => this.opened(document));
    documents.onDidChangeContent(({ document }) => this.changed(document));
    documents.onDidClose(({ document }) => this.closed(document.uri));
    connection.onDidChangeConfiguration((params) => this.settingsChanged(params));
    connection.onDidChangeWatchedFiles((params) => this.filesChanged(params));
    connection.onCodeAction(this.guarded('textDocument/codeAction', (raw: unknown) => this.codeActions(checkCodeActionParams(raw))));
    connection.onHover(this.guarded('textDocument/hover', (raw: unknown) => this.hover(raw)));
    connection.onRequest(LINT_WORKSPACE_REQUEST, this.guarded(LINT_WORKSPACE_REQUEST, (_params: unknown, token: CancellationToken) => this.lintWorkspace(token)));
    documents.listen(connection);
    connection.listen();
  }

  // --- failures never end the server ----------------------------------------

  private guarded<P, R>(what: string, handler: (params: P, token: CancellationToken) => R | Promise<R>) {
    return async (params: P, token: CancellationToken): Promise<R | ResponseError<void>> => {
      try {
        return await handler(params, token);
      } catch (e) {
        if (e instanceof ResponseError) return e as ResponseError<void>;
        this.log.error(what, e);
        return new ResponseError(ErrorCodes.InternalError, `policylint: ${what} failed: ${(e as Error)?.message ?? String(e)}`);
      }
    };
  }

  private background(what: string, job: () => Promise<void>): void {
    job().catch((e: unknown) => this.log.error(what, e));
  }

  // --- settings ---------------------------------------------------------------

  private settingsFor(uri: string): Promise<Settings> {
    if (!this.capabilities.workspace?.configuration) return Promise.resolve(this.baseSettings);
    const path = isFileUri(uri) ? pathOfFileUri(uri) : undefined;
    const folder = path !== undefined ? folderOf(path, this.folders) : undefined;
    const scopeUri = folder !== undefined ? uriOf(folder) : uri;
    let settings = this.settingsByScope.get(scopeUri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri, section: 'policylint' })
        .then((raw: unknown) => {
          const { settings: parsed, problems } = parseSettings(raw, this.baseSettings);
          for (const p of problems) this.log.error('reading settings', p);
          return parsed;
        })
        .catch((e: unknown) => {
          this.log.error('asking the editor for settings', e);
          return this.baseSettings;
        });
      this.settingsByScope.set(scopeUri, settings);
    }
    return settings;
  }

  private pathOf(uri: string): string {
    return filePathOf(uri, this.documents.get(uri)?.languageId, this.folders);
  }

  /** The settings a file is linted with, as the engine takes them. */
  private async overridesFor(uri: string, filePath: string) {
    return overridesOf(await this.settingsFor(uri), baseDirOf(filePath, this.folders));
  }

  // --- diagnostics ------------------------------------------------------------

  private publish(uri: string, diagnostics: Diagnostic[], version?: number): void {
    void this.connection.sendDiagnostics({ uri, diagnostics, ...(version !== undefined ? { version } : {}) });
  }

  /** Lints the document's current text and publishes, unless a newer job or a close overtakes it. */
  private async lintAndPublish(uri: string): Promise<void> {
    const job = ++this.lastJob;
    this.jobs.set(uri, job);
    const stale = () => this.jobs.get(uri) !== job || !this.documents.get(uri);
    const settings = await this.settingsFor(uri);
    if (stale()) return;
    const filePath = this.pathOf(uri);
    if (!settings.enable) return this.publish(uri, []);
    const overrides = overridesOf(settings, baseDirOf(filePath, this.folders));
    if (isWordUri(uri)) {
      const linted = await this.linter.lintDisk(uri, filePath, overrides);
      if (!stale()) this.publish(uri, this.safeDiagnostics(linted, undefined));
      return;
    }
    // Lint and publish with no await in between: what is published is exactly
    // the version that is current now, never an older one.
    const text = this.documents.get(uri)!;
    const linted = this.linter.lintOpen(text, filePath, overrides);
    this.publish(uri, this.safeDiagnostics(linted, text), text.version);
  }

  /** Diagnostics for a lint, or one error diagnostic if a finding cannot be converted. */
  private safeDiagnostics(linted: Linted, text: TextDocument | undefined): Diagnostic[] {
    try {
      return diagnosticsFor(linted.outcome, text);
    } catch (e) {
      this.log.error(`reporting findings for ${linted.filePath}`, e);
      return [fatalDiagnostic(`internal error (${(e as Error)?.message ?? String(e)}); see the policylint output`)];
    }
  }

  /** Paths of the documents open in the editor (URIs are compared as paths: editors encode them differently). */
  private openPaths(): Set<string> {
    const paths = new Set<string>();
    for (const d of this.documents.all()) {
      const path = isFileUri(d.uri) ? pathOfFileUri(d.uri) : undefined;
      if (path !== undefined) paths.add(path);
    }
    return paths;
  }

  private lintNow(uri: string): void {
    this.debouncer.cancel(uri);
    this.background(`linting ${uri}`, () => this.lintAndPublish(uri));
  }

  /** Config or packs changed: the engine forgets what it read from disk, the linter its outcomes; open documents are linted again. */
  private reload(): void {
    this.engine.reload();
    this.linter.clear();
    for (const text of this.documents.all()) this.lintNow(text.uri);
  }

  /** The current text linted for hover and code actions (reuses the published lint when unchanged). */
  private async currentLint(uri: string): Promise<{ text: TextDocument; linted: Linted } | undefined> {
    if (!this.documents.get(uri) || isWordUri(uri)) return undefined;
    const settings = await this.settingsFor(uri);
    const text = this.documents.get(uri);
    if (!text || !settings.enable) return undefined;
    const filePath = this.pathOf(uri);
    return { text, linted: this.linter.lintOpen(text, filePath, overridesOf(settings, baseDirOf(filePath, this.folders))) };
  }

  // --- lifecycle --------------------------------------------------------------

  private initialize(params: InitializeParams): InitializeResult {
    this.capabilities = params.capabilities ?? {};
    const { settings, problems } = parseSettings(params.initializationOptions, DEFAULT_SETTINGS);
    this.initialSettings = settings;
    this.baseSettings = settings;
    for (const p of problems) this.log.error('reading initializationOptions', p);
    const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.folders = uris.filter(isFileUri).map(pathOfFileUri).filter((p): p is string => p !== undefined);
    if (this.folders.length === 0 && params.rootPath) this.folders = [params.rootPath];
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'policylint' },
    };
  }

  private initialized(): void {
    const { connection, capabilities } = this;
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) })
        .catch((e: unknown) => this.log.error('asking the editor to watch config files', e));
    }
    // Asks to hear when policylint.* settings change (VS Code then sends them;
    // the server also asks for them per folder with workspace/configuration).
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      connection.client
        .register(DidChangeConfigurationNotification.type, { section: 'policylint' })
        .catch((e: unknown) => this.log.error('asking the editor for settings changes', e));
    }
    if (capabilities.workspace?.workspaceFolders) connection.workspace.onDidChangeWorkspaceFolders((event) => this.foldersChanged(event));
  }

  private foldersChanged(event: WorkspaceFoldersChangeEvent): void {
    const pathsOf = (list: { uri: string }[]) => list.map((f) => (isFileUri(f.uri) ? pathOfFileUri(f.uri) : undefined)).filter((p): p is string => p !== undefined);
    const removed = new Set(pathsOf(event.removed));
    this.folders = [...this.folders.filter((f) => !removed.has(f)), ...pathsOf(event.added)];
    this.settingsByScope = new Map();
  }

  // --- documents --------------------------------------------------------------

  private opened(document: TextDocument): void {
    this.openedAt.set(document.uri, document.version);
    this.lintNow(document.uri);
  }

  private changed(document: TextDocument): void {
    // Fired right after onDidOpen too, which has already linted without waiting.
    if (this.openedAt.get(document.uri) === document.version) return;
    this.openedAt.delete(document.uri);
    // A .docx is linted from disk: the editor's text of it is not the document.
    if (isWordUri(document.uri)) return;
    this.debouncer.schedule(document.uri, () => this.background(`linting ${document.uri}`, () => this.lintAndPublish(document.uri)));
  }

  private closed(uri: string): void {
    this.debouncer.cancel(uri);
    // A lint still waiting for settings sees the document gone and publishes nothing.
    this.jobs.delete(uri);
    this.openedAt.delete(uri);
    this.linter.forget(uri);
    const path = isFileUri(uri) ? pathOfFileUri(uri) : undefined;
    if (this.fromWorkspaceLint.has(uri) && path !== undefined) {
      // Back to what is on disk, as "Lint Workspace" showed it.
      this.background(`linting ${uri}`, async () => {
        const linted = await this.linter.lintDisk(uri, path, await this.overridesFor(uri, path));
        if (!this.documents.get(uri)) this.publish(uri, this.safeDiagnostics(linted, undefined));
      });
    } else {
      this.publish(uri, []);
    }
  }

  // --- configuration ----------------------------------------------------------

  private settingsChanged(params: DidChangeConfigurationParams): void {
    try {
      const pushed = (params?.settings as { policylint?: unknown } | undefined)?.policylint;
      if (pushed !== undefined) {
        const { settings, problems } = parseSettings(pushed, this.initialSettings);
        this.baseSettings = settings;
        for (const p of problems) this.log.error('reading settings', p);
      }
      this.settingsByScope = new Map();
      this.reload();
    } catch (e) {
      this.log.error('applying new settings', e);
    }
  }

  private filesChanged(params: DidChangeWatchedFilesParams): void {
    try {
      const changed = (Array.isArray(params?.changes) ? params.changes : [])
        .map((c) => (typeof c?.uri === 'string' && isFileUri(c.uri) ? { uri: c.uri, path: pathOfFileUri(c.uri) } : undefined))
        .filter((c): c is { uri: string; path: string } => c?.path !== undefined);
      const known = this.linter.configFiles();
      if (changed.some((c) => affectsConfig(c.path, known))) return this.reload();
      for (const c of changed) if (isWordUri(c.uri) && this.documents.get(c.uri)) this.lintNow(c.uri);
    } catch (e) {
      this.log.error('reloading after a file change', e);
    }
  }

  // --- requests ---------------------------------------------------------------

  private async codeActions(params: CodeActionParams) {
    const current = await this.currentLint(params.textDocument.uri);
    if (!current) return [];
    return codeActionsFor(params, current.text, current.linted, { documentChanges: this.capabilities.workspace?.workspaceEdit?.documentChanges === true });
  }

  private async hover(raw: unknown) {
    const params = checkHoverParams(raw);
    const current = await this.currentLint(params.textDocument.uri);
    return current ? hoverAt(params.position, current.linted, current.text, this.engine) : null;
  }

  private async lintWorkspace(token: CancellationToken): Promise<LintWorkspaceResult> {
    const summary = await lintWorkspace(this.folders, {
      engine: this.engine,
      isOpen: (filePath) => this.openPaths().has(filePath),
      lint: async (filePath) => {
        const uri = uriOf(filePath);
        return this.linter.lintDisk(uri, filePath, await this.overridesFor(uri, filePath));
      },
      publish: (linted) => {
        // A document opened while the workspace was being linted shows its own text.
        if (this.openPaths().has(linted.filePath)) return;
        this.fromWorkspaceLint.add(linted.uri);
        this.publish(linted.uri, this.safeDiagnostics(linted, undefined));
      },
      cancelled: () => token.isCancellationRequested,
    });
    return { ...summary, cancelled: token.isCancellationRequested };
  }
}
