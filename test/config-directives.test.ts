// Inline control comments through the CLI: disable / enable ranges,
// disable-next-line, disable-line, a named disable for a missing provision, and
// --report-unused-disable-directives (also set from a config file).
import { mkdtempSync, writeFileSync } from 'node:fs';
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
  message: string;
}

async function messages(args: string[], cwd = FIXTURES): Promise<{ code: number; messages: JsonMessage[] }> {
  const run = await runCli(['--format', 'json', ...args], { cwd });
  expect(run.stderr).toBe('');
  return { code: run.code, messages: (JSON.parse(run.stdout) as { messages: JsonMessage[] }[])[0].messages };
}

/** "ruleId@line" of every finding that is not about a provision. */
const placed = (ms: JsonMessage[]) => ms.filter((m) => !m.ruleId.startsWith('provision/')).map((m) => `${m.ruleId}@${m.line}`);

function tempDoc(text: string, config = 'root: true\n'): string {
  const dir = mkdtempSync(join(tmpdir(), 'policylint-directives-'));
  writeFileSync(join(dir, '.policylintrc.yaml'), config);
  writeFileSync(join(dir, 'doc.md'), text);
  return dir;
}

describe('inline directives (directives/policy.md)', () => {
  it('suppress findings in disable…enable ranges and on the next line', async () => {
    const { messages: ms } = await messages(['directives/policy.md']);
    // Line 9 (disabled range for term/csec), 16 (next line), 25 (blanket range) are suppressed;
    // 5 (before the range), 13 (after enable), 18 and 29 (after the blanket enable) are not.
    expect(placed(ms)).toEqual(['term/csec@5', 'term/csec@13', 'term/pimp@18', 'term/child-prostitute@29']);
  });

  it('a named disable anywhere turns off a missing-provision finding about the whole document', async () => {
    const { messages: ms } = await messages(['directives/policy.md']);
    expect(ms.some((m) => m.ruleId === 'provision/tribal-collaboration')).toBe(false);
    expect(ms.some((m) => m.ruleId === 'provision/canra-labor')).toBe(true);
    // Without the directive the same provision is reported.
    const dir = tempDoc('# Child Trafficking Response Policy\n\nStaff serve each youth.\n');
    expect((await messages(['doc.md'], dir)).messages.some((m) => m.ruleId === 'provision/tribal-collaboration')).toBe(true);
  });

  it('--report-unused-disable-directives warns about a directive that suppressed nothing', async () => {
    const { messages: ms } = await messages(['--report-unused-disable-directives', 'directives/policy.md']);
    const unused = ms.filter((m) => m.ruleId === 'unused-disable-directive');
    expect(unused.map((m) => [m.line, m.severity])).toEqual([[20, 1]]);
    expect(unused[0].message).toMatch(/policylint-disable-next-line.*term\/dmst/);
  });

  it('reports nothing about unused directives unless asked', async () => {
    const { messages: ms } = await messages(['directives/policy.md']);
    expect(ms.some((m) => m.ruleId === 'unused-disable-directive')).toBe(false);
  });

  it('reportUnusedDisableDirectives in a config sets the severity', async () => {
    const dir = tempDoc('# Policy\n\n<!-- policylint-disable-next-line term/pimp -->\nStaff meet monthly.\n', 'root: true\nreportUnusedDisableDirectives: error\n');
    const { code, messages: ms } = await messages(['doc.md'], dir);
    expect(ms.filter((m) => m.ruleId === 'unused-disable-directive').map((m) => [m.line, m.severity])).toEqual([[3, 2]]);
    expect(code).toBe(1);
  });

  it('names only the rules of a directive that were not needed', async () => {
    const dir = tempDoc('# Policy\n\n<!-- policylint-disable-next-line term/csec, term/dmst -->\nEach CSEC youth is served.\n');
    const { messages: ms } = await messages(['--report-unused-disable-directives', 'doc.md'], dir);
    expect(placed(ms)).toEqual(['unused-disable-directive@3']);
    expect(ms.find((m) => m.ruleId === 'unused-disable-directive')!.message).toMatch(/no term\/dmst finding/);
  });

  it('a disable-line comment at the end of a line suppresses that line only', async () => {
    const dir = tempDoc('# Policy\n\nEach CSEC youth is served. <!-- policylint-disable-line term/csec -->\nEach CSEC youth is heard.\n');
    expect(placed((await messages(['doc.md'], dir)).messages)).toEqual(['term/csec@4']);
  });

  it('an enable for another rule does not end a range', async () => {
    const dir = tempDoc('# Policy\n\n<!-- policylint-disable term/csec -->\n\n<!-- policylint-enable term/pimp -->\n\nEach CSEC youth is served.\n');
    const { messages: ms } = await messages(['--report-unused-disable-directives', 'doc.md'], dir);
    expect(placed(ms)).toEqual([]);
  });

  it('a directive for a rule turned off in config suppresses nothing, so it is reported as unused', async () => {
    const { messages: ms } = await messages(['--report-unused-disable-directives', '--rule', 'term/pimp:off', 'directives/policy.md']);
    expect(ms.filter((m) => m.ruleId === 'unused-disable-directive').map((m) => m.line)).toEqual([15, 20]);
  });
});
