// Runs the built CLI (bin/policylint.js → dist/) as a child process, as a user would.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/policylint.js', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  input?: string;
  env?: Record<string, string>;
}

export function runCli(args: string[], options: RunOptions = {}): Promise<CliRun> {
  return runNode(BIN, args, options);
}

/** Runs a Node script (policylint's CLI, remark-cli) as a child process without colours, and collects what it printed. */
export function runNode(script: string, args: string[], options: RunOptions = {}): Promise<CliRun> {
  return runCommand(process.execPath, [script, ...args], options);
}

/** Runs a program (node, or node under another user via setpriv) without colours, and collects what it printed. */
export function runCommand(command: string, args: string[], options: RunOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? REPO,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
