// Lints a batch of files across worker threads (node:worker_threads). Each
// worker compiles the rule set once and lints files by path; only LintResult
// objects come back, so nothing format-specific crosses threads. Small batches,
// and `threads: 1`, are linted in this thread: starting a worker costs about as
// much as linting a few dozen files.
//
// Results are returned in the order of `files`, whatever order workers finish in.
// A file whose worker dies (a crash, running out of memory) gets a fatal result
// naming the problem; the batch goes on with a new worker.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ConfigOverrides } from '../config/index.js';
import { Engine, fatalResult } from '../engine.js';
import type { LintResult } from '../types.js';
import type { FromWorker, ToWorker, WorkerSetup } from './protocol.js';

/** Files per worker below which another worker is not worth starting. */
export const MIN_FILES_PER_THREAD = 25;

/**
 * Old-generation heap of each worker, in MB. V8 sizes heaps from the machine's
 * memory, so unbounded workers each grew to ~150 MB on a 1,000-file batch; at
 * 128 MB the batch peaks ~260 MB in all with no loss of speed (docs/performance.md).
 * A file too large for it is linted again in the main thread, whose heap is not capped.
 */
export const WORKER_HEAP_MB = 128;

export interface BatchOptions {
  /** Worker threads to use; 1 lints in this thread. Default: one per core, at most one per MIN_FILES_PER_THREAD files. */
  threads?: number;
  overrides?: ConfigOverrides;
  /** The engine that lints in this thread (no workers, or a file too big for one); a new one when absent. */
  engine?: Engine;
  /** Called as each file finishes (in completion order), e.g. to move a progress bar. */
  onResult?: (result: LintResult, index: number) => void;
  /** The worker script (tests and embedders); default: worker.js beside this module. */
  workerUrl?: URL;
  /** Old-generation heap limit of each worker in MB (default WORKER_HEAP_MB). */
  workerHeapMb?: number;
}

export interface BatchOutcome {
  /** One result per file, in the order given. */
  results: LintResult[];
  /** Worker threads used; 0 when the batch was linted in this thread. */
  threads: number;
}

/** How many worker threads a batch of `fileCount` files gets (1 = in this thread). */
export function threadCount(fileCount: number, requested?: number): number {
  if (fileCount <= 1) return 1;
  if (requested !== undefined) return Math.max(1, Math.min(Math.floor(requested), fileCount));
  return Math.max(1, Math.min(availableParallelism(), Math.floor(fileCount / MIN_FILES_PER_THREAD)));
}

async function lintInProcess(engine: Engine, files: string[], overrides: ConfigOverrides, onResult: BatchOptions['onResult'], results: LintResult[], indices: number[]): Promise<void> {
  const strings = new StringPool();
  for (const i of indices) {
    results[i] = strings.result((await engine.lintFile(files[i], { overrides })).result);
    onResult?.(results[i], i);
  }
}

export async function lintFiles(files: string[], options: BatchOptions = {}): Promise<BatchOutcome> {
  const overrides = options.overrides ?? {};
  const results: LintResult[] = new Array(files.length);
  const threads = threadCount(files.length, options.threads);
  if (threads <= 1) {
    await lintInProcess(options.engine ?? new Engine(), files, overrides, options.onResult, results, files.map((_, i) => i));
    return { results, threads: 0 };
  }
  const used = await new Promise<number>((resolve, reject) => {
    new Batch(files, overrides, results, options, threads, resolve, reject).start();
  });
  return { results, threads: used };
}

/**
 * Results from a worker arrive as fresh copies of every string, and findings
 * repeat the same long messages, citations and model language thousands of
 * times (300 files of the benchmark batch: ~226,000 strings, ~430 distinct). Keeping one copy
 * of each is what keeps the main thread's memory near in-process linting's.
 */
class StringPool {
  private readonly strings = new Map<string, string>();

  get(s: string): string;
  get(s: string | undefined): string | undefined;
  get(s: string | undefined): string | undefined {
    if (s === undefined) return s;
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
  }

  result(r: LintResult): LintResult {
    for (const m of r.messages) {
      m.ruleId = this.get(m.ruleId);
      m.message = this.get(m.message);
      m.found = this.get(m.found);
      m.citations = m.citations.map((c) => this.get(c));
      // A term's suggestions made in this thread are one frozen copy already; a worker's come as copies.
      if (!Object.isFrozen(m.suggestions)) {
        for (const sg of m.suggestions) {
          sg.desc = this.get(sg.desc);
          sg.text = this.get(sg.text);
          if (sg.insert) sg.insert.text = this.get(sg.insert.text);
        }
      }
      if (m.fix) m.fix.text = this.get(m.fix.text);
    }
    for (const p of r.provisions) {
      p.id = this.get(p.id);
      p.title = this.get(p.title);
      p.message = this.get(p.message);
    }
    return r;
  }
}

