// Lints documents for the server and remembers the last outcome per document,
// so hover and code actions on an unchanged document cost no second lint.
//
// The engine never throws past lintText/lintFile (it turns problems into a
// `fatal` result); anything that still escapes here becomes a fatal result
// for that one document and is reported through `onError`, so one bad
// document cannot stop the server.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConfigOverrides } from '../config/index.js';
import { fatalResult, type Engine, type FileOutcome } from '../engine.js';
import { LintCache } from '../rules/analysis.js';

export interface Linted {
  uri: string;
  filePath: string;
  /** The editor's version of the text linted; null for a file read from disk. */
  version: number | null;
  outcome: FileOutcome;
}

export class DocumentLinter {
  private readonly cache = new Map<string, Linted & { key: string }>();
  /** Per open document, the per-block work of its last lint: an edit re-matches only the blocks it changed. */
  private readonly blockWork = new Map<string, LintCache>();

  constructor(
    private readonly engine: Engine,
    private readonly onError: (what: string, error: unknown) => void,
  ) {}

  /** Lints the editor's text; the same version with the same overrides is linted once. */
  lintOpen(text: TextDocument, filePath: string, overrides: ConfigOverrides): Linted {
    const key = `${text.version}\0${JSON.stringify(overrides)}`;
    const cached = this.cache.get(text.uri);
    if (cached && cached.key === key) return cached;
    let outcome: FileOutcome;
    try {
      let blocks = this.blockWork.get(text.uri);
      if (!blocks) this.blockWork.set(text.uri, (blocks = new LintCache()));
      outcome = this.engine.lintText(filePath, text.getText(), { overrides, cache: blocks });
    } catch (e) {
      this.onError(`linting ${filePath}`, e);
      outcome = { result: fatalResult(filePath, `internal error (${(e as Error)?.message ?? String(e)}); see the policylint output`) };
    }
    const linted = { uri: text.uri, filePath, version: text.version, outcome, key };
    this.cache.set(text.uri, linted);
    return linted;
  }

  /** Lints a file on disk (Word documents, and files the workspace lint finds). Not cached. */
  async lintDisk(uri: string, filePath: string, overrides: ConfigOverrides): Promise<Linted> {
    let outcome: FileOutcome;
    try {
      outcome = await this.engine.lintFile(filePath, { overrides });
    } catch (e) {
      this.onError(`linting ${filePath}`, e);
      outcome = { result: fatalResult(filePath, `internal error (${(e as Error)?.message ?? String(e)}); see the policylint output`) };
    }
    return { uri, filePath, version: null, outcome };
  }

  /** Config files and rule packs behind the remembered outcomes: a change to one means linting again. */
  configFiles(): Set<string> {
    const files = new Set<string>();
    for (const linted of this.cache.values()) {
      for (const f of linted.outcome.config?.files ?? []) files.add(f);
      for (const f of linted.outcome.config?.packs ?? []) files.add(f);
    }
    return files;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.blockWork.delete(uri);
  }

  /** Drops every remembered outcome (config or rule packs changed). */
  clear(): void {
    this.cache.clear();
    this.blockWork.clear();
  }
}
