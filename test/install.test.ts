// Slow (about 10 s): policylint installed as a user installs it, from the
// package `npm pack` makes, with runtime dependencies only (--omit=dev), into a
// folder of its own; then each front end is run from that install: the
// command, a PDF (pdf.js is a runtime dependency), `policylint serve` over HTTP
// and `policylint/unified` under remark. Everything they need must be in the
// tarball (package.json `files`) or its dependencies.
//
// npm reaches the registry for the dependencies; --prefer-offline takes them
// from npm's cache when `npm ci` has put them there.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runStep, step } from './helpers/action.js';
import { REPO, runNode } from './helpers/cli.js';
import { buildPdf, column } from './helpers/pdf-build.js';
import { startServe } from './helpers/serve.js';

const pkg = (await import('../package.json', { with: { type: 'json' } })).default as { name: string; version: string };

const work = mkdtempSync(join(tmpdir(), 'policylint-install-'));
const prefix = join(work, 'prefix');
const installed = join(prefix, 'node_modules', 'policylint');
const bin = join(installed, 'bin', 'policylint.js');

function npm(args: string[], cwd: string): string {
  const run = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8', timeout: 170_000 });
  if (run.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${run.status}):\n${run.stderr}`);
  return run.stdout;
}

describe('the packed package, installed with --omit=dev (slow)', { timeout: 180_000 }, () => {
  let tarball = '';
  beforeAll(() => {
    // --ignore-scripts: `prepare` would build again; the suite runs after `npm run build`.
    const [packed] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], REPO)) as { filename: string; files: { path: string }[] }[];
    tarball = join(work, packed.filename);
    const files = new Set(packed.files.map((f) => f.path));
    for (const needed of ['bin/policylint.js', 'dist/bin/policylint.cjs', 'dist/bin/worker.js', 'dist/packs.json', 'dist/readers/pdf-worker.js', 'dist/workbench/assets/app.js', 'dist/unified/index.js', 'schema/config.schema.json']) {
      expect(files, needed).toContain(needed);
    }
    expect([...files].filter((f) => f.startsWith('test/') || f.startsWith('src/'))).toEqual([]);
    // A policy repository's own dependencies besides policylint: remark to run the plugin under.
    npm(['install', '--prefix', prefix, '--omit=dev', '--prefer-offline', tarball, 'unified@11', 'remark-parse@11'], work);
  }, 180_000);

  it('has no development dependency installed', () => {
    for (const dev of ['typescript', 'esbuild', 'vitest', 'docx', 'mammoth']) expect(existsSync(join(prefix, 'node_modules', dev)), dev).toBe(false);
  });

  it('policylint --version, and a lint of the sample and of a PDF', async () => {
    const version = await runNode(bin, ['--version'], { cwd: work });
    expect(version.stdout).toBe(`${pkg.version}\n`);
    const sample = await runNode(bin, ['--no-config-lookup', join(REPO, 'examples', 'county-protocol.md')], { cwd: work });
    expect(sample.code).toBe(1);
    expect(sample.stdout).toMatch(/term\/csec/);
    writeFileSync(join(work, 'memo.pdf'), buildPdf([column(['Intake Memo', 'Staff screen each CSEC youth at intake.'], 72)]));
    const pdf = await runNode(bin, ['--no-config-lookup', '-f', 'json', 'memo.pdf'], { cwd: work });
    expect(pdf.stderr).toBe('');
    expect((JSON.parse(pdf.stdout) as { messages: { ruleId: string }[] }[])[0].messages.map((m) => m.ruleId)).toContain('term/csec');
  });

  it('policylint serve --port 0 answers over HTTP', async () => {
    const workbench = await startServe(['--port', '0'], work, {}, bin);
    try {
      const headers = { 'x-policylint-token': workbench.token };
      const page = await fetch(`${workbench.origin}/`, { headers });
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<script[^>]+app\.js/);
      expect((await fetch(`${workbench.origin}/app.js`, { headers })).status).toBe(200);
      const lint = await fetch(`${workbench.origin}/api/documents`, { method: 'POST', headers: { ...headers, 'x-file-name': 'intake.md' }, body: 'Staff screen each CSEC youth at intake.\n' });
      expect(lint.status).toBe(201);
      expect(((await lint.json()) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId)).toContain('term/csec');
    } finally {
      await workbench.stop();
    }
  });

  it('policylint/unified runs under remark from the install', () => {
    const script = `
      import { unified } from 'unified';
      import remarkParse from 'remark-parse';
      import policylint from 'policylint/unified';
      const processor = unified().use(remarkParse).use(policylint).use(function () { this.compiler = () => ''; });
      const file = await processor.process({ path: 'intake.md', value: '# Intake\\n\\nStaff screen each CSEC youth at intake.\\n' });
      console.log(file.messages.map((m) => m.ruleId + '@' + m.line).join(' '));
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: prefix, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split(' ')).toContain('term/csec@3');
  });
});

describe('the GitHub Action from a release checkout (slow)', { timeout: 180_000 }, () => {
  /** What a release tag holds that the action uses: the sources with dist/ built (scripts/release-action.sh). */
  function releaseCheckout(withBuild: boolean): string {
    const dir = mkdtempSync(join(tmpdir(), 'policylint-action-checkout-'));
    for (const part of ['action.yml', 'package.json', 'package-lock.json', 'bin', 'rules', 'schema', ...(withBuild ? ['dist'] : [])]) cpSync(join(REPO, part), join(dir, part), { recursive: true });
    return dir;
  }

  it('installs runtime dependencies only, then lints "County Policies/" once into annotations, a summary and SARIF', () => {
    const checkout = releaseCheckout(true);
    const install = runStep(step("Install policylint's runtime dependencies"), {}, {}, work, checkout);
    expect(install.status, install.stderr).toBe(0);
    expect(existsSync(join(checkout, 'node_modules', 'pdfjs-dist'))).toBe(true);
    for (const dev of ['typescript', 'esbuild', 'vitest']) expect(existsSync(join(checkout, 'node_modules', dev)), dev).toBe(false);

    const repo = mkdtempSync(join(tmpdir(), 'policylint-county-'));
    mkdirSync(join(repo, 'County Policies'));
    writeFileSync(join(repo, '.policylintrc.yaml'), 'root: true\n');
    writeFileSync(join(repo, 'County Policies', 'intake protocol.md'), '# Intake Protocol\n\nStaff screen each CSEC youth at intake.\n');
    const env = { GITHUB_OUTPUT: join(repo, 'output'), GITHUB_STEP_SUMMARY: join(repo, 'summary.md') };
    const lint = runStep(step('Lint'), { paths: 'County Policies/', sarif: 'true' }, env, repo, checkout);
    expect(lint.stderr).toBe('');
    expect(lint.stdout).toMatch(/^::warning file=County Policies\/intake protocol\.md,line=3,/m);
    expect(readFileSync(join(repo, 'summary.md'), 'utf8')).toMatch(/intake protocol\.md/);
    expect(readFileSync(join(repo, 'policylint.sarif'), 'utf8')).toMatch(/"ruleId": "term\/csec"/);
    expect(readFileSync(join(repo, 'output'), 'utf8')).toBe('sarif-file=policylint.sarif\nexit-code=0\n');
  });

  it('says in one line that a checkout without a build needs a release tag', () => {
    const run = runStep(step("Install policylint's runtime dependencies"), {}, {}, work, releaseCheckout(false));
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('::error title=policylint::this checkout of policylint has no build (dist/); use a release tag such as OWNER/policylint@v0\n');
  });
});
