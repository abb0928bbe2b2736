// The language server's wiring: LSP messages in, core calls, LSP messages out.
// Each job (diagnostics, code actions, hover, reload, workspace lint) lives in
// its own module; this file only decides when each runs.
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
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
  const documents = new TextDocuments(TextDocument);
  const log = new ErrorLog(connection.console);
  const engine = options.engine ?? new Engine();
  const linter = new DocumentLinter(engine, (what, e) => log.error(what, e));
  const debouncer = new Debouncer<string>(options.debounceMs ?? DEBOUNCE_MS);
  /** Per document: the newest lint job. An older job that finishes later publishes nothing. */
  const jobs = new Map<string, number>();
  let lastJob = 0;
  /** Files published by "Lint Workspace": on close they go back to their on-disk results. */
  const fromWorkspaceLint = new Set<string>();
  let folders: string[] = [];
  let capabilities: ClientCapabilities = {};
  /** From initializationOptions; settings pushed later are laid over these, key by key. */
  let initialSettings: Settings = DEFAULT_SETTINGS;
  let baseSettings: Settings = DEFAULT_SETTINGS;
  /** Settings per workspace folder (VS Code scopes them by folder), or per file outside any folder. */
  let settingsByScope = new Map<string, Promise<Settings>>();

  // --- failures never end the server ----------------------------------------

  function guarded<P, R>(what: string, handler: (params: P, token: CancellationToken) => R | Promise<R>) {
    return async (params: P, token: CancellationToken): Promise<R | ResponseError<void>> => {
      try {
        return await handler(params, token);
      } catch (e) {
        if (e instanceof ResponseError) return e as ResponseError<void>;
        log.error(what, e);
        return new ResponseError(ErrorCodes.InternalError, `policylint: ${what} failed: ${(e as Error)?.message ?? String(e)}`);
      }
    };
  }

  function background(what: string, job: () => Promise<void>): void {
    job().catch((e: unknown) => log.error(what, e));
  }

  // --- settings ---------------------------------------------------------------

  function settingsFor(uri: string): Promise<Settings> {
    if (!capabilities.workspace?.configuration) return Promise.resolve(baseSettings);
    const path = isFileUri(uri) ? pathOfFileUri(uri) : undefined;
    const folder = path !== undefined ? folderOf(path, folders) : undefined;
    const scopeUri = folder !== undefined ? uriOf(folder) : uri;
    let settings = settingsByScope.get(scopeUri);
    if (!settings) {
      settings = connection.workspace
        .getConfiguration({ scopeUri, section: 'policylint' })
        .then((raw: unknown) => {
          const { settings: parsed, problems } = parseSettings(raw, baseSettings);
          for (const p of problems) log.error('reading settings', p);
          return parsed;
        })
        .catch((e: unknown) => {
          log.error('asking the editor for settings', e);
          return baseSettings;
        });
      settingsByScope.set(scopeUri, settings);
    }
    return settings;
  }

  function pathOf(uri: string): string {
    return filePathOf(uri, documents.get(uri)?.languageId, folders);
  }

  // --- diagnostics ------------------------------------------------------------

  function publish(uri: string, diagnostics: Diagnostic[], version?: number): void {
    void connection.sendDiagnostics({ uri, diagnostics, ...(version !== undefined ? { version } : {}) });
  }

  /** Lints the document's current text and publishes, unless a newer job or a close overtakes it. */
  async function lintAndPublish(uri: string): Promise<void> {
    const job = ++lastJob;
    jobs.set(uri, job);
    const stale = () => jobs.get(uri) !== job || !documents.get(uri);
    const settings = await settingsFor(uri);
    if (stale()) return;
    const filePath = pathOf(uri);
    if (!settings.enable) return publish(uri, []);
    const overrides = overridesOf(settings, baseDirOf(filePath, folders));
    if (isWordUri(uri)) {
      const linted = await linter.lintDisk(uri, filePath, overrides);
      if (!stale()) publish(uri, safeDiagnostics(linted, undefined));
      return;
    }
    // Lint and publish with no await in between: what is published is exactly
    // the version that is current now, never an older one.
    const text = documents.get(uri)!;
    const linted = linter.lintOpen(text, filePath, overrides);
    publish(uri, safeDiagnostics(linted, text), text.version);
  }

  /** Diagnostics for a lint, or one error diagnostic if a finding cannot be converted. */
  function safeDiagnostics(linted: Linted, text: TextDocument | undefined): Diagnostic[] {
    try {
      return diagnosticsFor(linted.outcome, text);
    } catch (e) {
      log.error(`reporting findings for ${linted.filePath}`, e);
      return [fatalDiagnostic(`internal error (${(e as Error)?.message ?? String(e)}); see the policylint output`)];
    }
  }

  /** Paths of the documents open in the editor (URIs are compared as paths: editors encode them differently). */
  function openPaths(): Set<string> {
    const paths = new Set<string>();
    for (const d of documents.all()) {
      const path = isFileUri(d.uri) ? pathOfFileUri(d.uri) : undefined;
      if (path !== undefined) paths.add(path);
    }
    return paths;
  }

  function lintNow(uri: string): void {
    debouncer.cancel(uri);
    background(`linting ${uri}`, () => lintAndPublish(uri));
  }

  function relintOpenDocuments(): void {
    for (const text of documents.all()) lintNow(text.uri);
  }

  /** Config or packs changed: forget every cache that holds what was read from disk. */
  function reload(): void {
    engine.reload();
    linter.clear();
    relintOpenDocuments();
  }

  /** The current text linted for hover and code actions (reuses the published lint when unchanged). */
  async function currentLint(uri: string): Promise<{ text: TextDocument; linted: Linted } | undefined> {
    if (!documents.get(uri) || isWordUri(uri)) return undefined;
    const settings = await settingsFor(uri);
    const text = documents.get(uri);
    if (!text || !settings.enable) return undefined;
    const filePath = pathOf(uri);
    return { text, linted: linter.lintOpen(text, filePath, overridesOf(settings, baseDirOf(filePath, folders))) };
  }

  // --- lifecycle --------------------------------------------------------------

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    capabilities = params.capabilities ?? {};
    const { settings, problems } = parseSettings(params.initializationOptions, DEFAULT_SETTINGS);
    initialSettings = settings;
    baseSettings = settings;
    for (const p of problems) log.error('reading initializationOptions', p);
    const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    folders = uris.filter(isFileUri).map(pathOfFileUri).filter((p): p is string => p !== undefined);
    if (folders.length === 0 && params.rootPath) folders = [params.rootPath];
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'policylint' },
    };
  });

  connection.onInitialized(() => {
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) })
        .catch((e: unknown) => log.error('asking the editor to watch config files', e));
    }
    // Asks to hear when policylint.* settings change (VS Code then sends them;
    // the server also asks for them per folder with workspace/configuration).
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      connection.client
        .register(DidChangeConfigurationNotification.type, { section: 'policylint' })
        .catch((e: unknown) => log.error('asking the editor for settings changes', e));
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const pathsOf = (list: { uri: string }[]) => list.map((f) => (isFileUri(f.uri) ? pathOfFileUri(f.uri) : undefined)).filter((p): p is string => p !== undefined);
        const removed = new Set(pathsOf(event.removed));
        folders = [...folders.filter((f) => !removed.has(f)), ...pathsOf(event.added)];
        settingsByScope = new Map();
      });
    }
  });

  connection.onShutdown(() => debouncer.dispose());

  // --- documents --------------------------------------------------------------

  /** The version each document was opened at: its first content event is the open itself. */
  const openedAt = new Map<string, number>();

  documents.onDidOpen(({ document }) => {
    openedAt.set(document.uri, document.version);
    lintNow(document.uri);
  });

  documents.onDidChangeContent(({ document }) => {
    // Fired right after onDidOpen too, which has already linted without waiting.
    if (openedAt.get(document.uri) === document.version) return;
    openedAt.delete(document.uri);
    // A .docx is linted from disk: the editor's text of it is not the document.
    if (isWordUri(document.uri)) return;
    debouncer.schedule(document.uri, () => background(`linting ${document.uri}`, () => lintAndPublish(document.uri)));
  });

  documents.onDidClose(({ document }) => {
    const { uri } = document;
    debouncer.cancel(uri);
    // A lint still waiting for settings sees the document gone and publishes nothing.
    jobs.delete(uri);
    openedAt.delete(uri);
    linter.forget(uri);
    const path = isFileUri(uri) ? pathOfFileUri(uri) : undefined;
    if (fromWorkspaceLint.has(uri) && path !== undefined) {
      // Back to what is on disk, as "Lint Workspace" showed it.
      background(`linting ${uri}`, async () => {
        const linted = await linter.lintDisk(uri, path, overridesOf(await settingsFor(uri), baseDirOf(path, folders)));
        if (!documents.get(uri)) publish(uri, safeDiagnostics(linted, undefined));
      });
    } else {
      publish(uri, []);
    }
  });

  // --- configuration ----------------------------------------------------------

  connection.onDidChangeConfiguration((params) => {
    try {
      const pushed = (params?.settings as { policylint?: unknown } | undefined)?.policylint;
      if (pushed !== undefined) {
        const { settings, problems } = parseSettings(pushed, initialSettings);
        baseSettings = settings;
        for (const p of problems) log.error('reading settings', p);
      }
      settingsByScope = new Map();
      reload();
    } catch (e) {
      log.error('applying new settings', e);
    }
  });

  connection.onDidChangeWatchedFiles((params) => {
    try {
      const changed = (Array.isArray(params?.changes) ? params.changes : [])
        .map((c) => (typeof c?.uri === 'string' && isFileUri(c.uri) ? { uri: c.uri, path: pathOfFileUri(c.uri) } : undefined))
        .filter((c): c is { uri: string; path: string } => c?.path !== undefined);
      const known = linter.configFiles();
      if (changed.some((c) => affectsConfig(c.path, known))) return reload();
      for (const c of changed) if (isWordUri(c.uri) && documents.get(c.uri)) lintNow(c.uri);
    } catch (e) {
      log.error('reloading after a file change', e);
    }
  });

  // --- requests ---------------------------------------------------------------

  connection.onCodeAction(
    guarded('textDocument/codeAction', async (raw: unknown) => {
      const params = checkCodeActionParams(raw);
      const current = await currentLint(params.textDocument.uri);
      if (!current) return [];
      return codeActionsFor(params, current.text, current.linted, { documentChanges: capabilities.workspace?.workspaceEdit?.documentChanges === true });
    }),
  );

  connection.onHover(
    guarded('textDocument/hover', async (raw: unknown) => {
      const params = checkHoverParams(raw);
      const current = await currentLint(params.textDocument.uri);
      return current ? hoverAt(params.position, current.linted, current.text, engine) : null;
    }),
  );

  connection.onRequest(
    LINT_WORKSPACE_REQUEST,
    guarded(LINT_WORKSPACE_REQUEST, async (_params: unknown, token: CancellationToken): Promise<LintWorkspaceResult> => {
      const summary = await lintWorkspace(folders, {
        isOpen: (filePath) => openPaths().has(filePath),
        lint: async (filePath) => {
          const uri = uriOf(filePath);
          const settings = await settingsFor(uri);
          return linter.lintDisk(uri, filePath, overridesOf(settings, baseDirOf(filePath, folders)));
        },
        publish: (linted) => {
          // A document opened while the workspace was being linted shows its own text.
          if (openPaths().has(linted.filePath)) return;
          fromWorkspaceLint.add(linted.uri);
          publish(linted.uri, safeDiagnostics(linted, undefined));
        },
        cancelled: () => token.isCancellationRequested,
      });
      return { ...summary, cancelled: token.isCancellationRequested };
    }),
  );

  documents.listen(connection);
  connection.listen();
}
