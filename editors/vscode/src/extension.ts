// policylint for VS Code: a thin client. All linting happens in the bundled
// language server (dist/server/lsp/main.mjs, built from src/lsp); this file
// starts it and adds the "policylint: Lint Workspace" command.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { LINT_WORKSPACE_REQUEST, type LintWorkspaceResult } from '../../../src/lsp/protocol';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // The bundled server finds the rule data in dist/rules and dist/schema (see
  // build.mjs for why it sits two folders below them).
  const module = context.asAbsolutePath(path.join('dist', 'server', 'lsp', 'main.mjs'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'untitled', language: 'plaintext' },
    ],
    // No `synchronize`: the server asks for policylint.* settings itself
    // (workspace/configuration) and registers for their changes.
  };
  client = new LanguageClient('policylint', 'policylint', serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.commands.registerCommand('policylint.lintWorkspace', () => lintWorkspace()),
  );
  await client.start();
}

async function lintWorkspace(): Promise<void> {
  const running = client;
  if (!running) return;
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage('policylint: open a folder to lint its policies.');
    return;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'policylint: linting policies in the workspace', cancellable: true },
    (_progress, token) => running.sendRequest<LintWorkspaceResult>(LINT_WORKSPACE_REQUEST, {}, token),
  );
  const files = `${result.files} ${result.files === 1 ? 'file' : 'files'}`;
  const summary = result.problems === 0 ? `no problems in ${files}` : `${result.problems} problems in ${result.filesWithProblems} of ${files}`;
  const action = await vscode.window.showInformationMessage(`policylint: ${summary}${result.cancelled ? ' (stopped early)' : ''}.`, ...(result.problems > 0 ? ['Show Problems'] : []));
  if (action === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
