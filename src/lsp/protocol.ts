// policylint's own requests, shared by the server and the VS Code extension.
// Dependency-free so the extension can bundle it without the server's code.

/** Lints every policy document in the workspace folders and publishes the results. */
export const LINT_WORKSPACE_REQUEST = 'policylint/lintWorkspace';

export interface LintWorkspaceResult {
  files: number;
  filesWithProblems: number;
  problems: number;
  /** True when the client cancelled the request before every file was linted. */
  cancelled: boolean;
}
