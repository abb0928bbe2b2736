// --format sarif: valid against the SARIF 2.1.0 JSON Schema (schema/sarif-2.1.0.json,
// draft 2020-12), with rule metadata, 1-based end-exclusive regions relative
// to %SRCROOT%, provision statuses, and fixes exactly where --fix edits.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from './helpers/cli.js';

const FIXTURES = fileURLToPath(new URL('./fixtures-config/', import.meta.url));

interface Region {
  startLine: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Region } }[];
  fixes?: { description: { text: string }; artifactChanges: { artifactLocation: { uri: string }; replacements: { deletedRegion: Required<Region>; insertedContent: { text: string } }[] }[] }[];
  properties?: { status?: string };
}
interface SarifRule {
  id: string;
  name?: string;
  shortDescription: { text: string };
  fullDescription?: { text: string };
  help?: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration?: { level: string };
}
interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: SarifRule[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string } }[] }[];
    originalUriBaseIds: Record<string, { uri: string }>;
    results: SarifResult[];
  }[];
}

function validator() {
  const Ajv = Ajv2020 as unknown as typeof Ajv2020.default;
  const ajv = new Ajv({ allErrors: true, strict: false });
  (addFormats as unknown as typeof addFormats.default)(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(REPO, 'schema/sarif-2.1.0.json'), 'utf8')));
}

async function sarif(args: string[], cwd: string): Promise<{ code: number; log: SarifLog; raw: unknown }> {
  const run = await runCli(['--format', 'sarif', ...args], { cwd });
  const raw: unknown = JSON.parse(run.stdout);
  return { code: run.code, log: raw as SarifLog, raw };
}

/** Applies SARIF replacements (non-overlapping) to a text. */
function applyReplacements(text: string, replacements: { deletedRegion: Required<Region>; insertedContent: { text: string } }[]): string {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const offset = (line: number, column: number) => starts[line - 1] + column - 1;
  const sorted = [...replacements].sort((a, b) => offset(b.deletedRegion.startLine, b.deletedRegion.startColumn) - offset(a.deletedRegion.startLine, a.deletedRegion.startColumn));
  let out = text;
  for (const r of sorted) {
    out = out.slice(0, offset(r.deletedRegion.startLine, r.deletedRegion.startColumn)) + r.insertedContent.text + out.slice(offset(r.deletedRegion.endLine, r.deletedRegion.endColumn));
  }
  return out;
}

