// "Lint Workspace": every policy document in the workspace folders, linted from
// disk and published, so the Problems panel lists files nobody has opened.
// Files are found the way the CLI finds them in a folder.
import { expandArguments } from '../cli/files.js';
import { createIgnoreCheck } from '../cli/ignore.js';
import type { Linted } from './linter.js';
import type { Engine } from '../engine.js';

export interface WorkspaceLintSummary {
  /** Files linted. */
  files: number;
  /** Files with at least one finding (or that could not be read). */
  filesWithProblems: number;
  /** Findings in all files. */
  problems: number;
}

export interface WorkspaceLintHooks {
  /** The server's engine: it resolves each file's config (ignorePatterns). */
  engine: Engine;
  /** Open documents are skipped: the editor's text, not the disk's, is what they show. */
  isOpen(filePath: string): boolean;
  lint(filePath: string): Promise<Linted>;
  publish(linted: Linted): void;
  cancelled(): boolean;
}

export async function lintWorkspace(folders: string[], hooks: WorkspaceLintHooks): Promise<WorkspaceLintSummary> {
  const summary: WorkspaceLintSummary = { files: 0, filesWithProblems: 0, problems: 0 };
  if (folders.length === 0) return summary;
  // The files `policylint lint` would lint: .policylintignore and ignorePatterns apply.
  const { files } = await expandArguments(folders, process.cwd(), { isIgnored: createIgnoreCheck({ enabled: true, patterns: [], cwd: process.cwd(), overrides: {}, engine: hooks.engine }) });
  for (const filePath of files) {
    if (hooks.cancelled()) break;
    if (hooks.isOpen(filePath)) continue;
    // One file at a time, awaiting each: the server keeps answering the editor in between.
    const linted = await hooks.lint(filePath);
    hooks.publish(linted);
    const { result } = linted.outcome;
    const count = result.fatal !== undefined ? 1 : result.messages.length;
    summary.files++;
    summary.problems += count;
    if (count > 0) summary.filesWithProblems++;
  }
  return summary;
}
