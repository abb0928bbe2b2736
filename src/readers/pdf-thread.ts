// Runs PDF text extraction in a worker thread with a time limit and memory
// limits, the PDF counterpart of the Word reader's inflate limits: a file that
// takes too long or makes the process grow too much is stopped (the thread is
// ended), one that fills the thread's heap ends its thread instead of the
// process, and either way the file gets one clear ReadError and the other
// files of the batch are still linted.
//
// One thread is kept for the PDFs of a run (pdf.js loads once, ~0.2 s) and lets
// the process exit while idle. Requests are served one at a time.
import { Worker } from 'node:worker_threads';
import { ReadError } from '../errors.js';
import type { PdfLimits, PdfText } from './pdf-extract.js';
import type { PdfReply, PdfRequest } from './pdf-worker.js';

export interface PdfThreadLimits extends PdfLimits {
  /** Wall-clock time one file may take, in milliseconds. */
  timeoutMs: number;
  /** Heap of the PDF thread, in MB. */
  heapMb: number;
  /**
   * How much the process may grow while one PDF is read, in MB. The heap limit does not cover the buffers pdf.js
   * decompresses streams into (a 400 KB file can hold a 400 MB stream), so the process's resident size is watched.
   */
  growthMb: number;
}

export const PDF_LIMITS: PdfThreadLimits = {
  maxPages: 5_000,
  maxChars: 30_000_000,
  timeoutMs: 60_000,
  heapMb: 1_024,
  growthMb: 1_536,
};

/** How often the process's size is looked at while a PDF is read. */
const WATCH_MS = 50;

// Beside this module (dist/readers/) and, from the CLI bundle in dist/bin/, the same file.
const WORKER_URL = new URL('../readers/pdf-worker.js', import.meta.url);

let thread: { worker: Worker; heapMb: number } | undefined;
let nextId = 0;
let queue: Promise<unknown> = Promise.resolve();

/** The positioned text of a PDF's pages, or a ReadError naming the file and the problem. */
export function extractInThread(filePath: string, bytes: Uint8Array, limits: PdfThreadLimits = PDF_LIMITS): Promise<PdfText> {
  const run = queue.then(() => extractOnce(filePath, bytes, limits));
  queue = run.catch(() => undefined);
  return run;
}

function workerFor(heapMb: number): Worker {
  if (thread && thread.heapMb === heapMb) return thread.worker;
  if (thread) void thread.worker.terminate();
  const worker = new Worker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  thread = { worker, heapMb };
  worker.unref();
  worker.on('exit', () => {
    if (thread?.worker === worker) thread = undefined;
  });
  return worker;
}

function extractOnce(filePath: string, bytes: Uint8Array, limits: PdfThreadLimits): Promise<PdfText> {
  const worker = workerFor(limits.heapMb);
  const id = ++nextId;
  return new Promise<PdfText>((resolve, reject) => {
    const finish = (error?: ReadError, text?: PdfText) => {
      clearTimeout(timer);
      clearInterval(watch);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      worker.unref();
      if (error) reject(error);
      else resolve(text!);
    };
    const stop = (problem: string) => {
      // A thread that ran out of time or memory is not reused: the next PDF gets a fresh one.
      if (thread?.worker === worker) thread = undefined;
      void worker.terminate();
      finish(new ReadError(filePath, problem));
    };
    const onMessage = (reply: PdfReply) => {
      if (reply.id !== id) return;
      if ('problem' in reply) finish(new ReadError(filePath, reply.problem));
      else finish(undefined, reply.text);
    };
    const onError = (e: Error) => {
      const outOfMemory = (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      stop(outOfMemory ? `needs more than ${limits.heapMb} MB of memory to read; refusing it (a damaged file or a PDF bomb?)` : `could not be read (${e.message})`);
    };
    const onExit = (code: number) => stop(`could not be read (the PDF reader stopped with exit code ${code})`);
    const timer = setTimeout(() => stop(`took longer than ${limits.timeoutMs / 1000} s to read; stopped (a damaged file or a PDF bomb?)`), limits.timeoutMs);
    const before = process.memoryUsage.rss();
    const watch = setInterval(() => {
      if (process.memoryUsage.rss() - before > limits.growthMb * 2 ** 20) stop(`needs more than ${limits.growthMb} MB of memory to read; refusing it (a damaged file or a PDF bomb?)`);
    }, WATCH_MS);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.ref();
    // A copy of the bytes goes over: the caller keeps its own (lintFile returns them).
    const request: PdfRequest = { id, bytes, limits: { maxPages: limits.maxPages, maxChars: limits.maxChars } };
    worker.postMessage(request);
  });
}
