// End to end: `policylint serve` driven in headless Chromium (Debian's
// `chromium`, with playwright-core) as an analyst uses it. Checks the 403
// without the token; uploads a Word document with exactly three findings;
// accepts two (one with the second wording offered, one with the keyboard) and
// rejects one; downloads the redline and checks it holds exactly two tracked
// insertions by policylint, which LibreOffice opens; and that the page made no
// request outside its own origin. Skips when Chromium is not installed, except
// in CI (CI=true), where .ci/run installs it and a missing browser must fail.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from './helpers/cli.js';
import { entryText } from './helpers/docx-build.js';
import { startServe, threeFindingDocx, type Workbench } from './helpers/serve.js';
import { hasSoffice, sofficeConvert } from './helpers/soffice.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const OUTPUT = join(REPO, 'test-output');
const available = existsSync(CHROMIUM) || process.env.CI === 'true';


describe.skipIf(!available)('workbench in Chromium', () => {
  let work: string;
  let wb: Workbench;
  let context: BrowserContext;
  let page: Page;
  const outside: string[] = [];
  const dialogs: string[] = [];
  /** The wording chosen for the first finding. */
  let chosen = '';
  /** Console errors (a Content-Security-Policy violation shows as one), from the first load with the token on. */
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'policylint-workbench-'));
    mkdirSync(OUTPUT, { recursive: true });
    wb = await startServe(['--port', '0', '--no-config-lookup'], work);
    context = await chromium.launchPersistentContext(join(work, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      acceptDownloads: true,
      viewport: { width: 1280, height: 800 },
    });
    page = await context.newPage();
    // Any request to another origin is recorded (blob: URLs of this origin are the page's own downloads).
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(`${wb.origin}/`) && !url.startsWith(`blob:${wb.origin}/`)) outside.push(url);
    });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  }, 90_000);

  afterAll(async () => {
    await context?.close();
    if (wb) expect(await wb.stop()).toBe(0);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('refuses the page without the token', async () => {
    const res = await page.goto(`${wb.origin}/`);
    expect(res!.status()).toBe(403);
    expect(await page.locator('body').innerText()).toContain('Forbidden');
  });

  it('opens with the printed address, which it swaps for a cookie', async () => {
    consoleErrors.length = 0; // The 403 above is logged as one.
    await page.goto(wb.url);
    expect(page.url()).toBe(`${wb.origin}/`);
    await expect.poll(() => page.getByTestId('file-input').count()).toBe(1);
  });

  it('shows the three findings in place and the provision checklist beside them', async () => {
    await page.getByTestId('file-input').setInputFiles({ name: 'intake.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from(threeFindingDocx()) });
    const findings = page.getByTestId('finding');
    await expect.poll(() => findings.count(), { timeout: 20_000 }).toBe(3);
    expect(await findings.evaluateAll((els) => els.map((e) => [e.getAttribute('data-rule-id'), e.getAttribute('data-line'), e.textContent]))).toEqual([
      ['term/csec', '2', 'CSEC youth'],
      ['term/child-prostitute', '3', 'child prostitute'],
      ['term/sex-trafficking', '4', 'sex trafficking'],
    ]);
    const screening = page.locator('[data-testid="provision"][data-provision-id="labor-screening"]');
    expect(await screening.getAttribute('data-status')).toBe('partial');
    expect(await page.locator('[data-testid="provision"][data-provision-id="mdt-labor"]').getAttribute('data-status')).toBe('absent');
    // The side panel explains the selected finding, with its sources.
    expect(await page.locator('#finding-panel').innerText()).toMatch(/Why[\s\S]+Sources/);
  });

  it('accepts two findings (one by keyboard) and rejects one', async () => {
    const findings = page.getByTestId('finding');
    // The first, with the last wording offered.
    await findings.nth(0).click();
    const radios = page.locator('#finding-panel input[type="radio"]');
    const count = await radios.count();
    expect(count).toBeGreaterThan(0);
    await radios.nth(count - 1).check();
    chosen = await page.locator(`#finding-panel label[for="choice-${count - 1}"]`).innerText();
    await page.getByTestId('accept').click();
    // Accepting moves on to the next finding: reject it with the button.
    await expect.poll(() => findings.nth(1).getAttribute('data-state')).toBe('open');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-rule-id'))).toBe('term/child-prostitute');
    // Its replacement would reverse the sentence ("treats no child as …", docs/fixes.md): the panel asks for a reading,
    // and accepting every finding of the rule at once takes none.
    await expect.poll(() => page.getByTestId('unsafe').count()).toBe(1);
    expect(await page.getByTestId('accept-rule').isDisabled()).toBe(true);
    expect(await page.getByTestId('accept-rule').innerText()).toBe('Accept the 0 safe');
    await page.getByTestId('reject').click();
    // The third, with the keyboard: back to it with k then j, accept with a.
    await page.keyboard.press('k');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-rule-id'))).toBe('term/child-prostitute');
    // Focus is visible: the selected finding has a focus ring.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    expect(parseFloat(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineWidth))).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('j');
    await page.keyboard.press('a');
    expect(await findings.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).toEqual(['accepted', 'rejected', 'accepted']);
    expect(await page.locator('#counts').innerText()).toBe('3 findings · 2 accepted · 1 rejected · 0 to review');
    // The accepted wording shows after the struck-through words.
    expect(await page.locator('ins.replacement').first().innerText()).toBe(chosen);
  });

  it('downloads a redline with exactly two tracked insertions by policylint, which LibreOffice opens', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-redline').click()]);
    expect(download.suggestedFilename()).toBe('intake.policylint.docx');
    const file = join(work, 'intake.policylint.docx');
    await download.saveAs(file);
    const xml = entryText(new Uint8Array(readFileSync(file)), 'word/document.xml');
    const insertions = [...xml.matchAll(/<w:ins\b[^>]*>([\s\S]*?)<\/w:ins>/g)];
    expect(insertions).toHaveLength(2);
    for (const m of insertions) expect(m[0]).toMatch(/^<w:ins\b[^>]*w:author="policylint"/);
    expect(insertions.map((m) => m[1].replace(/<[^>]+>/g, ''))).toEqual([chosen, 'child trafficking']);
    expect([...xml.matchAll(/<w:del\b[^>]*w:author="policylint"/g)]).toHaveLength(2);
    // The rejected finding is left as written, outside any change.
    expect(xml).toMatch(/<w:t[^>]*>The agency treats no child as a child prostitute\.<\/w:t>/);
    // The checklist's partial and absent provisions came as comments.
    expect(entryText(new Uint8Array(readFileSync(file)), 'word/comments.xml')).toContain('provision/labor-screening');

    if (!hasSoffice() && process.env.CI !== 'true') return;
    const run = sofficeConvert(work, 'txt:Text', [file]);
    expect(run.status, `soffice failed: ${run.stderr}${run.stdout}`).toBe(0);
    // soffice exits 0 even when it cannot load the file: the output must exist and hold the text.
    const txt = join(work, 'intake.policylint.txt');
    expect(existsSync(txt), `LibreOffice could not open the redline: ${run.stderr}${run.stdout}`).toBe(true);
    expect(readFileSync(txt, 'utf8')).toContain('Intake Procedure');
  }, 150_000);

  it('downloads the HTML report, and the page asked nothing of any other origin', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-report').click()]);
    expect(download.suggestedFilename()).toBe('intake-report.html');
    const file = join(work, 'report.html');
    await download.saveAs(file);
    expect(readFileSync(file, 'utf8')).toContain('data-provision="labor-screening" data-status="partial"');
    await page.screenshot({ path: join(OUTPUT, 'workbench.png') });
    expect(outside).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(consoleErrors.join("\n")).toBe("");
  });

  it('says on the page when a file cannot be read, and keeps working', async () => {
    await page.getByTestId('file-input').setInputFiles({ name: 'broken.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('not a Word file') });
    await expect.poll(() => page.locator('#messages .error').innerText()).toMatch(/^broken\.docx: .+/);
    await page.getByTestId('file-input').setInputFiles([
      { name: 'a.md', mimeType: 'text/markdown', buffer: Buffer.from('# CSEC Protocol\n\nAn MDT meets for each CSEC youth.\n') },
      { name: 'b.md', mimeType: 'text/markdown', buffer: Buffer.from('# Child Trafficking Protocol\n\nThe MDT serves youth affected by sex or labor trafficking.\n') },
    ]);
    // Several documents: the coverage matrix, each cell linking to its document.
    const cell = page.locator('tr[data-document="a.md"] td[data-provision-id="mdt-labor"]');
    await expect.poll(() => cell.getAttribute('data-status'), { timeout: 20_000 }).toBe('partial');
    await cell.locator('a').click();
    await expect.poll(() => page.locator('[data-testid="provision"][data-provision-id="mdt-labor"]').evaluate((el) => el === document.activeElement)).toBe(true);
    // The Markdown document's fixed copy carries the accepted change only.
    const first = page.getByTestId('finding').first();
    expect(await first.getAttribute('data-rule-id')).toBe('term/csec-body');
    await first.click();
    await page.keyboard.press('a');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-fixed').click()]);
    expect(download.suggestedFilename()).toBe('a.policylint.md');
    await download.saveAs(join(work, 'a.policylint.md'));
    const fixed = readFileSync(join(work, 'a.policylint.md'), 'utf8');
    expect(fixed).not.toMatch(/^# CSEC Protocol$/m);
    expect(fixed).toContain('An MDT meets for each CSEC youth.');
    expect(outside).toEqual([]);
  });
});
