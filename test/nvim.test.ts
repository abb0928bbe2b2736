// End to end with a real editor: neovim 0.7 (headless) starts policylint-lsp,
// shows its diagnostics, and applies a quick fix. CI installs neovim; elsewhere
// the test skips itself where nvim is not on PATH.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigOverrides } from '../src/config/index.js';
import { Engine } from '../src/engine.js';
import { LSP_BIN } from './helpers/lsp-client.js';

/** The engine, called as the tests call the core. */
const engine = new Engine();
const lintText = (filePath: string, text: string, overrides?: ConfigOverrides) => engine.lintText(filePath, text, { overrides });

const hasNvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
// Skipped on a machine without neovim, but never in CI (.ci/run installs it): there a missing nvim fails.
const skip = !hasNvim && !process.env.CI;
const FIXTURE = fileURLToPath(new URL('./fixtures-lsp/mdt-policy.md', import.meta.url));
const INIT = fileURLToPath(new URL('./fixtures-lsp/nvim-init.lua', import.meta.url));

interface NvimDiagnostic {
  code?: string;
  source?: string;
  severity: number;
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  data?: { range: { start: { line: number; character: number }; end: { line: number; character: number } } };
}

interface NvimReport {
  error?: string;
  published: boolean;
  diagnostics: NvimDiagnostic[];
  titles: string[];
  fixed_line: string;
  cleared: boolean;
  after: NvimDiagnostic[];
}

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('neovim', () => {
  it.skipIf(skip)('shows diagnostics at the right places and applies a quick fix', () => {
    dir = mkdtempSync(join(tmpdir(), 'policylint-nvim-'));
    const policy = join(dir, 'policy.md');
    copyFileSync(FIXTURE, policy);
    const text = readFileSync(policy, 'utf8');
    const lines = text.split('\n');
    // The line with an em dash and curly quotes before the term: bytes and UTF-16 units differ there.
    const fixLine = lines.findIndex((l) => l.includes('—') && l.includes('CSEC'));
    const out = join(dir, 'report.json');
    const run = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '--noplugin', '-u', INIT], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 90_000,
      env: {
        ...process.env,
        XDG_CONFIG_HOME: join(dir, 'config'),
        XDG_DATA_HOME: join(dir, 'data'),
        XDG_STATE_HOME: join(dir, 'state'),
        XDG_CACHE_HOME: join(dir, 'cache'),
        POLICYLINT_OUT: out,
        POLICYLINT_FILE: policy,
        POLICYLINT_ROOT: dir,
        POLICYLINT_NODE: process.execPath,
        POLICYLINT_LSP: LSP_BIN,
        POLICYLINT_FIX_LINE: String(fixLine),
      },
    });
    expect(run.error, run.stderr).toBeUndefined();
    const report = JSON.parse(readFileSync(out, 'utf8')) as NvimReport;
    expect(report.error).toBeUndefined();
    expect(report.published).toBe(true);

    // Every finding the CLI makes, at the same places. neovim stores byte columns;
    // the server's UTF-16 range travels unchanged in `data`.
    const { result } = lintText(policy, text);
    const byteCol = (line: number, utf16: number) => Buffer.byteLength(lines[line].slice(0, utf16));
    const expected = result.messages.map((m) => ({
      code: m.ruleId,
      lnum: m.line - 1,
      col: byteCol(m.line - 1, m.column - 1),
      end_lnum: m.endLine - 1,
      end_col: byteCol(m.endLine - 1, m.endColumn - 1),
      data: { start: { line: m.line - 1, character: m.column - 1 }, end: { line: m.endLine - 1, character: m.endColumn - 1 } },
    }));
    const seen = report.diagnostics.map((d) => ({ code: d.code, lnum: d.lnum, col: d.col, end_lnum: d.end_lnum, end_col: d.end_col, data: d.data?.range }));
    const order = (a: { lnum: number; col: number; code?: string }, b: { lnum: number; col: number; code?: string }) => a.lnum - b.lnum || a.col - b.col || String(a.code).localeCompare(String(b.code));
    expect(seen.sort(order)).toEqual(expected.sort(order));
    expect(report.diagnostics.every((d) => d.source === 'policylint')).toBe(true);

    const csec = report.diagnostics.find((d) => d.code === 'term/csec' && d.lnum === fixLine)!;
    const column = lines[fixLine].indexOf('CSEC');
    expect(csec.data!.range.start).toEqual({ line: fixLine, character: column });
    expect(csec.col).toBe(Buffer.byteLength(lines[fixLine].slice(0, column)));
    expect(csec.col).toBeGreaterThan(column);

    // The quick fix, from neovim's rebuilt diagnostic, edits the right characters.
    const finding = result.messages.find((m) => m.ruleId === 'term/csec' && m.line - 1 === fixLine)!;
    const replacement = finding.suggestions[0].text;
    expect(report.titles[0]).toBe(`Replace with "${replacement}"`);
    expect(report.fixed_line).toBe(lines[fixLine].replace('CSEC', replacement));
    expect(report.cleared).toBe(true);
    expect(report.after.filter((d) => d.code === 'term/csec').map((d) => d.lnum)).toEqual([lines.findIndex((l) => l.includes('CSEC youth.'))]);
  }, 120_000);
});
