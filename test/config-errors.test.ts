// A broken config gives one clear line naming the file, the line and the key,
// and exit status 2, as a rule pack does. One row per mistake a person makes.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const DOC = '# Interagency Protocol\n\nEach CSEC youth is referred to the team.\n';

interface Case {
  name: string;
  files: Record<string, string>;
  args?: string[];
  /** The whole stderr line, `<dir>` standing for the temp folder. */
  expected: RegExp | string;
}

const CASES: Case[] = [
  {
    name: 'a severity that does not exist',
    files: { '.policylintrc.yaml': 'rules:\n  term/csec: maybe\n' },
    expected: '<dir>/.policylintrc.yaml:2: rules.term/csec: must be one of "off", "info", "warn", "error", 0, 1, 2',
  },
  {
    name: 'YAML that does not parse',
    files: { '.policylintrc.yaml': 'root: true\nrules:\n  term/csec: [warn\n' },
    expected: /^<dir>\/\.policylintrc\.yaml:4: .+/,
  },
  {
    name: 'a misspelt key in JSON (with comments)',
    files: { '.policylintrc.json': '{\n  // county settings\n  "rules": { "term/csec": "warn" },\n  "rule": {}\n}\n' },
    expected: '<dir>/.policylintrc.json:4: rule: unknown key (did you mean "rules"?)',
  },
  {
    name: 'JSON that does not parse',
    files: { '.policylintrc.json': '{\n  "rules": {\n    "term/csec": "warn"\n  \n' },
    expected: /^<dir>\/\.policylintrc\.json:\d+: .+/,
  },
  {
    name: 'pack sections written inline in a config',
    files: { '.policylintrc.yaml': 'root: true\nnamesOfRecord:\n  - name: CSEC Youth Court\n    why: court name\n' },
    expected: '<dir>/.policylintrc.yaml:2: namesOfRecord: namesOfRecord belongs in a rule pack: move it to a YAML pack file (see schema/rule-pack.schema.json) and list that file under rulePacks',
  },
  {
    name: 'a rule id that does not exist',
    files: { '.policylintrc.yaml': 'root: true\nrules:\n  term/csce: warn\n' },
    expected: '<dir>/.policylintrc.yaml:3: rules.term/csce: unknown rule (did you mean term/csec?); `policylint rules` lists them',
  },
  {
    name: 'a rule key that is not a rule id, pattern or kind',
    files: { '.policylintrc.yaml': 'rules:\n  terms/csec: warn\n' },
    expected: '<dir>/.policylintrc.yaml:2: rules.terms/csec: not a rule id, pattern or kind (write term/ID, provision/ID, term/*, provision/*, term or provision)',
  },
  {
    name: 'a document type that does not exist',
    files: { '.policylintrc.yaml': 'docType: memo\n' },
    expected: /^<dir>\/\.policylintrc\.yaml:1: docType: must be one of "protocol", "policy", "mou", .+/,
  },
  {
    name: 'a missing rule pack',
    files: { '.policylintrc.yaml': 'rulePacks:\n  - ./county.yaml\n' },
    expected: '<dir>/.policylintrc.yaml:2: rulePacks.0: cannot find rule pack "./county.yaml" (looked for <dir>/county.yaml)',
  },
  {
    name: 'a broken rule pack reached through extends',
    files: {
      '.policylintrc.yaml': 'extends: ./county.yaml\n',
      'county.yaml': 'pack: county\nterms:\n  - id: Bad Id\n    kind: too-narrow\n    title: t\n    why: w\n    citations: []\n    forms:\n      - match: [x]\n',
    },
    expected: /^<dir>\/county\.yaml:3: terms\.0\.id: must match pattern .+/,
  },
  {
    name: 'extends of a file that is not there',
    files: { '.policylintrc.yaml': 'extends:\n  - policylint:recommended\n  - ./shared.yaml\n' },
    expected: '<dir>/.policylintrc.yaml:3: extends.1: cannot find "./shared.yaml" (looked for <dir>/shared.yaml)',
  },
  {
    name: 'a relative file written like a package name',
    files: { '.policylintrc.yaml': 'extends: shared.yaml\n', 'shared.yaml': 'rules: {}\n' },
    expected: '<dir>/.policylintrc.yaml:1: extends: cannot find package "shared.yaml" (a file next to this config is written "./shared.yaml")',
  },
  {
    name: 'a preset that does not exist',
    files: { '.policylintrc.yaml': 'extends: policylint:lenient\n' },
    expected: '<dir>/.policylintrc.yaml:1: extends: unknown preset "policylint:lenient"; the presets are policylint:recommended, policylint:strict',
  },
  {
    name: 'configs that extend each other',
    files: { '.policylintrc.yaml': 'extends: ./a.yaml\n', 'a.yaml': 'extends: ./b.yaml\n', 'b.yaml': 'extends: ./a.yaml\n' },
    expected: '<dir>/b.yaml:1: extends: extends itself through <dir>/.policylintrc.yaml → <dir>/a.yaml → <dir>/b.yaml → <dir>/a.yaml',
  },
  {
    name: 'a JavaScript config with a syntax error',
    files: { 'policylint.config.js': 'export default {\n  rules: { "term/csec": "warn" ]\n};\n' },
    expected: /^<dir>\/policylint\.config\.js:2: cannot be loaded: SyntaxError: .+/,
  },
  {
    name: 'a JavaScript config without a default export',
    files: { 'policylint.config.mjs': 'export const rules = {};\n' },
    expected: '<dir>/policylint.config.mjs: has no default export; write `export default { … }`',
  },
  {
    name: 'a JavaScript config whose settings are wrong',
    files: { 'policylint.config.mjs': 'export default { rules: { "term/csec": "loud" } };\n' },
    expected: '<dir>/policylint.config.mjs: rules.term/csec: must be one of "off", "info", "warn", "error", 0, 1, 2',
  },
  {
    name: 'an unknown rule on the command line',
    files: {},
    args: ['--rule', 'term/cesc:off'],
    expected: '--rule: term/cesc: unknown rule (did you mean term/csec?); `policylint rules` lists them',
  },
];

function tempTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'policylint-broken-'));
  if (!Object.keys(files).some((f) => f.startsWith('.policylintrc') || f.startsWith('policylint.config'))) writeFileSync(join(dir, '.policylintrc.yaml'), 'root: true\n');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  writeFileSync(join(dir, 'doc.md'), DOC);
  return dir;
}

describe('broken configuration', () => {
  it.each(CASES)('$name: one line naming file, line and key; exit 2', async ({ files, args, expected }) => {
    const dir = tempTree(files);
    const run = await runCli([...(args ?? []), 'doc.md'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const line = lines[0].replace(/^policylint: /, '').split(dir).join('<dir>');
    if (typeof expected === 'string') expect(line).toBe(expected);
    else expect(line).toMatch(expected);
  });

  it('a broken config in a subfolder fails only the files under it', async () => {
    const dir = tempTree({ 'county/.policylintrc.yaml': 'rules:\n  term/csec: loud\n' });
    writeFileSync(join(dir, 'county', 'doc.md'), DOC);
    const run = await runCli(['--format', 'json', '.'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `policylint: ${join(dir, 'county', 'doc.md')}: ${join(dir, 'county', '.policylintrc.yaml')}:2: rules.term/csec: must be one of "off", "info", "warn", "error", 0, 1, 2`,
    ]);
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string | null }[] }[];
    expect(results.find((r) => r.filePath === join(dir, 'doc.md'))!.messages.some((m) => m.ruleId === 'term/csec')).toBe(true);
  });

  it('--print-config reports a broken config the same way', async () => {
    const dir = tempTree({ '.policylintrc.yaml': 'rules:\n  term/csec: maybe\n' });
    const run = await runCli(['--print-config', 'doc.md'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`policylint: ${dir}/.policylintrc.yaml:2: rules.term/csec: must be one of "off", "info", "warn", "error", 0, 1, 2\n`);
  });
});
