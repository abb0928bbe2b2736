// Configuration through the CLI, as a county would set it up: .policylintrc
// files found upward from each document, `root`, presets, `extends` of local
// configs, rule packs and npm packages, and the command line beating them all.
// Fixtures: test/fixtures-config/ (its top .policylintrc.yaml has root: true).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const FIXTURES = fileURLToPath(new URL('./fixtures-config/', import.meta.url));

interface JsonMessage {
  ruleId: string;
  severity: number;
  line: number;
}
interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  docType?: string;
  docTypeSource?: string;
  provisions: { id: string; status: string }[];
}

async function lint(args: string[], cwd = FIXTURES): Promise<{ code: number; result: JsonResult; stderr: string }> {
  const run = await runCli(['--format', 'json', ...args], { cwd });
  expect(run.stderr).toBe('');
  return { code: run.code, result: (JSON.parse(run.stdout) as JsonResult[])[0], stderr: run.stderr };
}

/** "ruleId:severity" for every term finding, in order. */
const terms = (r: JsonResult) => r.messages.filter((m) => m.ruleId.startsWith('term/')).map((m) => `${m.ruleId}:${m.severity}`);
const severityOf = (r: JsonResult, ruleId: string) => r.messages.filter((m) => m.ruleId === ruleId).map((m) => m.severity);

function tempTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'policylint-config-'));
  // Shield the tree from configs above the temp folder.
  writeFileSync(join(dir, '.policylintrc.yaml'), 'root: true\n');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('config discovery', () => {
  it('applies every config from the file up to the nearest root, farther first', async () => {
    // discovery/.policylintrc.yaml turns term/pimp off; the fixtures' root config turns term/the-life off.
    const { result } = await lint(['discovery/doc.md']);
    expect(terms(result)).toEqual(['term/csec:1']);
  });

  it('lets a nearer JSON config (with comments) override a farther one', async () => {
    const { result } = await lint(['discovery/nested/doc.md']);
    // term/pimp back on as an error, term/csec off (ESLint's 0), the-life still off from the root config.
    expect(terms(result)).toEqual(['term/pimp:2']);
    expect(result).toMatchObject({ docType: 'mou', docTypeSource: 'config' });
  });

  it('stops at a config with root: true', async () => {
    const { result } = await lint(['discovery/rooted/doc.md']);
    expect(terms(result)).toEqual(['term/pimp:1', 'term/csec:1', 'term/the-life:1']);
  });

  it('reads policylint.config.js (ESM default export, top-level await) before .policylintrc.yaml in one folder', async () => {
    const { result } = await lint(['discovery/js/doc.md']);
    expect(terms(result)).toEqual(['term/csec:2']);
  });

  it('looks up configs per file when a folder is linted', async () => {
    const run = await runCli(['--format', 'json', 'discovery'], { cwd: FIXTURES });
    const byFolder = Object.fromEntries((JSON.parse(run.stdout) as JsonResult[]).map((r) => [r.filePath.slice(FIXTURES.length), terms(r)]));
    expect(byFolder).toEqual({
      'discovery/doc.md': ['term/csec:1'],
      'discovery/js/doc.md': ['term/csec:2'],
      'discovery/nested/doc.md': ['term/pimp:2'],
      'discovery/rooted/doc.md': ['term/pimp:1', 'term/csec:1', 'term/the-life:1'],
    });
  });
});

