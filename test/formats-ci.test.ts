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
import { action, runStep, step } from './helpers/action.js';

const FIXTURES = fileURLToPath(new URL('./fixtures-config/', import.meta.url));

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
      { paths: 'coverage\ndiscovery/*.md\n', args: '--max-warnings 1000', sarif: 'true', 'sarif-file': join(out, 'out.sarif') },
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

describe('action.yml on a folder with spaces in its name', () => {
  it('takes each line of paths as one path and writes annotations, summary and SARIF from one run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policylint-action-'));
    mkdirSync(join(dir, 'County Policies', 'Drafts'), { recursive: true });
    writeFileSync(join(dir, '.policylintrc.yaml'), 'root: true\n');
    writeFileSync(join(dir, 'County Policies', 'intake protocol.md'), '# Intake Protocol\n\nStaff screen each CSEC youth at intake.\n');
    writeFileSync(join(dir, 'County Policies', 'Drafts', 'old.md'), '# Old Draft\n\nA child prostitute is a victim.\n');
    writeFileSync(join(dir, 'County Policies', '.policylintignore'), 'Drafts/\n');
    // One policylint command in the script: the three reports come from the same run.
    expect(step('Lint').run!.match(/bin\/policylint\.js/g)).toHaveLength(1);
    const run = runStep(
      step('Lint'),
      { paths: '  County Policies/  \n\n', sarif: 'true', 'sarif-file': 'results/policylint.sarif' },
      { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary.md') },
      dir,
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^::warning file=County Policies\/intake protocol\.md,line=3,col=\d+,endLine=3,endColumn=\d+,title=term\/csec::/m);
    expect(run.stdout).not.toMatch(/Drafts/);
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(summary).toMatch(/^### policylint\n/);
    expect(summary).toMatch(/intake protocol\.md/);
    const sarif = JSON.parse(readFileSync(join(dir, 'results', 'policylint.sarif'), 'utf8')) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; partialFingerprints: Record<string, string> }[] }[] };
    const csec = sarif.runs[0].results.find((r) => r.ruleId === 'term/csec')!;
    expect(csec.locations[0].physicalLocation.artifactLocation.uri).toBe('County%20Policies/intake%20protocol.md');
    expect(Object.keys(csec.partialFingerprints)).toEqual(['policylintFinding/v1']);
    expect(readFileSync(join(dir, 'output'), 'utf8')).toBe('sarif-file=results/policylint.sarif\nexit-code=0\n');
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
