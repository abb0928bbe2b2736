// The workbench's HTTP server: Node's http on 127.0.0.1 only. Every request
// must carry the token (checkAccess); the page and its two assets come from
// dist/workbench/assets, built with the CLI; the API turns uploads and the
// analyst's decisions into views and downloads (review.ts). Nothing here
// fetches from anywhere, and the Content-Security-Policy lets the page load
// only from this origin.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ReadError } from '../errors.js';
import { STATUS_LEGEND } from '../report/html.js';
import { reportTime } from '../report/words.js';
import { checkAccess, tokenCookie } from './access.js';
import { readBody, TooLarge } from './body.js';
import { READABLE, ReviewError, ReviewStore, uploadName, WORKBENCH_EXTENSIONS, type Download } from './review.js';
import type { ExceptionRequest, RedlineRequest, ReportRequest, ServerSettings } from './view.js';

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** JSON requests (decisions, ids) are small: a megabyte is far more than a document's decisions take. */
const MAX_JSON_BYTES = 1024 * 1024;

const ASSETS: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
  '/favicon.svg': { file: 'favicon.svg', type: 'image/svg+xml' },
};

export interface WorkbenchOptions {
  token: string;
  maxBytes: number;
  store: ReviewStore;
  /** Folder holding index.html, app.js, app.css and favicon.svg. */
  assets: URL;
  /** For the HTML report's footer. */
  version: string;
  now?: () => Date;
}

export function defaultAssets(): URL {
  return new URL('../workbench/assets/', import.meta.url);
}

function loadAssets(folder: URL): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const { file } of Object.values(ASSETS)) {
    try {
      files.set(file, readFileSync(new URL(file, folder)));
    } catch {
      throw new ReadError(new URL(file, folder).pathname, 'is missing: the workbench page was not built (run `npm run build`)');
    }
  }
  return files;
}

function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function sendDownload(res: ServerResponse, d: Download): void {
  const headers: Record<string, string> = { 'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(d.name)}` };
  if (d.skipped !== undefined) headers['X-Policylint-Skipped'] = String(d.skipped);
  send(res, 200, d.type, d.body, headers);
}

async function readJson<T>(req: IncomingMessage): Promise<T> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) throw new ReviewError('expected JSON', 415);
  try {
    return JSON.parse((await readBody(req, MAX_JSON_BYTES)).toString('utf8')) as T;
  } catch (e) {
    if (e instanceof SyntaxError) throw new ReviewError('the request is not valid JSON');
    throw e;
  }
}


/** The request's path, without the query (which may carry the token). */
const url = (req: IncomingMessage) => (req.url ?? '/').split('?')[0];

/** A workbench server, not yet listening: `listen(port, '127.0.0.1')` it (listenWorkbench does). */
export function createWorkbenchServer(options: WorkbenchOptions): Server {
  const assets = loadAssets(options.assets);
  const { store, token, maxBytes } = options;
  let port = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const access = checkAccess(req, token, port);
    if (access === 'denied') {
      return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden: open the address policylint serve printed when it started (it carries the access token).\n');
    }
    if (access === 'query' && req.method === 'GET') {
      // Swap the token in the address for a cookie, so it stays out of the history and of copied links.
      url.searchParams.delete('token');
      res.writeHead(303, { ...SECURITY_HEADERS, 'Set-Cookie': tokenCookie(port, token), Location: url.pathname + url.search });
      return void res.end();
    }
    const path = url.pathname;
    const asset = ASSETS[path];
    if (asset && (req.method === 'GET' || req.method === 'HEAD')) return send(res, 200, asset.type, assets.get(asset.file)!);
    if (req.method === 'GET' && path === '/api/settings') {
      const settings: ServerSettings = { maxBytes, extensions: WORKBENCH_EXTENSIONS, readable: READABLE, legend: STATUS_LEGEND };
      return sendJson(res, 200, settings);
    }
    if (req.method !== 'POST') return send(res, 404, 'text/plain; charset=utf-8', 'Not found\n');

    if (path === '/api/documents') {
      const name = uploadName(req.headers['x-file-name'] as string | undefined);
      let bytes: Buffer;
      try {
        bytes = await readBody(req, maxBytes);
      } catch (e) {
        if (e instanceof TooLarge) throw new ReviewError(`${name} is ${e.message} (start policylint serve with --max-size to change it)`, 413);
        throw e;
      }
      return sendJson(res, 201, await store.add(name, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length)));
    }
    const doc = /^\/api\/documents\/([\w-]+)\/(redline|fixed)$/.exec(path);
    if (doc) {
      const request = await readJson<RedlineRequest>(req);
      if (!Array.isArray(request.accepted)) throw new ReviewError('expected the accepted findings');
      const reviewer = typeof request.reviewer === 'string' ? request.reviewer : undefined;
      if (doc[2] === 'redline') return sendDownload(res, store.redline(doc[1], { accepted: request.accepted, comments: Array.isArray(request.comments) ? request.comments : [], reviewer }));
      return sendDownload(res, store.fixed(doc[1], request.accepted));
    }
    if (path === '/api/report' || path === '/api/matrix') {
      const request = await readJson<ReportRequest>(req);
      if (!Array.isArray(request.ids)) throw new ReviewError('expected the documents');
      if (path === '/api/matrix') return sendJson(res, 200, store.matrix(request.ids));
      const meta = { title: 'Child trafficking policy coverage', generated: reportTime(options.now?.() ?? new Date()), version: options.version };
      const decisions = request.decisions && typeof request.decisions === 'object' ? request.decisions : undefined;
      const reviewer = typeof request.reviewer === 'string' ? request.reviewer : undefined;
      return sendDownload(res, store.report(request.ids, request.format === 'markdown' ? 'markdown' : 'html', meta, decisions, reviewer));
    }
    if (path === '/api/exceptions') {
      const request = await readJson<ExceptionRequest>(req);
      if (!Array.isArray(request.items)) throw new ReviewError('expected the findings marked as exceptions');
      return sendDownload(res, store.exceptions(request));
    }
    return send(res, 404, 'text/plain; charset=utf-8', 'Not found\n');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      const status = e instanceof ReviewError ? e.status : 500;
      const message = e instanceof ReviewError ? e.message : `policylint could not do this (${(e as Error).message ?? String(e)})`;
      // One line, never a stack trace: the analyst reads this terminal too.
      if (status === 500) process.stderr.write(`policylint serve: ${req.method} ${url(req)}: ${message}\n`);
      if (res.headersSent) return void res.destroy();
      // An upload refused half-way: answer, then drop the connection rather than read the rest.
      const unread = !req.complete;
      send(res, status, 'application/json; charset=utf-8', JSON.stringify({ error: message }), unread ? { Connection: 'close' } : {});
      if (unread) res.on('finish', () => req.socket.destroy());
    });
  });
  server.on('listening', () => {
    port = (server.address() as AddressInfo).port;
  });
  return server;
}

/** Listens on 127.0.0.1 (never another interface); `port` 0 picks a free one. Resolves with the port. */
export function listenWorkbench(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