describe('--format sarif', () => {
  let code: number;
  let log: SarifLog;
  let raw: unknown;
  beforeAll(async () => {
    ({ code, log, raw } = await sarif(['--report-unused-disable-directives', 'coverage', 'extends/doc.md', 'directives/policy.md', 'missing.md'], FIXTURES));
  });

  it('is valid SARIF 2.1.0', () => {
    const validate = validator();
    const valid = validate(raw);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(log.version).toBe('2.1.0');
    expect(code).toBe(2); // missing.md
  });

  it('describes every rule: why, help with sources and model language, a help URI and a default level', () => {
    const rules = log.runs[0].tool.driver.rules;
    const csec = rules.find((r) => r.id === 'term/csec')!;
    expect(csec).toMatchObject({ name: 'Csec', defaultConfiguration: { level: 'warning' } });
    expect(csec.shortDescription.text.length).toBeGreaterThan(0);
    expect(csec.fullDescription!.text).toMatch(/labor/);
    expect(csec.help!.text).toMatch(/Sources:\n- PACT/);
    expect(csec.help!.markdown).toMatch(/\*\*Write instead:\*\*/);
    expect(csec.helpUri).toMatch(/^https:\/\/.+#term-csec$/);
    const mdt = rules.find((r) => r.id === 'provision/mdt-labor')!;
    expect(mdt.help!.text).toMatch(/Model language:\n\S/);
    expect(mdt.help!.markdown).toMatch(/\*\*Model language\*\*\n\n> \S/);
    // The county pack's term (extends/.policylintrc.yaml) is described as well as the built-in ones.
    expect(rules.find((r) => r.id === 'term/at-risk-csec')).toMatchObject({
      fullDescription: { text: expect.stringMatching(/2021 resolution/) },
      defaultConfiguration: { level: 'warning' },
    });
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });

  it('points every result at its rule and its file, relative to %SRCROOT%', async () => {
    const run = log.runs[0];
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(`file://${FIXTURES}`);
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(r.locations[0].physicalLocation.artifactLocation.uriBaseId).toBe('%SRCROOT%');
    }
    expect(new Set(run.results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri))).toEqual(
      new Set(['coverage/csec-protocol.md', 'coverage/inclusive-protocol.md', 'coverage/mou/partner-mou.md', 'coverage/xss-title.md', 'extends/doc.md', 'directives/policy.md']),
    );
  });

  it('gives the same 1-based, end-exclusive ranges as the JSON format', async () => {
    const json = JSON.parse((await runCli(['--format', 'json', 'coverage/csec-protocol.md'], { cwd: FIXTURES })).stdout) as { messages: { ruleId: string; line: number; column: number; endLine: number; endColumn: number }[] }[];
    const results = log.runs[0].results.filter((r) => r.locations[0].physicalLocation.artifactLocation.uri === 'coverage/csec-protocol.md');
    const term = json[0].messages.find((m) => m.ruleId === 'term/csec')!;
    const region = results.find((r) => r.ruleId === 'term/csec')!.locations[0].physicalLocation.region;
    expect(region).toEqual({ startLine: term.line, startColumn: term.column, endLine: term.endLine, endColumn: term.endColumn });
    const line = readFileSync(join(FIXTURES, 'coverage/csec-protocol.md'), 'utf8').split('\n')[region.startLine - 1];
    expect(line.slice(region.startColumn! - 1, region.endColumn! - 1)).toBe('CSEC youth');
  });

  it('levels follow severities, and provision results carry their status', () => {
    const results = log.runs[0].results;
    expect(new Set(results.map((r) => r.level))).toEqual(new Set(['warning', 'error']));
    const provisions = results.filter((r) => r.ruleId.startsWith('provision/'));
    expect(provisions.length).toBeGreaterThan(0);
    for (const p of provisions) expect(['partial', 'absent']).toContain(p.properties?.status);
    // A missing provision is about the whole document: it names the first line and no span.
    const absent = provisions.find((p) => p.properties?.status === 'absent')!;
    expect(absent.locations[0].physicalLocation.region).toEqual({ startLine: 1 });
    expect(results.some((r) => r.ruleId === 'unused-disable-directive' && r.level === 'warning')).toBe(true);
  });

  it('reports an unreadable file as a failed invocation', () => {
    const invocation = log.runs[0].invocations[0];
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications).toHaveLength(1);
    expect(invocation.toolExecutionNotifications[0]).toMatchObject({ level: 'error' });
    expect(invocation.toolExecutionNotifications[0].message.text).toMatch(/missing\.md: no such file/);
  });
});

describe('SARIF fixes', () => {
  const TEXT = [
    '# Interagency Protocol',
    '',
    'Each CSEC youth is referred to the team.',
    '',
    'Staff screen every child for sex trafficking.',
    '',
    'Each CSEC *youth* is served.',
    '',
  ].join('\n');

  it('are the edits --fix makes, and none through markup', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policylint-sarif-'));
    writeFileSync(join(dir, '.policylintrc.yaml'), 'root: true\n');
    writeFileSync(join(dir, 'doc.md'), TEXT);
    const { log } = await sarif(['doc.md'], dir);
    const withFixes = log.runs[0].results.filter((r) => r.fixes);
    expect(withFixes.map((r) => r.ruleId).sort()).toEqual(['term/csec', 'term/sex-trafficking']);
    for (const r of withFixes) {
      expect(r.fixes![0].artifactChanges[0].artifactLocation.uri).toBe('doc.md');
      expect(r.fixes![0].description.text).toMatch(/^Replace with "/);
    }
    const replacements = withFixes.flatMap((r) => r.fixes![0].artifactChanges[0].replacements);
    const viaSarif = applyReplacements(TEXT, replacements);

    copyFileSync(join(dir, 'doc.md'), join(dir, 'fixed.md'));
    await runCli(['--fix', 'fixed.md'], { cwd: dir });
    expect(viaSarif).toBe(readFileSync(join(dir, 'fixed.md'), 'utf8'));
    expect(viaSarif).not.toBe(TEXT);
    expect(viaSarif).toMatch(/Each CSEC \*youth\* is served/);
    expect(log.runs[0].results.some((r) => r.ruleId === 'term/csec' && r.locations[0].physicalLocation.region.startLine === 7 && !r.fixes)).toBe(true);
  });
});
