// policylint-lsp: the language server over stdio (or --node-ipc / --socket=N,
// which createConnection reads from the command line).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { ErrorLog } from './error-log.js';
import { startServer } from './server.js';

const connection = createConnection(ProposedFeatures.all);
const log = new ErrorLog(connection.console);

// Every handler already catches its own failures. These catch what escapes a
// timer or a library callback: one bad document must not take the editor's
// linting down for every other document, so log it and keep serving.
process.on('uncaughtException', (e) => log.error('policylint-lsp', e));
process.on('unhandledRejection', (e) => log.error('policylint-lsp', e));

startServer(connection);
