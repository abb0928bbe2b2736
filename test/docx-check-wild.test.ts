// scripts/check-wild.js must tell a clean refusal from a crash and catch a hang.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

interface WildSummary {
  skipped: boolean;
  files: number;
  read: number;
  rejected: number;
  crashes: number;
  hangs: number;
}
type CheckWild = (options: { dir: string; module?: string; exportName?: string; timeoutMs?: number; log: (line: string) => void }) => Promise<WildSummary>;
// A plain JavaScript script: imported by a path TypeScript does not resolve.
const script = '../scripts/check-wild.js';
const { checkWild } = (await import(script)) as { checkWild: CheckWild };

describe('check:wild', () => {
  it('counts reads, clean rejections, crashes and hangs, each file in its own worker', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policylint-wild-'));
    try {
      for (const name of ['ok.docx', 'refused.docx', 'crash.docx', 'hang.docx', 'fatal.docx', 'notes.txt']) writeFileSync(join(dir, name), name);
      const entry = join(dir, 'entry.mjs');
      writeFileSync(
        entry,
        `export function read(file, bytes) {
          const name = new TextDecoder().decode(bytes);
          if (name === 'refused.docx') { const e = new Error(file + ': is not a zip'); e.name = 'ReadError'; throw e; }
          if (name === 'crash.docx') return null.blocks;
          if (name === 'hang.docx') for (;;) {}
          if (name === 'fatal.docx') return { result: { fatal: 'is damaged' } };
          return { blocks: [1, 2] };
        }`,
      );
      const lines: string[] = [];
      const summary = await checkWild({ dir, module: pathToFileURL(entry).href, exportName: 'read', timeoutMs: 3000, log: (l) => lines.push(l) });
      expect(summary).toMatchObject({ files: 5, read: 1, rejected: 2, crashes: 1, hangs: 1 });
      expect(lines.at(-1)).toMatch(/^check:wild: 5 files, 1 read, 2 rejected with a clear error, 1 crash, 1 hang \(slowest: hang\.docx/);
      expect(lines.some((l) => /CRASH +crash\.docx: TypeError/.test(l))).toBe(true);
      expect(lines).toContain('  rejected  refused.docx: is not a zip');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('skips quietly when the corpus is absent', async () => {
    const lines: string[] = [];
    const summary = await checkWild({ dir: join(tmpdir(), 'policylint-no-such-corpus'), log: (l) => lines.push(l) });
    expect(summary.skipped).toBe(true);
    expect(lines).toEqual(['check:wild: corpus not found, skipped']);
  });
});
