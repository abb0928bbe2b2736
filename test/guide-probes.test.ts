// Documents we wrote ourselves, each a shape the annotation guide decides (test/fixtures-probes/): a term that must
// be reported or must not be, a provision's status, a document's type. Written to find where the detectors fail on
// wording the annotated documents do not use; each shape that failed was fixed by category, and the probes stay here
// so that no later change undoes it. Linted through the engine, as the CLI and the language server lint.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Engine } from '../src/engine.js';
import type { DocType } from '../src/types.js';

const engine = new Engine();

function rows(file: string): string[][] {
  return readFileSync(new URL(`./fixtures-probes/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t').map((cell) => cell.replace(/\\n/g, '\n')));
}

function lint(text: string, docType?: DocType) {
  return engine.lintText('/probes/probe.md', text, { overrides: { useConfigFiles: false, ...(docType ? { docType } : {}) } }).result;
}

describe('term probes', () => {
  it.each(rows('terms.tsv'))('%s at line %s: %s', (kind, line, text) => {
    const first = Number.parseInt(line, 10);
    const onLine = lint(text).messages.filter((m) => m.ruleId.startsWith('term/') && (line.endsWith('+') ? m.line >= first : m.line === first));
    if (kind === 'E') expect(onLine.length).toBeGreaterThan(0);
    else expect(onLine.map((m) => `${m.ruleId}: ${m.found}`)).toEqual([]);
  });
});

describe('provision and document-type probes', () => {
  it.each(rows('provisions.tsv'))('%s is %s (%s): %s', (id, accepted, docType, text) => {
    const result = lint(text, (docType || undefined) as DocType | undefined);
    const got = id === 'doctype' ? result.docType : result.provisions.find((p) => p.id === id)?.status;
    expect(accepted.split('|')).toContain(got);
  });
});
