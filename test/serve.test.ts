// The workbench server's gatekeeping and its work, without a browser: the
// token (query → cookie, header), the Host and Origin checks, the upload size
// limit enforced while the bytes arrive, unreadable files, the downloads made
// from the analyst's decisions, and the CLI's first line and clean Ctrl-C.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAccess, cookieName, newToken, tokenCookie } from '../src/workbench/access.js';
import { readBody, TooLarge } from '../src/workbench/body.js';
import { ReviewStore } from '../src/workbench/review.js';
import { createWorkbenchServer, CSP, listenWorkbench } from '../src/workbench/server.js';
import type { DocumentView } from '../src/workbench/view.js';
import { REPO, runCli } from './helpers/cli.js';
import { entryText } from './helpers/docx-build.js';
import { startServe, threeFindingDocx } from './helpers/serve.js';

const TOKEN = 'a'.repeat(32);
const host = { host: '127.0.0.1:4000' };

describe('access token', () => {
  it('is new and long on every start', () => {
    const a = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(newToken()).not.toBe(a);
  });

  it('is accepted from the query, a header or this port\'s cookie, and nothing else', () => {
    expect(checkAccess({ url: `/?token=${TOKEN}`, headers: host }, TOKEN, 4000)).toBe('query');
    expect(checkAccess({ url: '/api/settings', headers: { ...host, 'x-policylint-token': TOKEN } }, TOKEN, 4000)).toBe('header');
    expect(checkAccess({ url: '/', headers: { ...host, cookie: `other=1; ${cookieName(4000)}=${TOKEN}` } }, TOKEN, 4000)).toBe('cookie');
    expect(checkAccess({ url: '/', headers: host }, TOKEN, 4000)).toBe('denied');
    expect(checkAccess({ url: `/?token=${'b'.repeat(32)}`, headers: host }, TOKEN, 4000)).toBe('denied');
    expect(checkAccess({ url: `/?token=${TOKEN}x`, headers: host }, TOKEN, 4000)).toBe('denied');
    // Another workbench's cookie (another port) does not open this one.
    expect(checkAccess({ url: '/', headers: { ...host, cookie: `${cookieName(4001)}=${TOKEN}` } }, TOKEN, 4000)).toBe('denied');
  });

  it('is refused with another Host (DNS rebinding) or from another site', () => {
    expect(checkAccess({ url: `/?token=${TOKEN}`, headers: { host: 'evil.example:4000' } }, TOKEN, 4000)).toBe('denied');
    expect(checkAccess({ url: `/?token=${TOKEN}`, headers: { host: '127.0.0.1:4001' } }, TOKEN, 4000)).toBe('denied');
    expect(checkAccess({ url: `/?token=${TOKEN}`, headers: { ...host, origin: 'http://evil.example' } }, TOKEN, 4000)).toBe('denied');
    expect(checkAccess({ url: `/?token=${TOKEN}`, headers: { ...host, origin: 'http://127.0.0.1:4000' } }, TOKEN, 4000)).toBe('query');
    expect(checkAccess({ url: `/?token=${TOKEN}`, headers: { host: 'localhost:4000' } }, TOKEN, 4000)).toBe('query');
  });

  it('goes in an HttpOnly, SameSite=Strict cookie', () => {
    expect(tokenCookie(4000, TOKEN)).toBe(`policylint-4000=${TOKEN}; Path=/; HttpOnly; SameSite=Strict`);
  });
});

describe('upload size limit', () => {
  const stream = (headers: Record<string, string> = {}) => Object.assign(new PassThrough(), { headers });

  it('reads a body up to the limit', async () => {
    const s = stream();
    const body = readBody(s, 10);
    s.end(Buffer.from('0123456789'));
    expect((await body).toString()).toBe('0123456789');
  });

  it('stops at the first byte over the limit, without waiting for the rest', async () => {
    const s = stream();
    const body = readBody(s, 10);
    s.write(Buffer.from('012345'));
    s.write(Buffer.from('6789X'));
    // The stream never ends: the refusal must not wait for it.
    await expect(body).rejects.toBeInstanceOf(TooLarge);
    expect(s.listenerCount('data')).toBe(0);
  });

  it('refuses a declared length over the limit before reading anything', async () => {
    const s = stream({ 'content-length': '11' });
    await expect(readBody(s, 10)).rejects.toThrow('larger than the 1 KB limit');
  });
});

