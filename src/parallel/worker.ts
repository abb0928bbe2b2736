// A batch worker thread: compiles the rule set once (on its first file, in its
// engine) and then lints files by path, sending back only the
// LintResult. A file that cannot be read comes back as a fatal result, as
// in-process; anything else that escapes becomes a fatal result for that file.
import { parentPort, workerData } from 'node:worker_threads';
import { Engine, fatalResult } from '../engine.js';
import type { FromWorker, ToWorker, WorkerSetup } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('policylint: src/parallel/worker.js runs only as a worker thread');
const { overrides } = workerData as WorkerSetup;
const engine = new Engine();

port.on('message', (message: ToWorker) => {
  if (message.type === 'close') {
    port.close();
    return;
  }
  const { id, file } = message;
  engine.lintFile(file, { overrides })
    .then(
      (outcome) => outcome.result,
      (e: unknown) => fatalResult(file, `could not be linted (${(e as Error)?.message ?? String(e)})`),
    )
    .then((result) => {
      const reply: FromWorker = { type: 'result', id, result };
      try {
        port.postMessage(reply);
      } catch (e) {
        // Not structured-clone friendly (a rule put something odd in a finding): report it, keep going.
        port.postMessage({ type: 'result', id, result: fatalResult(file, `could not be linted (${(e as Error).message})`) } satisfies FromWorker);
      }
    });
});
