// The GitHub Action and the pre-commit hook. The action's lint step is run
// with bash the way a runner would (inputs in the environment), so its shell
// logic is tested here; setup-node and the SARIF upload are GitHub's own.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { LINTABLE_EXTENSIONS } from '../src/readers/index.js';
import { REPO } from './helpers/cli.js';

const FIXTURES = fileURLToPath(new URL('./fixtures-config/', import.meta.url));

interface Step {
  name: string;
  id?: string;
  uses?: string;
  if?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as Action;
const step = (name: string) => action.runs.steps.find((s) => s.name === name)!;

/** Runs a step's script with its env, `${{ inputs.X }}` and `${{ github.action_path }}` filled in. */
function runStep(s: Step, inputs: Record<string, string>, extraEnv: Record<string, string>, cwd: string) {
  const values = { ...Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? ''])), ...inputs };
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.env ?? {})) {
    env[k] = v.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => values[name] ?? '').replace(/\$\{\{\s*github\.action_path\s*\}\}/g, REPO);
  }
  return spawnSync('bash', ['-e', '-c', s.run!], { cwd, env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '', NO_COLOR: '1', ...env, ...extraEnv }, encoding: 'utf8' });
}

describe('action.yml', () => {
  it('is a composite action that sets up Node and takes paths, format and args', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps[0].uses).toMatch(/^actions\/setup-node@v\d+$/);
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['paths', 'format', 'args', 'sarif', 'sarif-file', 'job-summary']));
    expect(step('Upload SARIF to code scanning')).toMatchObject({ if: "inputs.sarif == 'true'", uses: expect.stringMatching(/^github\/codeql-action\/upload-sarif@v\d+$/) });
  });

  it('never pastes an input into a script (no shell injection)', () => {
    for (const s of action.runs.steps) expect(s.run ?? '').not.toMatch(/\$\{\{/);
  });

  it('lint step: annotations, a job summary and a SARIF file, with the exit status as an output', () => {
    const out = mkdtempSync(join(tmpdir(), 'policylint-action-'));
    const run = runStep(
      step('Lint'),
      { paths: 'coverage discovery/*.md', args: '--max-warnings 1000', sarif: 'true', 'sarif-file': join(out, 'out.sarif') },
      { GITHUB_OUTPUT: join(out, 'output'), GITHUB_STEP_SUMMARY: join(out, 'summary.md') },
      FIXTURES,
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^::warning file=coverage\/csec-protocol\.md,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=term\/csec::/m);
    // The glob reached policylint unexpanded: only discovery/doc.md, not the folders below it.
    expect(run.stdout).toMatch(/^::warning file=discovery\/doc\.md,/m);
    expect(run.stdout).not.toMatch(/discovery\/nested/);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toMatch(/^### policylint\n/);
    expect(JSON.parse(readFileSync(join(out, 'out.sarif'), 'utf8'))).toMatchObject({ version: '2.1.0' });
    expect(readFileSync(join(out, 'output'), 'utf8')).toBe(`sarif-file=${join(out, 'out.sarif')}\nexit-code=0\n`);
  });

  it('lint step: a folder named like a command ("report") is linted, not run as the command', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policylint-action-'));
    mkdirSync(join(dir, 'report'));
    writeFileSync(join(dir, '.policylintrc.yaml'), 'root: true\n');
    writeFileSync(join(dir, 'report', 'protocol.md'), '# Interagency Protocol\n\nEach CSEC youth is referred.\n');
    const run = runStep(step('Lint'), { paths: 'report', 'job-summary': 'false' }, { GITHUB_OUTPUT: join(dir, 'output') }, dir);
    expect(run.stdout).toMatch(/^::warning file=report\/protocol\.md,line=3,.*title=term\/csec::/m);
    expect(readFileSync(join(dir, 'output'), 'utf8')).toBe('exit-code=0\n');
  });

  it('lint step: records exit status 1 when findings pass the limit, and the last step fails with it', () => {
    const out = mkdtempSync(join(tmpdir(), 'policylint-action-'));
    const run = runStep(step('Lint'), { paths: 'coverage', args: '--max-warnings 0', 'job-summary': 'false' }, { GITHUB_OUTPUT: join(out, 'output') }, FIXTURES);
    expect(run.status).toBe(0);
    expect(readFileSync(join(out, 'output'), 'utf8')).toBe('exit-code=1\n');
    const fail = spawnSync('bash', ['-c', step('Fail on findings').run!], { env: { EXIT_CODE: '1' } });
    expect(fail.status).toBe(1);
    expect(spawnSync('bash', ['-c', step('Fail on findings').run!], { env: { EXIT_CODE: '0' } }).status).toBe(0);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string }[];
  const bins = Object.keys((JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin);

  it('runs the package’s policylint command with Node', () => {
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({ id: 'policylint', language: 'node' });
    expect(bins).toContain(hooks[0].entry);
  });

  it('passes exactly the files policylint reads', () => {
    const files = new RegExp(hooks[0].files);
    for (const ext of LINTABLE_EXTENSIONS) expect(files.test(`policies/protocol${ext}`)).toBe(true);
    for (const other of ['notes.json', 'protocol.md.bak', 'policy.pdf.bak']) expect(files.test(other)).toBe(false);
  });
});
