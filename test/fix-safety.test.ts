// Issue 22: a finding carries a fix only where its replacement is safe in its
// sentence (docs/fixes.md). The sentences of test/fixtures-fixes/sentences.yaml,
// one class a file and one sentence a section, through the real CLI: --fix must
// write exactly the text the table gives ("unchanged" where the replacement
// stays a suggestion), --fix-dry-run must show the same change, and a lint of
// the fixed text must find nothing new and no broken name. Then the same
// sentences through the other front ends that apply fixes without asking: the
// Word redline's default, the language server's "fix all" and the unified
// plugin's `fix: true` must make exactly the same changes.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPatch, parsePatch } from 'diff';
import { retext } from 'retext';
import retextEnglish from 'retext-english';
import { VFile } from 'vfile';
import { CodeActionRequest, type CodeAction, type TextEdit } from 'vscode-languageserver-protocol/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readDocument } from '../src/readers/index.js';
import policylint from '../src/unified/index.js';
import { runCli } from './helpers/cli.js';
import { para, wordPackage } from './helpers/docx-build.js';
import { applyTextEdits, fileUri, startLsp } from './helpers/lsp-client.js';

interface Case {
  text: string;
  fixed: string;
}

const TABLE = parse(readFileSync(new URL('./fixtures-fixes/sentences.yaml', import.meta.url), 'utf8')) as Record<string, Case[]>;
const CLASSES = Object.keys(TABLE);
const expectedOf = (c: Case) => (c.fixed === 'unchanged' ? c.text : c.fixed);

interface JsonMessage {
  ruleId: string;
  line: number;
  message: string;
  fix?: { text: string };
  suggestions: { text: string }[];
}

/** A class's sentences as one Markdown file, each under its own heading (so no context reaches from one to another). */
function documentOf(cases: Case[], text: (c: Case) => string): { source: string; lines: [number, number][] } {
  let source = '';
  const lines: [number, number][] = [];
  cases.forEach((c, i) => {
    source += `${i > 0 ? '\n' : ''}## Sentence ${i + 1}\n\n`;
    const first = source.split('\n').length;
    const body = text(c);
    source += `${body}\n`;
    lines.push([first, first + body.split('\n').length - 1]);
  });
  return { source, lines };
}

/** Words that read as names or codes ("CSE-IT", "CSEC 101", "CSEC/DMST"): a fix never breaks one it does not replace whole. */
const NAME_LIKE = /\b\p{Lu}[\p{L}\d]*(?:[-‐‑/][\p{L}\d.]+)+|\b\p{Lu}{2,}[ \t]+\d[\d.]*\b/gu;
/** What a replacement glued to a name or a number looks like ("child trafficking-IT", "child trafficking 101"). */
const BROKEN = /(?:trafficking|exploitation|affected by child trafficking)(?:[-‐‑](?=\p{L})|[ \t]+\d)/u;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'policylint-fix-safety-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function lintJson(file: string): Promise<JsonMessage[]> {
  const run = await runCli(['--no-config-lookup', '--format', 'json', file], { cwd: dir });
  expect([0, 1], run.stderr).toContain(run.code);
  return (JSON.parse(run.stdout) as { messages: JsonMessage[] }[])[0].messages.filter((m) => m.ruleId.startsWith('term/'));
}

