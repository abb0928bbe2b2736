// Starts `policylint serve` as a user would (the built CLI, a child process)
// and reads the address from the first line it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { BIN } from './cli.js';
import { para, wordPackage } from './docx-build.js';

export const FIRST_LINE = /^policylint workbench: (http:\/\/127\.0\.0\.1:(\d+))\/\?token=([A-Za-z0-9_-]{20,})$/;

export interface Workbench {
  child: ChildProcess;
  firstLine: string;
  url: string;
  origin: string;
  port: number;
  token: string;
  stderr: () => string;
  /** Ctrl-C; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** `bin`: another policylint launcher than this checkout's (an installed package's). */
export function startServe(args: string[], cwd: string, env: Record<string, string> = {}, bin = BIN): Promise<Workbench> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'serve', ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`policylint serve exited with ${code} before printing its address: ${stderr}`)));
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (firstLine) => {
      const m = FIRST_LINE.exec(firstLine);
      if (!m) return reject(new Error(`unexpected first line: ${firstLine}`));
      resolve({
        child,
        firstLine,
        url: firstLine.slice('policylint workbench: '.length),
        origin: m[1],
        port: Number(m[2]),
        token: m[3],
        stderr: () => stderr,
        stop: () => {
          if (child.exitCode === null) child.kill('SIGINT');
          return exited;
        },
      });
    });
  });
}

/** A short procedure with exactly three term findings: "CSEC youth" (split over two runs), "child prostitute", "sex trafficking". */
export function threeFindingDocx(): Uint8Array {
  return wordPackage({
    body: [
      para(['Intake Procedure'], '<w:pStyle w:val="Heading1"/>'),
      para(['Social workers screen every ', ['CSEC youth', '<w:b/>'], ' at intake.']),
      para(['The agency treats no child as a child prostitute.']),
      para(['Referrals for sex trafficking go to the hotline.']),
    ].join(''),
  });
}
