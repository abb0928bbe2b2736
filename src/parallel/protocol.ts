// Messages between the batch pool (pool.ts) and its worker threads (worker.ts).
// Everything sent is structured-clone friendly: file paths in, LintResult out.
import type { ConfigOverrides } from '../config/index.js';
import type { LintResult } from '../types.js';

/** Given to each worker when it starts. */
export interface WorkerSetup {
  overrides: ConfigOverrides;
}

export type ToWorker = { type: 'lint'; id: number; file: string } | { type: 'close' };

export type FromWorker = { type: 'result'; id: number; result: LintResult };
