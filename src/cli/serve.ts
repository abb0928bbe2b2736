// `policylint serve`: the analyst workbench. Starts the local server
// (src/workbench/server.ts), prints the one address to open, opens the browser
// when asked, and stops cleanly on Ctrl-C. Uploaded documents live in this
// process's memory only, so stopping it forgets them.
import { spawn } from 'node:child_process';
import type { ConfigOverrides } from '../config/index.js';
import type { Engine } from '../engine.js';
import { newToken } from '../workbench/access.js';
import { ReviewStore } from '../workbench/review.js';
import { createWorkbenchServer, defaultAssets, listenWorkbench } from '../workbench/server.js';
import { VERSION } from '../report/package.js';
import { UsageError } from './failure.js';


export interface ServeFlags {
  port: number;
  open?: boolean;
  maxSize: number;
}

/** The platform's "open this with the default program" command. */
function openCommand(url: string): [string, string[]] {
  if (process.platform === 'darwin') return ['open', [url]];
  if (process.platform === 'win32') return ['cmd', ['/c', 'start', '""', url]];
  return ['xdg-open', [url]];
}

function openBrowser(url: string): void {
  const [command, args] = openCommand(url);
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write(`policylint serve: could not open a browser (${command}); open the address above yourself\n`));
  child.unref();
}

/** Why the server could not listen on `port`, in one line. */
function portProblem(port: number, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return `port ${port} is already in use (another program, or another policylint serve); choose another with --port, or leave --port out to take a free one`;
  if (code === 'EACCES') return `port ${port} needs administrator rights; choose one above 1023, or leave --port out`;
  return `could not listen on 127.0.0.1:${port} (${(e as Error).message})`;
}

/** Runs until SIGINT or SIGTERM; resolves with the exit status. */
export async function runServe(flags: ServeFlags, overrides: ConfigOverrides, engine: Engine): Promise<number> {
  const token = newToken();
  const server = createWorkbenchServer({
    token,
    maxBytes: Math.round(flags.maxSize * 1024 * 1024),
    store: new ReviewStore(process.cwd(), overrides, engine),
    assets: defaultAssets(),
    version: VERSION,
  });
  const port = await listenWorkbench(server, flags.port).catch((e: unknown) => {
    throw new UsageError(`serve: ${portProblem(flags.port, e)}`);
  });
  const url = `http://127.0.0.1:${port}/?token=${token}`;
  process.stdout.write(`policylint workbench: ${url}\n`);
  process.stderr.write('Open that address in your browser. Documents stay on this computer, in memory; press Ctrl-C to stop.\n');
  if (flags.open) openBrowser(url);
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      server.close(() => resolve(0));
      server.closeAllConnections();
      process.stderr.write('policylint workbench stopped.\n');
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
