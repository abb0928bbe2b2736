// End to end: the analyst's review in `policylint serve`, driven in headless
// Chromium through the real server. A review is kept in the browser (a reload
// shows the documents and decisions again) and in a review file that opens in
// another browser; the report downloads state the decisions; the analyst's own
// wording is what the redline inserts, by the reviewer named on the page; undo
// takes a decision back; a rejected finding marked as the county's name of
// record or an allowed phrase becomes a rule pack that stops the CLI flagging
// it; a PDF is reviewed read-only. Screenshots for docs/ are written to
// test-output/ (scripts copy them; see docs/workbench.md).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from './helpers/cli.js';
import { entryText } from './helpers/docx-build.js';
import { buildPdf, column } from './helpers/pdf-build.js';
import { startServe, threeFindingDocx, type Workbench } from './helpers/serve.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const OUTPUT = join(REPO, 'test-output');
const available = existsSync(CHROMIUM) || process.env.CI === 'true';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Two findings to mark as the county's own and one that must stay: a name of record, an allowed phrase, a stigmatizing term. */
const COUNTY_MD = `# Youth Services Protocol

The Sunrise CSEC Youth Circle meets weekly.

Staff never call a child a child prostitute.

Staff refer each CSEC youth to an advocate.
`;

describe.skipIf(!available)('the analyst\'s review in Chromium', () => {
  let work: string;
  let wb: Workbench;
  let context: BrowserContext;
  let page: Page;

  async function launch(profile: string): Promise<BrowserContext> {
    return chromium.launchPersistentContext(join(work, profile), { executablePath: CHROMIUM, headless: true, args: FLAGS, acceptDownloads: true, viewport: { width: 1280, height: 800 } });
  }

  async function download(p: Page, testid: string, name: string): Promise<string> {
    const [d] = await Promise.all([p.waitForEvent('download'), p.getByTestId(testid).first().click()]);
    const file = join(work, name);
    await d.saveAs(file);
    return file;
  }

  const decisions = (p: Page) => p.getByTestId('finding').evaluateAll((els) => els.map((e) => e.getAttribute('data-decision')));

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'policylint-review-'));
    mkdirSync(OUTPUT, { recursive: true });
    writeFileSync(join(work, 'county.md'), COUNTY_MD);
    wb = await startServe(['--port', '0', '--no-config-lookup'], work);
    context = await launch('profile');
    page = await context.newPage();
    await page.goto(wb.url);
  }, 90_000);

  afterAll(async () => {
    await context?.close();
    if (wb) expect(await wb.stop()).toBe(0);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('keeps the decisions in the browser: a reload shows the document and each decision again', async () => {
    await page.getByTestId('file-input').setInputFiles({ name: 'intake.docx', mimeType: DOCX, buffer: Buffer.from(threeFindingDocx()) });
    await expect.poll(() => page.getByTestId('finding').count(), { timeout: 20_000 }).toBe(3);
    expect(await decisions(page)).toEqual(['pending', 'pending', 'pending']);
    await page.getByTestId('accept').click();
    await page.getByTestId('reject').click();
    expect(await decisions(page)).toEqual(['accepted', 'rejected', 'pending']);
    await page.reload();
    await expect.poll(() => page.getByTestId('finding').count(), { timeout: 20_000 }).toBe(3);
    expect(await decisions(page)).toEqual(['accepted', 'rejected', 'pending']);
    expect(await page.locator('#counts').innerText()).toBe('3 findings · 1 accepted · 1 rejected · 1 to review');
    // It resumes at the finding still to review.
    expect(await page.locator('mark.selected').getAttribute('data-rule-id')).toBe('term/sex-trafficking');
    await page.screenshot({ path: join(OUTPUT, 'workbench-kept.png') });
  }, 60_000);

  it('undoes the last decision', async () => {
    await page.getByTestId('accept').click();
    expect(await decisions(page)).toEqual(['accepted', 'rejected', 'accepted']);
    await page.getByTestId('undo').click();
    expect(await decisions(page)).toEqual(['accepted', 'rejected', 'pending']);
    await page.keyboard.press('u');
    // The step before the reload is not in this page's history: the reload started a new one.
    expect(await decisions(page)).toEqual(['accepted', 'rejected', 'pending']);
  });

  it('inserts the analyst\'s own wording in the redline, by the reviewer named on the page', async () => {
    await page.getByTestId('reviewer-name').fill('Dana Ruiz');
    await page.getByTestId('reviewer-name').press('Tab');
    const own = page.getByTestId('custom-replacement');
    await own.fill('trafficking of any kind');
    await page.getByTestId('accept').click();
    expect(await page.locator('ins.replacement').nth(1).innerText()).toBe('trafficking of any kind');
    await page.getByTestId('finding').nth(2).click();
    await page.screenshot({ path: join(OUTPUT, 'workbench-wording.png') });
    const file = await download(page, 'download-redline', 'intake.policylint.docx');
    const xml = entryText(new Uint8Array(readFileSync(file)), 'word/document.xml');
    const insertions = [...xml.matchAll(/<w:ins\b([^>]*)>([\s\S]*?)<\/w:ins>/g)];
    expect(insertions).toHaveLength(2);
    expect(insertions[1][2].replace(/<[^>]+>/g, '')).toBe('trafficking of any kind');
    for (const m of insertions) expect(m[1]).toContain('w:author="Dana Ruiz"');
    expect(xml).not.toContain('w:author="policylint"');
    expect(entryText(new Uint8Array(readFileSync(file)), 'word/comments.xml')).toMatch(/w:author="Dana Ruiz"/);
  }, 60_000);

  it('states each decision with its wording in the HTML and Markdown report downloads', async () => {
    const html = readFileSync(await download(page, 'download-report', 'intake-report.html'), 'utf8');
    expect(html).toMatch(/data-accepted="2" data-rejected="1" data-pending="0"/);
    expect(html).toContain('reviewed by Dana Ruiz');
    expect(html).toMatch(/<tr data-decision="accepted"><td>paragraph 4<\/td><td><code>term\/sex-trafficking<\/code><\/td><td>Accepted<\/td><td>“sex trafficking” → “trafficking of any kind”<\/td><\/tr>/);
    expect(html).toMatch(/<tr data-decision="rejected"><td>paragraph 3<\/td>[\s\S]*?left as written/);
    const md = readFileSync(await download(page, 'download-report-markdown', 'intake-report.md'), 'utf8');
    expect(md).toContain('### Review decisions');
    expect(md).toContain('2 accepted · 1 rejected · 0 still to review · reviewed by Dana Ruiz');
    expect(md).toContain('| paragraph 4 | `term/sex-trafficking` | accepted | “sex trafficking” → “trafficking of any kind” |');
  });

  it('writes a review file that another browser opens with the decisions', async () => {
    const file = await download(page, 'download-review', 'intake.review.json');
    const other = await launch('profile-colleague');
    try {
      const p = await other.newPage();
      await p.goto(wb.url);
      await p.getByTestId('file-input').setInputFiles(file);
      await expect.poll(() => p.getByTestId('finding').count(), { timeout: 20_000 }).toBe(3);
      expect(await decisions(p)).toEqual(['accepted', 'rejected', 'accepted']);
      expect(await p.locator('ins.replacement').nth(1).innerText()).toBe('trafficking of any kind');
      expect(await p.getByTestId('reviewer-name').inputValue()).toBe('Dana Ruiz');
    } finally {
      await other.close();
    }
  }, 60_000);

  it('turns "not a finding here" into a rule pack that stops the CLI flagging those words, and only those', async () => {
    await page.getByTestId('file-input').setInputFiles(join(work, 'county.md'));
    const findings = page.getByTestId('finding');
    await expect.poll(() => findings.evaluateAll((els) => els.map((e) => e.textContent)), { timeout: 20_000 }).toEqual(['CSEC', 'child prostitute', 'CSEC youth']);
    // The county's program: a name of record, marked right after the reject.
    await page.getByTestId('reject').click();
    await page.getByTestId('exception-name-of-record').click();
    expect(await page.getByTestId('exception-name-of-record').getAttribute('aria-pressed')).toBe('true');
    // A phrase the county allows.
    await findings.nth(2).click();
    await page.getByTestId('reject').click();
    await page.getByTestId('exception-allow').click();
    await page.screenshot({ path: join(OUTPUT, 'workbench-exceptions.png') });
    const pack = await download(page, 'download-exceptions', 'county-exceptions.policylint.yaml');
    const text = readFileSync(pack, 'utf8');
    expect(text).toContain('# From county.md, line 3.');
    expect(text).toContain('# From county.md, line 7.');
    const yaml = parseYaml(text) as { namesOfRecord: { name: string }[]; contexts: { match: string[] }[] };
    expect(yaml.namesOfRecord.map((n) => n.name)).toEqual(['Sunrise CSEC Youth Circle']);
    expect(yaml.contexts.map((c) => c.match)).toEqual([['CSEC youth']]);
    const Ajv = Ajv2020 as unknown as typeof Ajv2020.default;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(REPO, 'schema/rule-pack.schema.json'), 'utf8')));
    expect(validate(yaml), JSON.stringify(validate.errors)).toBe(true);

    const terms = async (args: string[]) => {
      const run = await runCli(['--no-config-lookup', '--format', 'json', ...args, 'county.md'], { cwd: work });
      return (JSON.parse(run.stdout) as { messages: { ruleId: string; line: number }[] }[])[0].messages.filter((m) => m.ruleId.startsWith('term/')).map((m) => `${m.line} ${m.ruleId}`);
    };
    expect(await terms([])).toEqual(['3 term/csec', '5 term/child-prostitute', '7 term/csec']);
    expect(await terms(['--rule-pack', pack])).toEqual(['5 term/child-prostitute']);
    // In a config, as a county keeps it.
    writeFileSync(join(work, '.policylintrc.json'), JSON.stringify({ rulePacks: ['county-exceptions.policylint.yaml'] }));
    const run = await runCli(['--format', 'json', 'county.md'], { cwd: work });
    rmSync(join(work, '.policylintrc.json'));
    expect((JSON.parse(run.stdout) as { messages: { ruleId: string; line: number }[] }[])[0].messages.filter((m) => m.ruleId.startsWith('term/')).map((m) => m.line)).toEqual([5]);
  }, 60_000);

  it('reviews a PDF read-only: findings, provisions and the report, no redline, one line saying why', async () => {
    await page.getByTestId('file-input').setInputFiles({ name: 'broken.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('not a Word file') });
    await expect.poll(() => page.locator('#messages .error').count()).toBe(1);
    const pdf = buildPdf([column(['Intake Memo', '', 'Workers screen each CSEC youth at intake.'], 72)]);
    await page.getByTestId('file-input').setInputFiles({ name: 'memo.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) });
    await expect.poll(() => page.getByTestId('finding').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    // The error banner of the file before is gone.
    expect(await page.locator('#messages .error').count()).toBe(0);
    expect(await page.getByTestId('read-only').innerText()).toMatch(/^A PDF cannot carry tracked changes/);
    expect(await page.getByTestId('download-redline').count()).toBe(0);
    expect(await page.getByTestId('download-fixed').count()).toBe(0);
    expect(await page.getByTestId('provision').count()).toBeGreaterThan(0);
    const html = readFileSync(await download(page, 'download-report', 'memo-report.html'), 'utf8');
    expect(html).toContain('memo.pdf');
  }, 60_000);

  it('shows a long document\'s first findings at once and the rest as the analyst scrolls, decisions included', async () => {
    const paragraphs = Array.from({ length: 900 }, (_, i) => `${i + 1}. The team meets each CSEC youth to plan services.`);
    await page.getByTestId('file-input').setInputFiles({ name: 'long.md', mimeType: 'text/markdown', buffer: Buffer.from(`# Long Procedure\n\n${paragraphs.join('\n\n')}\n`) });
    await expect.poll(() => page.locator('#counts').innerText(), { timeout: 20_000 }).toMatch(/^900 findings/);
    const findings = page.getByTestId('finding');
    const shown = await findings.count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(900);
    // Accept every one of the rule: those not yet on the page come accepted when they are.
    await page.getByTestId('accept-rule').click();
    await page.evaluate(async () => {
      const text = document.querySelector('.doc-text')!;
      for (let i = 0; i < 200 && document.querySelectorAll('[data-testid="finding"]').length < 900; i++) {
        text.scrollTop = text.scrollHeight;
        await new Promise((r) => setTimeout(r, 30));
      }
    });
    expect(await findings.count()).toBe(900);
    expect(await findings.last().getAttribute('data-decision')).toBe('accepted');
    // Undo takes back the whole accept-all, on findings rendered late too.
    await page.getByTestId('undo').click();
    expect(await findings.last().getAttribute('data-decision')).toBe('pending');
  }, 60_000);

  it('says "No findings" for a document without term findings, and "Checked as an MOU"', async () => {
    const mou = '# Memorandum of Understanding\n\nThis memorandum of understanding between the county agencies sets out how the parties share information about youth affected by sex or labor trafficking.\n';
    await page.getByTestId('file-input').setInputFiles({ name: 'mou.md', mimeType: 'text/markdown', buffer: Buffer.from(mou) });
    await expect.poll(() => page.locator('#finding-panel h2').innerText(), { timeout: 20_000 }).toBe('No findings');
    expect(await page.locator('.checklist .note').innerText()).toBe('Checked as an MOU.');
  });
});
