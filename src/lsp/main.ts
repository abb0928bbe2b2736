// policylint-lsp: the language server over stdio (or --node-ipc / --socket=N,
// which createConnection reads from the command line).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { ErrorLog } from './error-log.js';
import { startServer } from './server.js';
import { transportProblem } from './transport-args.js';

// Without a transport the library throws with a stack trace: one line and exit status 2 instead.
const problem = transportProblem(process.argv.slice(2));
if (problem) {
  process.stderr.write(`policylint-lsp: ${problem}\n`);
  process.exit(2);
}

const connection = createConnection(ProposedFeatures.all);
const log = new ErrorLog(connection.console);

// Every handler already catches its own failures. These catch what escapes a
// timer or a library callback: one bad document must not take the editor's
// linting down for every other document, so log it and keep serving.
process.on('uncaughtException', (e) => log.error('policylint-lsp', e));
process.on('unhandledRejection', (e) => log.error('policylint-lsp', e));

startServer(connection);
