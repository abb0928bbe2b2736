// End to end: what a steering committee reads in `policylint report`, opened in
// headless Chromium. Copies of one document (Word, PDF, Markdown) make one
// row listing its formats; the county-wide row says whether any document
// covers each provision and which; the action list ranks absent provisions,
// then partial ones, then documents by CSEC-only terms, each linking to its
// model language; an MOU that has the HHS notice shows it present; an empty
// document is present for nothing; the steering-committee check is asked only
// of documents that describe a committee; Word locations are paragraphs; and
// printed (page.pdf), the matrix repeats its header on every page it spans.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from './helpers/cli.js';
import { para, wordPackage } from './helpers/docx-build.js';
import { buildPdf, column } from './helpers/pdf-build.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const OUTPUT = join(REPO, 'test-output');
const available = existsSync(CHROMIUM) || process.env.CI === 'true';
const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const TITLE = 'Youth Intake Protocol';
const LINES = ['Social workers screen each CSEC youth at intake.', 'Suspected abuse is reported to the Child Abuse Hotline.'];

function setUp(dir: string): void {
  mkdirSync(join(dir, 'set'), { recursive: true });
  const docx = wordPackage({ body: [para([TITLE], '<w:pStyle w:val="Heading1"/>'), ...LINES.map((l) => para([l]))].join('') });
  writeFileSync(join(dir, 'set/intake.docx'), docx);
  writeFileSync(join(dir, 'set/intake.md'), `# ${TITLE}\n\n${LINES.join('\n\n')}\n`);
  writeFileSync(join(dir, 'set/intake.pdf'), buildPdf([column([TITLE, '', ...LINES], 72)]));
  writeFileSync(
    join(dir, 'set/notice-mou.md'),
    '# Memorandum of Understanding on Child Trafficking\n\nThe parties notify HHS within 24 hours when a foreign national child may be a victim of sex or labor trafficking.\n',
  );
  writeFileSync(join(dir, 'set/empty.md'), '');
  writeFileSync(
    join(dir, 'set/team-policy.md'),
    '# Child Trafficking Policy\n\n## Steering Committee\n\nA steering committee oversees the county response to the sex and labor trafficking of children.\n',
  );
}

interface Cell {
  provision: string;
  status: string;
}