describe('fixture sentences through the CLI', () => {
  it('has at least five sentences for every class', () => {
    for (const name of CLASSES) expect(TABLE[name].length, name).toBeGreaterThanOrEqual(5);
    expect(CLASSES).toEqual(expect.arrayContaining(['protective-negation', 'dated-record', 'explained-word', 'compound-or-name', 'possessive-or-noun-stack', 'capitals', 'overlapping', 'line-breaks', 'cse-forms']));
  });

  it.each(CLASSES)('%s: --fix writes the expected text, --fix-dry-run shows it, and a re-lint finds nothing new', async (name) => {
    const cases = TABLE[name];
    const { source, lines } = documentOf(cases, (c) => c.text);
    const expected = documentOf(cases, expectedOf).source;
    const file = join(dir, `${name}.md`);
    writeFileSync(file, source);

    // Every sentence the table leaves unchanged is either not flagged or flagged with suggestions and no fix;
    // every sentence it changes has a fix.
    const before = await lintJson(file);
    cases.forEach((c, i) => {
      const [first, last] = lines[i];
      const here = before.filter((m) => m.line >= first && m.line <= last);
      if (c.fixed === 'unchanged') {
        for (const m of here) {
          expect(m.fix, `${c.text}: ${m.message}`).toBeUndefined();
          expect(m.suggestions.length, `${c.text}: ${m.message}`).toBeGreaterThan(0);
          expect(m.message, c.text).toMatch(/--fix leaves it/);
        }
      } else expect(here.some((m) => m.fix), c.text).toBe(true);
    });

    const dry = await runCli(['--no-config-lookup', '--fix-dry-run', '-o', join(dir, `${name}.dry.json`), file], { cwd: dir });
    expect([0, 1], dry.stderr).toContain(dry.code);
    const patch = parsePatch(dry.stdout)[0];
    expect(source === expected ? dry.stdout : applyPatch(source, patch)).toBe(source === expected ? '' : expected);

    const fix = await runCli(['--no-config-lookup', '--format', 'json', '--fix', file], { cwd: dir });
    expect([0, 1], fix.stderr).toContain(fix.code);
    const fixed = readFileSync(file, 'utf8');
    expect(fixed).toBe(expected);

    // Nothing new to report in the fixed text: each finding left is one the original had, on the same line.
    const key = (m: JsonMessage) => `${m.line} ${m.ruleId} ${m.message.split('" ')[0]}"`;
    const had = new Set(before.map(key));
    expect((await lintJson(file)).map(key).filter((k) => !had.has(k))).toEqual([]);
    // No name or code was cut by a replacement.
    for (const nameLike of source.match(NAME_LIKE) ?? []) expect(fixed, nameLike).toContain(nameLike);
    expect(fixed).not.toMatch(BROKEN);
  });
});

/** The table's sentences as single paragraphs (a Word paragraph has no line breaks; a list item loses its marker). */
const flat = (s: string) => s.replace(/^- /, '').replace(/\s*\n\s*/g, ' ');
const ALL = CLASSES.flatMap((name) => TABLE[name]);

describe('every front end makes the same changes', () => {
  const all = documentOf(ALL, (c) => c.text);
  const expected = documentOf(ALL, expectedOf).source;

  it('the Word redline (--redline, the default changes) holds exactly the fixes --fix makes', async () => {
    const input = join(dir, 'all.docx');
    writeFileSync(input, wordPackage({ body: ALL.map((c) => para([flat(c.text)])).join('') }));
    const output = join(dir, 'all.policylint.docx');
    const run = await runCli(['--no-config-lookup', '--redline', output, input], { cwd: dir });
    expect([0, 1], run.stderr).toContain(run.code);
    // The redline read back with its tracked changes accepted: each paragraph is the fixed sentence, or the
    // sentence as written where the replacement stays a suggestion.
    const doc = readDocument(output, readFileSync(output));
    expect(doc.blocks.map((b) => b.text)).toEqual(ALL.map((c) => flat(expectedOf(c))));
  });

  it('the language server\'s "fix all" and the unified plugin\'s fix: true write what the table gives', async () => {
    const path = join(dir, 'all.md');
    writeFileSync(path, all.source);
    const { client } = await startLsp();
    try {
      const uri = fileUri(path);
      client.open(uri, all.source);
      await client.waitForDiagnostics(uri);
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll'] },
      })) as CodeAction[];
      expect(actions).toHaveLength(1);
      const change = actions[0].edit?.documentChanges?.[0];
      const edits = (change && 'edits' in change ? change.edits : actions[0].edit?.changes?.[uri]) as TextEdit[];
      expect(applyTextEdits(all.source, edits)).toBe(expected);

      // Quick fixes: the preferred one is the replacement --fix makes; a finding without a fix has no preferred action.
      const diagnostics = (await client.waitForDiagnostics(uri)).diagnostics.filter((d) => String(d.code).startsWith('term/'));
      const { messages } = JSON.parse((await runCli(['--no-config-lookup', '--format', 'json', path], { cwd: dir })).stdout)[0] as { messages: JsonMessage[] };
      const terms = messages.filter((m) => m.ruleId.startsWith('term/'));
      expect(diagnostics).toHaveLength(terms.length);
      for (const [i, d] of diagnostics.entries()) {
        const quick = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } })) as CodeAction[];
        const preferred = quick.filter((a) => a.isPreferred);
        // The fix is the first replacement (JSON writes its text as it goes into the source, line breaks and all).
        expect(preferred.map((a) => a.title), terms[i].message).toEqual(terms[i].fix ? [`Replace with "${terms[i].suggestions[0].text}"`] : []);
      }
    } finally {
      expect(await client.stop()).toBe(0);
    }

    const unified = retext().use(retextEnglish).use(policylint, { fix: true }).processSync(new VFile({ path, value: all.source }));
    expect(String(unified)).toBe(expected);
  });
});
