// Who may use the workbench: whoever holds the token printed when it started.
// The page's first load carries it in the query; the server answers with an
// HttpOnly, SameSite=Strict cookie, so the token leaves the address bar and
// no other site can make the browser use it. Programs may send it as a header.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const TOKEN_HEADER = 'x-policylint-token';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Cookies are not kept apart by port: two workbenches on one machine each need a name of their own. */
export function cookieName(port: number): string {
  return `policylint-${port}`;
}

export function tokenCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

function same(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export type Access = 'query' | 'cookie' | 'header' | 'denied';

/**
 * How a request proved it holds the token, or 'denied'. The Host must name this
 * loopback address and port (a page on another site that rebinds its DNS name
 * to 127.0.0.1 sends its own name), and a cross-site Origin is refused.
 */
export function checkAccess(request: { url?: string; headers: IncomingHttpHeaders }, token: string, port: number): Access {
  const { headers } = request;
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!hosts.includes(headers.host ?? '')) return 'denied';
  if (headers.origin !== undefined && !hosts.some((h) => headers.origin === `http://${h}`)) return 'denied';
  const query = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('token') ?? undefined;
  if (same(query, token)) return 'query';
  const header = headers[TOKEN_HEADER];
  if (same(Array.isArray(header) ? header[0] : header, token)) return 'header';
  if (same(cookieValue(headers.cookie, cookieName(port)), token)) return 'cookie';
  return 'denied';
}