describe.skipIf(!available)('the committee report in Chromium', () => {
  let work: string;
  let context: BrowserContext;
  let page: Page;
  let html: string;

  const cells = (row: string) => page.locator(row).locator('td.cell').evaluateAll((els) => els.map((e) => ({ provision: e.getAttribute('data-provision')!, status: e.getAttribute('data-status')! })));
  const statusOf = (list: Cell[], id: string) => list.find((c) => c.provision === id)?.status;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'policylint-committee-'));
    mkdirSync(OUTPUT, { recursive: true });
    setUp(work);
    const run = await runCli(['report', 'set', '-o', 'report.html', '--no-config-lookup', '--title', 'Sierra Vista County policy review'], { cwd: work });
    expect(run.code, run.stderr).toBe(0);
    html = readFileSync(join(work, 'report.html'), 'utf8');
    context = await chromium.launchPersistentContext(join(work, 'profile'), { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1400, height: 900 } });
    await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
    page = await context.newPage();
    await page.goto(pathToFileURL(join(work, 'report.html')).href);
  }, 90_000);

  afterAll(async () => {
    await context?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('gives one row to the three formats of one document, listing them', async () => {
    const rows = page.getByTestId('doc-row');
    expect(await rows.count()).toBe(4);
    const intake = page.locator('tr[data-testid="doc-row"][data-path="set/intake.docx"]');
    expect(await intake.locator('.formats').getAttribute('data-formats')).toBe('docx md pdf');
    expect(await page.locator('.totals li').first().innerText()).toMatch(/^4\s+documents$/);
    // Its CSEC-only term is counted once, not three times.
    expect(await intake.locator('td[data-csec-only-terms]').innerText()).toBe('1');
    // Word locations are paragraphs.
    expect(await intake.locator('td[data-provision="canra-labor"]').getAttribute('title')).toMatch(/paragraph 3/);
    expect(html).toMatch(/<span>Paragraph 2<\/span><code>term\/csec<\/code>/);
  });

  it('shows a provision present where a document has it, though its type need not; an empty document has nothing present', async () => {
    const mou = await cells('tr[data-testid="doc-row"][data-path="set/notice-mou.md"]');
    expect(statusOf(mou, 'hhs-24h-notice')).toBe('present');
    expect(statusOf(mou, 'labor-screening')).toBe('not-applicable');
    const empty = await cells('tr[data-testid="doc-row"][data-path="set/empty.md"]');
    expect(empty.filter((c) => c.status === 'present')).toEqual([]);
  });

  it('asks the steering-committee question only of documents that describe a committee', async () => {
    expect(statusOf(await cells('tr[data-testid="doc-row"][data-path="set/team-policy.md"]'), 'steering-committee-inclusive')).toBe('present');
    expect(statusOf(await cells('tr[data-testid="doc-row"][data-path="set/intake.docx"]'), 'steering-committee-inclusive')).toBe('not-applicable');
  });

  it('has a county-wide row: whether any document covers each provision, and which', async () => {
    const county = page.getByTestId('county-row');
    expect(await county.count()).toBe(1);
    const hhs = county.locator('td[data-provision="hhs-24h-notice"]');
    expect(await hhs.getAttribute('data-status')).toBe('present');
    expect(await hhs.getAttribute('data-covered-by')).toBe('Memorandum of Understanding on Child Trafficking');
    expect(await county.locator('td[data-provision="tribal-collaboration"]').getAttribute('data-status')).toBe('absent');
    await county.scrollIntoViewIfNeeded();
    await page.locator('table.matrix').screenshot({ path: join(OUTPUT, 'report-county.png') });
  });

  it('ranks what to fix first: absent provisions, then partial ones, then documents by CSEC-only terms, each with its model language', async () => {
    const items = page.getByTestId('action-list').locator('li');
    const kinds = await items.evaluateAll((els) => els.map((e) => e.className));
    const last = (k: string) => kinds.lastIndexOf(k);
    const first = (k: string) => kinds.indexOf(k);
    expect(first('action-absent')).toBe(0);
    if (first('action-partial') !== -1) expect(first('action-partial')).toBeGreaterThan(last('action-absent'));
    expect(first('action-terms')).toBeGreaterThan(Math.max(last('action-absent'), last('action-partial')));
    // An absent provision links to its model language, which the report holds.
    const tribal = items.filter({ has: page.locator('a') }).and(page.locator('li[data-provision="tribal-collaboration"]'));
    await tribal.locator('a').click();
    expect(await page.evaluate(() => location.hash)).toBe('#model-tribal-collaboration');
    expect(await page.locator('#model-tribal-collaboration blockquote').innerText()).not.toBe('');
    expect(await items.last().innerText()).toMatch(/^Replace 1 CSEC-only term in “Youth Intake Protocol”/);
    await page.getByTestId('action-list').screenshot({ path: join(OUTPUT, 'report-actions.png') });
  });

  it.skipIf(!hasPoppler && process.env.CI !== 'true')('prints on landscape pages with the matrix header on every page the matrix spans, colours kept', async () => {
    // Enough documents that the matrix runs over several pages.
    const many = join(work, 'many');
    mkdirSync(many);
    for (let i = 1; i <= 24; i++) writeFileSync(join(many, `unit-${String(i).padStart(2, '0')}.md`), `# Unit ${String(i).padStart(2, '0')} Procedure\n\nStaff meet each CSEC youth within a day.\n`);
    const run = await runCli(['report', 'many', '-o', 'many.html', '--no-config-lookup'], { cwd: work });
    expect(run.code, run.stderr).toBe(0);
    const p = await context.newPage();
    await p.goto(pathToFileURL(join(work, 'many.html')).href);
    const pdf = join(work, 'many.pdf');
    await p.pdf({ path: pdf, preferCSSPageSize: true, printBackground: false });
    await p.close();
    const pages = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\f').filter((t) => t.trim());
    // Landscape: wider than tall.
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!;
    expect(Number(w)).toBeGreaterThan(Number(h));
    // Matrix pages: those with a row's type cell ("policy*", guessed).
    const matrixPages = pages.filter((t) => /policy\*/.test(t));
    expect(matrixPages.length).toBeGreaterThan(1);
    // The header's first cells, in reading order.
    for (const t of matrixPages) expect(t).toMatch(/^Document Type\b/m);
    // Each document's details start a page of their own.
    expect(pages.filter((t) => /^\s*Unit \d\d Procedure many\/unit-\d\d\.md —/.test(t)).length).toBe(24);
    // The colours are printed though backgrounds are off (print-color-adjust: exact): the absent cells' pink is on the page.
    const ppm = execFileSync('pdftoppm', ['-r', '20', '-f', '3', '-l', '3', pdf], { maxBuffer: 64 * 1024 * 1024 });
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))!;
    const pixels = ppm.subarray(header[0].length);
    let pink = 0;
    for (let i = 0; i + 2 < pixels.length; i += 3) if (Math.abs(pixels[i] - 0xfd) < 6 && Math.abs(pixels[i + 1] - 0xe2) < 6 && Math.abs(pixels[i + 2] - 0xe1) < 6) pink++;
    expect(pink).toBeGreaterThan(100);
    // The third page: the matrix going on, under its header again.
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '3', '-l', '3', pdf, join(OUTPUT, 'report-print')]);
  }, 120_000);
});
