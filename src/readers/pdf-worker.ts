// The PDF worker thread: extracts one PDF's positioned text per request
// (pdf-extract.ts) and posts it back, or the one-line problem that stopped it.
// Started and bounded in time and memory by pdf-thread.ts.
import { parentPort } from 'node:worker_threads';
import { extractPdfText, PdfProblem, type PdfLimits, type PdfText } from './pdf-extract.js';

export interface PdfRequest {
  id: number;
  bytes: Uint8Array;
  limits: PdfLimits;
}

export type PdfReply = { id: number; text: PdfText } | { id: number; problem: string };

// pdf.js writes its warnings with console.log, which a worker thread sends to the process's standard output: the
// language server's protocol channel, or a JSON report. Nothing of it is for the analyst (problems come back as
// messages), so this thread's console is silent.
for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) console[method] = () => undefined;

parentPort?.on('message', (request: PdfRequest) => {
  extractPdfText(request.bytes, request.limits).then(
    (text) => parentPort!.postMessage({ id: request.id, text } satisfies PdfReply),
    (e: unknown) => {
      const problem = e instanceof PdfProblem ? e.message : `is damaged: pdf.js could not read it (${String((e as Error)?.message ?? e).split('\n')[0]})`;
      parentPort!.postMessage({ id: request.id, problem } satisfies PdfReply);
    },
  );
});
