// How an editor starts the language server: `--stdio`, `--node-ipc`,
// `--socket=PORT` or `--pipe=NAME` (vscode-languageserver reads them). Started
// without one, by hand from a terminal, the library throws with a stack trace;
// this says what to do in one line instead.

/** Why these arguments give the server no way to talk to an editor, or undefined when they do. */
export function transportProblem(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split(/=(.*)/s, 2);
    const value = inline ?? argv[i + 1];
    if (name === '--stdio' || name === '--node-ipc') return undefined;
    if (name === '--socket') return /^\d+$/.test(value ?? '') && Number(value) > 0 && Number(value) < 65536 ? undefined : `--socket needs a port number from 1 to 65535, not ${JSON.stringify(value ?? '')}`;
    if (name === '--pipe') return value ? undefined : '--pipe needs the name of a pipe';
  }
  return 'an editor starts the language server as `policylint-lsp --stdio` (or --node-ipc, --socket=PORT, --pipe=NAME); see docs/editors.md';
}