describe('workbench server', () => {
  const token = newToken();
  const server = createWorkbenchServer({
    token,
    maxBytes: 64 * 1024,
    store: new ReviewStore(REPO, { useConfigFiles: false }),
    assets: pathToFileURL(`${REPO}dist/workbench/assets/`),
    version: 'test',
  });
  let port = 0;
  beforeAll(async () => {
    port = await listenWorkbench(server, 0);
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  const call = (path: string, init: { method?: string; headers?: Record<string, string>; body?: Uint8Array | string } = {}) =>
    fetch(`http://127.0.0.1:${port}${path}`, { redirect: 'manual', ...init, headers: { 'x-policylint-token': token, ...init.headers } });
  const upload = (name: string, body: Uint8Array | string) => call('/api/documents', { method: 'POST', headers: { 'x-file-name': encodeURIComponent(name) }, body });

  it('listens on 127.0.0.1 only', () => {
    expect((server.address() as AddressInfo).address).toBe('127.0.0.1');
  });

  it('answers 403 to every request without the token', async () => {
    for (const path of ['/', '/app.js', '/api/settings', '/nothing']) {
      const res = await fetch(`http://127.0.0.1:${port}${path}`);
      expect(res.status, path).toBe(403);
    }
    const post = await fetch(`http://127.0.0.1:${port}/api/documents`, { method: 'POST', headers: { 'x-file-name': 'a.md' }, body: 'CSEC youth' });
    expect(post.status).toBe(403);
  });

  it('swaps the token in the address for a cookie, then serves the page with a strict CSP', async () => {
    const first = await fetch(`http://127.0.0.1:${port}/?token=${token}`, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const page = await fetch(`http://127.0.0.1:${port}/`, { headers: { cookie: cookie.split(';')[0] } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CSP);
    expect(CSP).toContain("default-src 'self'");
    const html = await page.text();
    expect(html).toContain('data-testid="file-input"');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc="\/app\.js")/);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('refuses a file over --max-size with a message naming it, and keeps running', async () => {
    const big = new Uint8Array(65 * 1024).fill(65);
    const res = await upload('big.md', big);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toBe('big.md is larger than the 64 KB limit (start policylint serve with --max-size to change it)');
    const ok = await upload('small.md', '# Protocol\n\nEvery CSEC youth is screened.\n');
    expect(ok.status).toBe(201);
  });

  it('refuses a streamed upload over the limit that declares no length', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/documents', method: 'POST', headers: { 'x-policylint-token': token, 'x-file-name': 'endless.md', 'transfer-encoding': 'chunked' } });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(16 * 1024, 65);
      // Keep sending (up to 10 MB) until the server answers.
      let sent = 0;
      const pump = () => {
        while (sent < 10 * 1024 * 1024 && req.write(chunk)) sent += chunk.length;
        if (sent < 10 * 1024 * 1024) req.once('drain', pump);
      };
      pump();
    });
    expect(status).toBe(413);
    expect((await upload('after.md', 'CSEC youth')).status).toBe(201);
  });

  it('names an unreadable file and the problem', async () => {
    const broken = await upload('broken.docx', 'this is not a zip');
    expect(broken.status).toBe(422);
    expect(((await broken.json()) as { error: string }).error).toMatch(/^broken\.docx: .+/);
    // A PDF is reviewed read-only (test/workbench-review-browser.test.ts); a damaged one is named like any file.
    const pdf = await upload('scan.pdf', '%PDF-1.4');
    expect(pdf.status).toBe(422);
    expect(((await pdf.json()) as { error: string }).error).toMatch(/^scan\.pdf: .+/);
    const image = await upload('scan.png', 'not a policy');
    expect(image.status).toBe(415);
    expect(((await image.json()) as { error: string }).error).toBe('scan.png: policylint reads .docx, .md, .markdown, .txt and .pdf files');
  });

  it('writes the Word redline with only the accepted findings, each with the replacement chosen', async () => {
    const view = (await (await upload('three.docx', threeFindingDocx())).json()) as DocumentView;
    expect(view.findings.map((f) => f.ruleId)).toEqual(['term/csec', 'term/child-prostitute', 'term/sex-trafficking']);
    // "The agency treats no child as a child prostitute": a rejected label, whose replacement --fix would not make.
    expect(view.findings.map((f) => f.safe)).toEqual([true, false, true]);
    const [csec, , sex] = view.findings;
    const choice = csec.choices.length - 1;
    const res = await call(`/api/documents/${view.id}/redline`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accepted: [{ finding: csec.index, choice }, { finding: sex.index, choice: 0 }], comments: ['mdt-labor'] }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('three.policylint.docx');
    const bytes = new Uint8Array(await res.arrayBuffer());
    const xml = entryText(bytes, 'word/document.xml');
    const inserted = [...xml.matchAll(/<w:ins [^>]*w:author="policylint"[^>]*>([\s\S]*?)<\/w:ins>/g)].map((m) => m[1].replace(/<[^>]+>/g, ''));
    expect(inserted).toEqual([csec.choices[choice], sex.choices[0]]);
    expect(xml).toContain('child prostitute');
    const comments = entryText(bytes, 'word/comments.xml');
    expect(comments).toContain('provision/mdt-labor');
    expect(comments).not.toContain('provision/canra-labor');
  });

  it('writes the fixed Markdown with only the accepted replacements', async () => {
    const view = (await (await upload('protocol.md', '# Protocol\n\nEvery CSEC youth is screened. No child prostitute is arrested.\n')).json()) as DocumentView;
    expect(view.findings).toHaveLength(2);
    const res = await call(`/api/documents/${view.id}/fixed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accepted: [{ finding: view.findings[0].index, choice: 0 }] }) });
    const text = await res.text();
    expect(text).toBe(`# Protocol\n\nEvery ${view.findings[0].choices[0]} is screened. No child prostitute is arrested.\n`);
    // A change whose words run through emphasis is left for the analyst, and counted.
    const emphasis = (await (await upload('emphasis.md', '# Protocol\n\nEvery *CSEC* youth is screened.\n')).json()) as DocumentView;
    const skipped = await call(`/api/documents/${emphasis.id}/fixed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accepted: [{ finding: emphasis.findings[0].index, choice: 0 }] }) });
    expect(skipped.headers.get('x-policylint-skipped')).toBe('1');
    expect(await skipped.text()).toBe('# Protocol\n\nEvery *CSEC* youth is screened.\n');
    const report = await call('/api/report', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ids: [view.id], format: 'markdown' }) });
    expect(await report.text()).toContain('protocol.md');
  });
});

describe('policylint serve', () => {
  it('prints its address first, answers 403 without the token, and stops cleanly on Ctrl-C', async () => {
    const wb = await startServe(['--port', '0', '--no-config-lookup'], REPO);
    expect(wb.port).toBeGreaterThan(0);
    expect((await fetch(`${wb.origin}/`)).status).toBe(403);
    expect((await fetch(`${wb.origin}/api/settings`, { headers: { 'x-policylint-token': wb.token } })).status).toBe(200);
    expect(await wb.stop()).toBe(0);
  });

  it('refuses a bad port or size in one line, before starting', async () => {
    const port = await runCli(['serve', '--port', '70000']);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('expected a port number from 0 to 65535');
    const size = await runCli(['serve', '--max-size', '0']);
    expect(size.code).toBe(2);
    expect(size.stderr).toContain('expected a number above 0');
  });

  it.skipIf(process.platform !== 'linux')('opens the address with xdg-open when asked (--open)', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'policylint-open-'));
    const opened = join(bin, 'opened.txt');
    writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`, { mode: 0o755 });
    const wb = await startServe(['--open', '--no-config-lookup'], REPO, { PATH: `${bin}:${process.env.PATH}` });
    try {
      await expect.poll(() => (existsSync(opened) ? readFileSync(opened, 'utf8') : ''), { timeout: 10_000 }).toBe(wb.url);
    } finally {
      await wb.stop();
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