interface Slot {
  worker: Worker;
  /** The file index this worker is linting, if any. */
  busy?: number;
  /** Files this worker finished. */
  done: number;
}

class Batch {
  /** Lints here what no worker can. */
  private readonly engine: Engine;
  /** File indices not yet handed to a worker, in order. */
  private readonly queue: number[];
  /** Some worker has finished a file: workers can run here. */
  private anyWorked = false;
  private finished = 0;
  private startupFailures = 0;
  private readonly slots = new Set<Slot>();
  private settled = false;
  private readonly workerUrl: URL;
  private readonly strings = new StringPool();

  constructor(
    private readonly files: string[],
    private readonly overrides: ConfigOverrides,
    private readonly results: LintResult[],
    private readonly options: BatchOptions,
    private readonly threads: number,
    /** Called with the number of worker threads that linted files (0: all were linted in this thread). */
    private readonly resolve: (threadsUsed: number) => void,
    private readonly reject: (e: unknown) => void,
  ) {
    this.queue = files.map((_, i) => i);
    this.engine = options.engine ?? new Engine();
    this.workerUrl = options.workerUrl ?? new URL('./worker.js', import.meta.url);
  }

  start(): void {
    for (let t = 0; t < this.threads; t++) this.spawn();
  }

  private spawn(): void {
    const setup: WorkerSetup = { overrides: this.overrides };
    let worker: Worker;
    try {
      worker = new Worker(this.workerUrl, { workerData: setup, resourceLimits: { maxOldGenerationSizeMb: this.options.workerHeapMb ?? WORKER_HEAP_MB } });
    } catch (e) {
      this.fail(e);
      return;
    }
    const slot: Slot = { worker, done: 0 };
    this.slots.add(slot);
    worker.on('message', (message: FromWorker) => this.received(slot, message));
    // 'error' is followed by 'exit': whichever comes first does the bookkeeping.
    worker.on('error', (e: Error) => this.died(slot, e.message, (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'));
    worker.on('exit', (code) => this.died(slot, `exit code ${code}`));
    this.feed(slot);
  }

  private feed(slot: Slot): void {
    const index = this.queue.shift();
    slot.busy = index;
    const message: ToWorker = index === undefined ? { type: 'close' } : { type: 'lint', id: index, file: this.files[index] };
    slot.worker.postMessage(message);
  }

  private received(slot: Slot, message: FromWorker): void {
    if (this.settled || message.type !== 'result' || message.id !== slot.busy) return;
    slot.done++;
    this.anyWorked = true;
    slot.busy = undefined;
    this.complete(message.id, this.strings.result(message.result));
    if (!this.settled) this.feed(slot);
  }

  private complete(index: number, result: LintResult): void {
    this.results[index] = result;
    this.finished++;
    try {
      this.options.onResult?.(result, index);
    } catch (e) {
      this.fail(e);
      return;
    }
    if (this.finished === this.files.length) this.succeed();
  }

  private died(slot: Slot, why: string, outOfMemory = false): void {
    if (!this.slots.delete(slot) || this.settled) return;
    const lost = slot.busy;
    if (lost !== undefined && outOfMemory) {
      // Too big for a worker's heap: lint it here, where the heap is not capped.
      if (!this.anyWorked) this.startupFailures++;
      lintInProcess(this.engine, this.files, this.overrides, (r, i) => this.complete(i, r), this.results, [lost]).catch((e: unknown) => this.fail(e));
    } else if (lost !== undefined && !this.anyWorked) {
      // No worker has finished a file yet: workers may not run here at all (a missing
      // worker script, no memory for a thread). Put the file back; after `threads`
      // such failures the rest of the batch is linted in this thread.
      this.startupFailures++;
      this.queue.unshift(lost);
    } else if (lost !== undefined) {
      // Workers do run: this file took its worker down (e.g. out of memory). Report it and go on.
      this.complete(lost, fatalResult(this.files[lost], `could not be linted (policylint's worker thread stopped: ${why})`));
    }
    if (this.settled || this.queue.length === 0) return;
    if (this.startupFailures < this.threads) {
      this.spawn();
    } else if (this.slots.size === 0) {
      const rest = this.queue.splice(0);
      lintInProcess(this.engine, this.files, this.overrides, (r, i) => this.complete(i, r), this.results, rest).catch((e: unknown) => this.fail(e));
    }
  }

  private succeed(): void {
    this.settled = true;
    for (const slot of this.slots) void slot.worker.terminate();
    this.resolve(this.anyWorked ? this.threads : 0);
  }

  private fail(e: unknown): void {
    if (this.settled) return;
    this.settled = true;
    for (const slot of this.slots) void slot.worker.terminate();
    this.reject(e);
  }
}
