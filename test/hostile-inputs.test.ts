// Every command and option, given what a hurried user or a broken script
// gives: missing files, folders where files belong, bad numbers, unknown
// formats, empty strings, binary garbage named .docx, .pdf or .md, huge limits,
// bad globs. Each must end with an exit status policylint documents (0, 1, 2)
// and no stack trace. With POLICYLINT_HOSTILE_TABLE=FILE the sweep also writes
// a Markdown table (command, input, exit status, first line on standard error).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from './helpers/cli.js';
import { withBadChecksum } from './helpers/docx-build.js';
import { threeFindingDocx } from './helpers/serve.js';

const LSP_BIN = fileURLToPath(new URL('../bin/policylint-lsp.js', import.meta.url));
/** A stack frame, or an error printed with its trace. */
const STACK = /^\s+at |^\w*Error: .*\n\s+at /m;

interface Case {
  command: string;
  args: string[];
  /** Text on standard input. */
  input?: string;
  /** Runs the language server instead of the CLI. */
  lsp?: boolean;
}

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

let dir: string;
const rows: { command: string; input: string; code: number | null; first: string }[] = [];

/** Deterministic bytes that are no document at all. */
function garbage(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/**
 * Runs one case. A `serve` that starts (it should not, on these inputs, but if it does) is stopped with Ctrl-C, and
 * anything still running after 60 s is killed, which fails the case.
 */
function run(c: Case): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [c.lsp ? LSP_BIN : BIN, ...c.args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (d) => {
      stdout += d;
      if (stdout.startsWith('policylint workbench:')) child.kill('SIGINT');
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(c.input ?? '');
  });
}

const PLAIN = '# Interagency Protocol\n\nAn MDT will be convened for each CSEC youth.\n';
const BINARY = Buffer.from(garbage(4096, 7)).toString('latin1');