describe('extends', () => {
  it('combines a preset, a shared config and a county rule pack, with the config itself last', async () => {
    const { result } = await lint(['extends/doc.md']);
    // policylint:strict: provisions are errors…
    expect(result.messages.filter((m) => m.ruleId.startsWith('provision/')).every((m) => m.severity === 2)).toBe(true);
    expect(severityOf(result, 'provision/canra-labor')).toEqual([2]);
    // …except what shared/base.yaml turned off.
    expect(severityOf(result, 'provision/tribal-collaboration')).toEqual([]);
    expect(severityOf(result, 'term/pimp')).toEqual([]);
    // The config's own setting beats the preset; other too-narrow terms are errors,
    // including the county pack's own term (the preset expands over the packs loaded).
    expect(severityOf(result, 'term/csec')).toEqual([1]);
    expect(severityOf(result, 'term/at-risk-csec')).toEqual([2]);
    expect(severityOf(result, 'term/sex-trafficking')).toEqual([2]);
    // The pack's name of record (line 7: "Sierra Vista CSEC Youth Court") is not flagged.
    expect(result.messages.filter((m) => m.line === 7)).toEqual([]);
  });

  it('--print-config shows the merged rules, packs and contributing files', async () => {
    const run = await runCli(['--print-config', 'extends/doc.md'], { cwd: FIXTURES });
    expect(run.code).toBe(0);
    const config = JSON.parse(run.stdout) as { rules: Record<string, string>; packs: string[]; files: string[]; docType?: string };
    expect(config.rules).toMatchObject({
      provision: 'error',
      'provision/tribal-collaboration': 'off',
      'term/csec': 'warn',
      'term/pimp': 'off',
      'term/at-risk-csec': 'error',
      'term/the-life': 'off',
    });
    expect(Object.keys(config.rules)).toEqual(Object.keys(config.rules).sort());
    expect(config.packs).toEqual([join(FIXTURES, 'packs/sierra-vista.yaml')]);
    expect(config.files).toEqual([join(FIXTURES, '.policylintrc.yaml'), join(FIXTURES, 'extends/shared/base.yaml'), join(FIXTURES, 'extends/.policylintrc.yaml')]);
    expect(config.docType).toBeUndefined();
  });

  it("a nearer broad setting replaces a farther config's (or preset's) settings for single rules", async () => {
    const dir = tempTree({
      'policies/.policylintrc.yaml': 'extends: policylint:strict\nrules:\n  term/dmst: off\n',
      'policies/local/.policylintrc.yaml': 'rules:\n  term/*: warn\n',
      'policies/local/doc.md': '# Interagency Protocol\n\nSex trafficking of minors is a crime. DMST cases go to the team.\n',
    });
    const { result } = await lint(['policies/local/doc.md'], dir);
    expect(terms(result)).toEqual(['term/sex-trafficking:1', 'term/dmst:1']);
    expect(result.messages.filter((m) => m.ruleId.startsWith('provision/')).every((m) => m.severity === 2)).toBe(true);
    const printed = JSON.parse((await runCli(['--print-config', 'policies/local/doc.md'], { cwd: dir })).stdout) as { rules: Record<string, string> };
    expect(printed.rules).toEqual({ provision: 'error', 'term/*': 'warn' });
  });

  it('resolves npm packages (configs and rule packs) from the config file’s folder', async () => {
    const dir = tempTree({
      'node_modules/@sierra-vista/policylint-config/package.json': JSON.stringify({ name: '@sierra-vista/policylint-config', main: 'config.json' }),
      'node_modules/@sierra-vista/policylint-config/config.json': '{ "rules": { "term/pimp": "off" }, "docType": "policy" }\n',
      'node_modules/sierra-vista-pack/package.json': JSON.stringify({ name: 'sierra-vista-pack', main: 'pack.yaml' }),
      'node_modules/sierra-vista-pack/pack.yaml': readFileSync(join(FIXTURES, 'packs/sierra-vista.yaml'), 'utf8'),
      'docs/.policylintrc.yaml': 'extends: ["@sierra-vista/policylint-config", sierra-vista-pack]\n',
      'docs/doc.md': '# Interagency Protocol\n\nA pimp may recruit youth. Screen every at-risk CSEC referral.\n',
    });
    const { result } = await lint(['docs/doc.md'], dir);
    expect(terms(result)).toEqual(['term/at-risk-csec:1']);
    expect(result.docType).toBe('policy');
  });
});

describe('command-line options beat config files', () => {
  it('--rule beats every config file', async () => {
    const { result } = await lint(['--rule', 'term/pimp:warn', '--rule', 'term/csec:off', 'discovery/doc.md']);
    expect(terms(result)).toEqual(['term/pimp:1']);
  });

  it('--doc-type beats a config’s docType', async () => {
    const { result } = await lint(['--doc-type', 'training', 'discovery/nested/doc.md']);
    expect(result).toMatchObject({ docType: 'training', docTypeSource: 'config' });
  });

  it('-c uses only the given file: no lookup', async () => {
    // base.yaml turns term/pimp off; the fixtures' root config (term/the-life off) is not read.
    const { result } = await lint(['-c', 'extends/shared/base.yaml', 'discovery/doc.md']);
    expect(terms(result)).toEqual(['term/csec:1', 'term/the-life:1']);
  });

  it('--no-config-lookup reads no config file', async () => {
    const { result } = await lint(['--no-config-lookup', 'discovery/nested/doc.md']);
    expect(terms(result)).toEqual(['term/pimp:1', 'term/csec:1', 'term/the-life:1']);
    expect(result.docTypeSource).toBe('guess');
  });

  it('--rule-pack adds a county pack to the configured ones', async () => {
    const { result } = await lint(['--rule-pack', 'packs/sierra-vista.yaml', 'extends/doc.md', '--rule', 'provision:off']);
    expect(severityOf(result, 'term/at-risk-csec')).toEqual([2]);
    expect(result.messages.filter((m) => m.ruleId.startsWith('provision/'))).toEqual([]);
  });
});

describe('policylint init', () => {
  it('writes a commented starter config that resolves, and never overwrites', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policylint-init-'));
    const first = await runCli(['init'], { cwd: dir });
    expect(first.code).toBe(0);
    const written = readFileSync(join(dir, '.policylintrc.yaml'), 'utf8');
    expect(written).toMatch(/^# /);
    expect(written).toMatch(/^root: true$/m);
    expect(written).toMatch(/^# rulePacks:/m);
    writeFileSync(join(dir, 'doc.md'), '# Protocol\n\nEach CSEC youth is served.\n');
    const printed = await runCli(['--print-config', 'doc.md'], { cwd: dir });
    expect(JSON.parse(printed.stdout)).toEqual({ rules: {}, packs: [], reportUnusedDirectives: 'warn', files: [join(dir, '.policylintrc.yaml')] });

    writeFileSync(join(dir, '.policylintrc.yaml'), '# edited by the county\nroot: true\n');
    const second = await runCli(['init'], { cwd: dir });
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/\.policylintrc\.yaml already exists/);
    expect(readFileSync(join(dir, '.policylintrc.yaml'), 'utf8')).toBe('# edited by the county\nroot: true\n');
  });

  it('refuses when the folder has another kind of config file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policylint-init-'));
    writeFileSync(join(dir, '.policylintrc.json'), '{}');
    const run = await runCli(['init'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/\.policylintrc\.json already exists/);
  });
});
