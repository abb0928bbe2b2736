// Timing and memory of child processes and in-process functions.
//
// Peak RSS of a child: GNU time (`/usr/bin/time -f %M`, the kernel's ru_maxrss
// of the child, which counts every thread of that process) when it is
// installed; otherwise the parent polls /proc/PID/status (VmHWM) every 10 ms.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';

function hasGnuTime() {
  if (!existsSync(GNU_TIME)) return false;
  const probe = spawnSync(GNU_TIME, ['-f', '%M', 'true'], { encoding: 'utf8' });
  return probe.status === 0 && /^\d+\s*$/m.test(probe.stderr);
}

export const RSS_METHOD = hasGnuTime() ? 'gnu-time' : 'proc-vmhwm';
export const RSS_METHOD_TEXT = RSS_METHOD === 'gnu-time'
  ? 'GNU time (/usr/bin/time -f %M: ru_maxrss of the child, all its threads)'
  : 'polling /proc/PID/status VmHWM every 10 ms (GNU time not installed: apt-get install time)';

/**
 * Runs a command; resolves with wall time (ms), peak RSS (MB), exit code and
 * the tail of stderr. stdout is discarded (every tool's report is printed and thrown away).
 */
export function runMeasured(command, args, options = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'policylint-bench-time-'));
  const timeFile = join(scratch, 'time.txt');
  const [cmd, argv] = RSS_METHOD === 'gnu-time' ? [GNU_TIME, ['-f', '%M', '-o', timeFile, command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, argv, { cwd: options.cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr = (stderr + d).slice(-4000);
    });
    let peakKb = 0;
    let poll;
    if (RSS_METHOD === 'proc-vmhwm') {
      poll = setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m) peakKb = Math.max(peakKb, Number(m[1]));
        } catch {
          // exited between two polls
        }
      }, 10);
    }
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      clearInterval(poll);
      if (RSS_METHOD === 'gnu-time') {
        const text = existsSync(timeFile) ? readFileSync(timeFile, 'utf8') : '';
        // GNU time writes "Command exited with non-zero status N" before the figure.
        const m = /(\d+)\s*$/.exec(text.trim());
        peakKb = m ? Number(m[1]) : 0;
      }
      rmSync(scratch, { recursive: true, force: true });
      resolve({ wallMs, peakRssMb: peakKb / 1024, code, stderr });
    });
  });
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function percentile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** Runs `fn` `runs` times (after `warmup` unmeasured runs); returns each duration in ms. */
export async function timeRuns(fn, runs, warmup = 1) {
  for (let i = 0; i < warmup; i++) await fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times;
}

/** Several runs of a child process: median wall time and median peak RSS. */
export async function runMedian(label, command, args, runs, options = {}) {
  const all = [];
  for (let i = 0; i < runs; i++) {
    const r = await runMeasured(command, args, options);
    if (options.okCodes && !options.okCodes.includes(r.code)) {
      throw new Error(`${label} exited with ${r.code}:\n${r.stderr}`);
    }
    all.push(r);
    log(`  ${label} run ${i + 1}/${runs}: ${(r.wallMs / 1000).toFixed(2)} s, ${r.peakRssMb.toFixed(0)} MB peak RSS (exit ${r.code})`);
  }
  return {
    wallMs: median(all.map((r) => r.wallMs)),
    peakRssMb: median(all.map((r) => r.peakRssMb)),
    runs: all.map((r) => ({ wallMs: Math.round(r.wallMs), peakRssMb: Math.round(r.peakRssMb), code: r.code })),
  };
}

/** Progress goes to stderr so that stdout holds only the results. */
export function log(line) {
  process.stderr.write(`${line}\n`);
}
