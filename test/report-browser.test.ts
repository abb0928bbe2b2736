// End to end: `policylint report` on the fixture folder, opened in headless
// Chromium (Debian's `chromium`, driven by playwright-core) with the network
// cut off. Checks the matrix against the lint command's own statuses, the
// legend, a detail view, and that a document titled <script>alert(1)</script>
// shows as text without running. Saves test-output/report.png for CI.
// Skips when Chromium is not installed, except in CI (CI=true), where .ci/run
// installs it and a missing browser must fail.
import { existsSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from './helpers/cli.js';

const CHROMIUM = '/usr/bin/chromium';
const FIXTURES = fileURLToPath(new URL('./fixtures-config/', import.meta.url));
const OUTPUT = join(REPO, 'test-output');
const REPORT = join(OUTPUT, 'report.html');
const SCREENSHOT = join(OUTPUT, 'report.png');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

interface LintJson {
  filePath: string;
  messages: { ruleId: string }[];
  provisions: { id: string; status: string }[];
}

const available = existsSync(CHROMIUM) || process.env.CI === 'true';

describe.skipIf(!available)('coverage report in Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];
  const requests: string[] = [];
  let lintStatuses: Map<string, Map<string, string>>;
  let mdtModel: string;

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    const run = await runCli(['report', 'coverage', '-o', REPORT], { cwd: FIXTURES });
    expect(run.code).toBe(0);
    const out = JSON.parse((await runCli(['--format', 'json-with-metadata', 'coverage'], { cwd: FIXTURES })).stdout) as { results: LintJson[]; metadata: { rulesMeta: Record<string, { docs: { model?: string } }> } };
    const json = out.results;
    expect(json.find((r) => r.filePath.endsWith('csec-protocol.md'))!.messages.some((m) => m.ruleId === 'provision/mdt-labor')).toBe(true);
    mdtModel = out.metadata.rulesMeta['provision/mdt-labor'].docs.model!;
    lintStatuses = new Map(json.map((r) => [r.filePath.slice(FIXTURES.length), new Map(r.provisions.map((p) => [p.id, p.status]))]));

    context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'policylint-chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      viewport: { width: 1400, height: 900 },
    });
    // No network: anything but the report file itself is recorded and refused.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      requests.push(url);
      return route.abort();
    });
    page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(pathToFileURL(REPORT).href);
  }, 90_000);

  afterAll(async () => {
    await context?.close();
  });

  const cell = (path: string, provision: string) => page.locator(`tr[data-path="${path}"] td[data-provision="${provision}"]`);

  it('shows the known statuses of the fixture documents, each with a symbol and a word', async () => {
    const expectations: [string, string, string, string][] = [
      ['coverage/csec-protocol.md', 'mdt-labor', 'partial', '◐'],
      ['coverage/csec-protocol.md', 'inclusive-title', 'partial', '◐'],
      ['coverage/csec-protocol.md', 'tribal-collaboration', 'absent', '✘'],
      ['coverage/inclusive-protocol.md', 'mdt-labor', 'present', '✔'],
      ['coverage/inclusive-protocol.md', 'tribal-collaboration', 'present', '✔'],
      ['coverage/mou/partner-mou.md', 'training-labor', 'not-applicable', '–'],
      ['coverage/mou/partner-mou.md', 'mdt-labor', 'present', '✔'],
    ];
    for (const [path, provision, status, symbol] of expectations) {
      const c = cell(path, provision);
      await expect.poll(() => c.getAttribute('data-status')).toBe(status);
      const text = await c.textContent();
      expect(text).toContain(symbol);
      expect(text!.toLowerCase()).toContain(status === 'not-applicable' ? 'not applicable' : status);
    }
    // Colour too: present and absent cells differ.
    const background = (path: string, provision: string) => cell(path, provision).evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await background('coverage/inclusive-protocol.md', 'mdt-labor')).not.toBe(await background('coverage/csec-protocol.md', 'tribal-collaboration'));
  });

  it('agrees with the lint command on every cell', async () => {
    const cells = await page.locator('tr[data-testid="doc-row"] td.cell').evaluateAll((els) =>
      els.map((el) => ({ path: el.closest('tr')!.getAttribute('data-path')!, provision: el.getAttribute('data-provision')!, status: el.getAttribute('data-status')! })),
    );
    expect(cells.length).toBe([...lintStatuses.values()].reduce((n, m) => n + m.size, 0));
    for (const c of cells) expect(c.status).toBe(lintStatuses.get(c.path)!.get(c.provision));
  });

  it('groups provision columns under the key areas, with a legend', async () => {
    const groups = await page.locator('th.area').evaluateAll((els) => els.map((el) => [el.textContent, Number(el.getAttribute('colspan'))]));
    expect(groups.map(([label]) => label)).toEqual(['Training', 'Identification', 'Protocols', 'Collaboration', 'Services']);
    expect(groups.reduce((n, [, span]) => n + (span as number), 0)).toBe(await page.locator('th.provision').count());
    const legend = await page.locator('ul.legend').innerText();
    for (const word of ['Present', 'Partial', 'Absent', 'Not applicable']) expect(legend).toContain(word);
    expect(await page.locator('table.areas tbody tr').first().innerText()).toMatch(/Prevention\s+No provision checks in this area/);
  });

  it('counts CSEC-only terms per document and opens a detail view with citations and model text', async () => {
    // "CSEC Protocol" in the title (term/csec-body) and "CSEC youth" (term/csec), both too narrow.
    expect(await page.locator('tr[data-path="coverage/csec-protocol.md"] td[data-csec-only-terms]').innerText()).toBe('2');
    expect(await page.locator('tr[data-path="coverage/inclusive-protocol.md"] td[data-csec-only-terms]').innerText()).toBe('0');
    await page.locator('tr[data-path="coverage/csec-protocol.md"] th a').click();
    const detail = page.locator('details', { has: page.locator('summary .path', { hasText: 'coverage/csec-protocol.md' }) });
    await detail.locator('summary').click();
    await expect.poll(() => detail.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    const mdt = detail.locator('li.finding', { has: page.locator('code', { hasText: 'provision/mdt-labor' }) });
    const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
    expect(squash(await mdt.locator('blockquote.model').innerText())).toBe(squash(mdtModel));
    expect(await mdt.locator('.sources li').count()).toBeGreaterThan(0);
    expect(await detail.locator('li.finding', { has: page.locator('code', { hasText: 'term/csec' }) }).first().innerText()).toMatch(/Suggested wording: “.+”/);
  });

  it('shows a document titled <script>alert(1)</script> as text and runs nothing', async () => {
    const title = page.locator('tr[data-path="coverage/xss-title.md"] th a');
    expect(await title.textContent()).toBe('<script>alert(1)</script>');
    expect(await page.locator('script').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('loads nothing from the network, and saves a screenshot for CI', async () => {
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
    expect(requests).toEqual([]);
  });
});
