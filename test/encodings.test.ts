// Text files in the encodings county offices save them in, read through the CLI: UTF-16 with a byte-order mark
// (Word's "Unicode" text), Windows-1252 (Word's "Save as Plain Text" default on US Windows) with a one-line warning,
// and binary files still refused.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'policylint-encodings-'));
});

// A curly quote and an accented letter: bytes that are not UTF-8 in Windows-1252.
const TEXT = '# Interagency Protocol\n\nThe “MDT” meets for each CSEC youth in the café.\n';

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
  if (!bigEndian) return le;
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1];
    be[i + 1] = le[i];
  }
  return be;
}

/** Windows-1252 bytes of text made of ASCII, “ ” and é. */
function windows1252(text: string): Uint8Array {
  const code: Record<string, number> = { '“': 0x93, '”': 0x94, é: 0xe9 };
  return Uint8Array.from([...text].map((c) => code[c] ?? c.charCodeAt(0)));
}

async function lint(name: string, bytes: Uint8Array) {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const run = await runCli(['--no-config-lookup', '--format', 'json', file], { cwd: dir });
  const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string | null; line: number; column: number; found?: string; fatal?: boolean; message: string }[] }[];
  return { run, result, file, term: result.messages.find((m) => m.ruleId === 'term/csec') };
}

describe('text encodings', () => {
  for (const bigEndian of [false, true]) {
    it(`reads UTF-16 ${bigEndian ? 'BE' : 'LE'} with a byte-order mark, placing findings as in UTF-8`, async () => {
      const { run, term } = await lint('unicode.txt', utf16(TEXT, bigEndian));
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(term).toMatchObject({ found: 'CSEC youth', line: 3, column: TEXT.split('\n')[2].indexOf('CSEC') + 1 });
    });
  }

  it('reads a file that is not UTF-8 as Windows-1252, with a one-line warning naming the file', async () => {
    const { run, term, file, result } = await lint('saved-as-plain-text.txt', windows1252(TEXT));
    expect(run.stderr).toBe(`policylint: ${file}: is not UTF-8; read as Windows-1252 (save it as UTF-8 if some characters look wrong)\n`);
    // A warning, not an unreadable file: the exit status is the findings' (warnings only here).
    expect(run.code).toBe(0);
    expect(result.messages.some((m) => m.fatal)).toBe(false);
    expect(term).toMatchObject({ found: 'CSEC youth', line: 3, column: TEXT.split('\n')[2].indexOf('CSEC') + 1 });
  });

  it('keeps a UTF-8 file silent', async () => {
    const { run, term } = await lint('utf8.md', new TextEncoder().encode(TEXT));
    expect(run.stderr).toBe('');
    expect(term?.found).toBe('CSEC youth');
  });

  it('still refuses binary files, with or without NUL bytes near the start', async () => {
    const png = await lint('image.md', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    // Bytes that are not UTF-8 and full of control characters: not text in any encoding.
    const controls = await lint('data.txt', Uint8Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0x01 + (i % 7) : 0x80 + (i % 100))));
    for (const { run, file, result } of [png, controls]) {
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`policylint: ${file}: is a binary file, not text (policylint reads .md, .markdown, .txt, .docx and .pdf)\n`);
      expect(result.messages[0]).toMatchObject({ fatal: true });
    }
  });
});
