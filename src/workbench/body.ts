// Reads an upload into memory, stopping as soon as it passes the size limit:
// a file over --max-size is never held whole, whatever size it claims.
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';

export class TooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`larger than the ${formatSize(maxBytes)} limit`);
  }
}

export function formatSize(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Number(mb.toFixed(1))} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** The body, or a TooLarge rejection as soon as the declared length or the bytes received pass `maxBytes`. */
export function readBody(request: Readable & { headers: IncomingHttpHeaders }, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) return reject(new TooLarge(maxBytes));
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        stop();
        chunks.length = 0;
        reject(new TooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (e: Error) => {
      stop();
      reject(e);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}