const CASES: Case[] = [
  // lint (the default command)
  ...[
    [],
    ['missing.md'],
    ['adir.docx'],
    ['garbage.docx'],
    ['garbage.pdf'],
    ['garbage.md'],
    ['empty.docx'],
    ['damaged-side-part.docx', '--redline', 'out.docx'],
    [''],
    ['['],
    ['**/*.{md'],
    ['nothing/**/*.md'],
    ['plain.md', '--format', 'xml'],
    ['plain.md', '--format', ''],
    ['plain.md', '--max-warnings', '-1'],
    ['plain.md', '--max-warnings', 'many'],
    ['plain.md', '--max-warnings', '99999999999999999999999'],
    ['plain.md', '--max-warnings', '1e400'],
    ['plain.md', '--threads', '0'],
    ['plain.md', '--threads', 'two'],
    ['plain.md', '--doc-type', 'memo'],
    ['plain.md', '--doc-type', ''],
    ['plain.md', '--rule', 'term/csec:loud'],
    ['plain.md', '--rule', ''],
    ['plain.md', '--rule', 'no-such-rule:error'],
    ['plain.md', '--rule-pack', 'missing.yaml'],
    ['plain.md', '--rule-pack', 'adir'],
    ['plain.md', '--rule-pack', 'garbage.md'],
    ['plain.md', '--rule-pack', ''],
    ['plain.md', '-c', 'missing.yaml'],
    ['plain.md', '-c', 'adir'],
    ['plain.md', '-c', 'garbage.md'],
    ['plain.md', '-c', ''],
    ['plain.md', '-o', 'adir'],
    ['plain.md', '-o', ''],
    ['plain.md', '-o', 'plain.md/report.txt'],
    ['plain.md', '--redline', 'out.docx'],
    ['three.docx', '--redline', 'adir'],
    ['three.docx', '--redline', 'nowhere/out.docx'],
    ['three.docx', '--redline', 'three.docx'],
    ['three.docx', '--redline', ''],
    ['garbage.docx', '--fix'],
    ['garbage.pdf', '--fix-dry-run'],
    ['plain.md', '--fix', '--fix-dry-run'],
    ['plain.md', '--print-config', 'missing.md'],
    ['plain.md', '--print-config', ''],
    ['plain.md', '--bogus-option'],
    ['--stdin', '--fix'],
    ['--stdin', '--stdin-filename', 'x.pdf'],
    ['--stdin', '--stdin-filename', ''],
    ['--stdin', '--stdin-filename', 'adir'],
  ].map((args): Case => ({ command: 'lint', args })),
  { command: 'lint', args: ['--stdin'], input: BINARY },
  { command: 'lint', args: ['--stdin', '--stdin-filename', 'x.docx'], input: BINARY },
  { command: 'lint', args: ['frobnicate'] },
  // report
  ...[
    [],
    ['missing.md'],
    ['adir.docx'],
    ['garbage.docx', 'garbage.pdf', 'garbage.md'],
    [''],
    ['['],
    ['plain.md', '-o', 'adir'],
    ['plain.md', '-o', ''],
    ['plain.md', '-o', 'plain.md/report.html'],
    ['plain.md', '--title', ''],
    ['plain.md', '--doc-type', 'memo'],
    ['plain.md', '--rule-pack', 'garbage.md'],
    ['plain.md', '-c', 'adir'],
  ].map((args): Case => ({ command: 'report', args: ['report', ...args] })),
  // explain, rules, init
  ...[[], [''], ['term/no-such-rule'], ['term/csec', '--rule-pack', 'missing.yaml'], ['term/csec', '--rule-pack', 'garbage.md'], ['term/csec', '--rule-pack', 'adir']].map((args): Case => ({ command: 'explain', args: ['explain', ...args] })),
  ...[['--rule-pack', 'missing.yaml'], ['--rule-pack', 'garbage.md'], ['--rule-pack', ''], ['extra-argument']].map((args): Case => ({ command: 'rules', args: ['rules', ...args] })),
  { command: 'init', args: ['init', 'extra-argument'] },
  // eval
  ...[
    [],
    ['missing.json'],
    ['adir'],
    ['garbage.md'],
    ['not-annotations.json'],
    ['annotations.json', '--min-recall', '2'],
    ['annotations.json', '--min-recall', 'high'],
    ['annotations.json', '--min-precision', ''],
    ['annotations.json', '--max-forbidden', '-1'],
    ['annotations.json', '--min-provisions', 'NaN'],
    ['annotations.json', '--format', 'xml'],
  ].map((args): Case => ({ command: 'eval', args: ['eval', ...args] })),
  // serve: each of these must stop before listening (a busy port: test/cli-errors.test.ts).
  ...[
    ['--port', '-1'],
    ['--port', '70000'],
    ['--port', 'eighty'],
    ['--port', ''],
    ['--max-size', '0'],
    ['--max-size', 'big'],
    ['--max-size', '-5'],
    ['--doc-type', 'memo'],
    ['--rule-pack', 'garbage.md'],
    ['-c', 'missing.yaml'],
    ['extra-argument'],
  ].map((args): Case => ({ command: 'serve', args: ['serve', ...args] })),
  // the language server's binary
  ...[[], ['--bogus'], ['--socket=abc'], ['--socket'], ['--pipe='], ['--stdio']].map((args): Case => ({ command: 'policylint-lsp', args, lsp: true })),
  { command: 'policylint-lsp', args: ['--stdio'], input: `Content-Length: 99999999999\r\n\r\n${BINARY}`, lsp: true },
  { command: 'policylint-lsp', args: ['--stdio'], input: 'Content-Length: 12\r\n\r\n{"bad json":', lsp: true },
];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'policylint-hostile-'));
  mkdirSync(join(dir, 'adir'));
  mkdirSync(join(dir, 'adir.docx'));
  writeFileSync(join(dir, 'plain.md'), PLAIN);
  writeFileSync(join(dir, 'three.docx'), threeFindingDocx());
  writeFileSync(join(dir, 'damaged-side-part.docx'), withBadChecksum(threeFindingDocx(), '[Content_Types].xml'));
  writeFileSync(join(dir, 'garbage.docx'), garbage(3000, 1));
  writeFileSync(join(dir, 'garbage.pdf'), garbage(3000, 2));
  writeFileSync(join(dir, 'garbage.md'), garbage(3000, 3));
  writeFileSync(join(dir, 'empty.docx'), '');
  writeFileSync(join(dir, 'not-annotations.json'), '{"documents": 5}');
  writeFileSync(join(dir, 'annotations.json'), JSON.stringify([{ path: 'plain.md', terms: [{ line: 3, column: 34, endColumn: 44, kind: 'expected' }] }]));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  const table = process.env.POLICYLINT_HOSTILE_TABLE;
  if (!table) return;
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/`/g, "'");
  const lines = ['| command | input | exit | first line on standard error |', '|---|---|---|---|'];
  for (const r of rows) lines.push(`| ${r.command} | \`${cell(r.input) || ' '}\` | ${r.code} | ${cell(r.first)} |`);
  writeFileSync(table, `${lines.join('\n')}\n`);
});

const shown = (c: Case) => [...c.args.map((a) => (a === '' ? "''" : a)), ...(c.input !== undefined ? [`< ${c.input.length > 40 ? 'binary bytes' : JSON.stringify(c.input)}`] : [])].join(' ');

describe('hostile input to every command', () => {
  for (const command of [...new Set(CASES.map((c) => c.command))]) {
    it(`${command}: exit 0, 1 or 2 and no stack trace, whatever the input`, async () => {
      const cases = CASES.filter((c) => c.command === command);
      // Two at a time: the machine running the suite is shared.
      const outcomes: Outcome[] = [];
      for (let i = 0; i < cases.length; i += 2) outcomes.push(...(await Promise.all(cases.slice(i, i + 2).map(run))));
      cases.forEach((c, i) => {
        const o = outcomes[i];
        const input = shown(c);
        // The table shows paths relative to the test's folder.
        rows.push({ command, input, code: o.code, first: (o.stderr.split('\n').find((l) => l.trim() !== '') ?? '').replaceAll(`${dir}/`, '').replaceAll(dir, '.') });
        expect(o.stderr, input).not.toMatch(STACK);
        expect(o.stdout, input).not.toMatch(STACK);
        expect([0, 1, 2], `${input}: exit ${o.code}\n${o.stderr}`).toContain(o.code);
      });
    }, 600_000);
  }
});
