// A ConfigResolver (an engine's) reads each folder's configs once (the language
// server asks on every keystroke) and forgets them on clear (a config changed).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigResolver } from '../src/config/index.js';
import { blankJsonComments } from '../src/config/jsonc.js';

describe('config cache', () => {
  it('answers files of one folder from one read, until the cache is cleared', () => {
    const configs = new ConfigResolver();
    const configFor = (path: string) => configs.configFor(path);
    const dir = mkdtempSync(join(tmpdir(), 'policylint-cache-'));
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, '.policylintrc.yaml'), 'root: true\nrules:\n  term/pimp: off\n');
    const first = configFor(join(dir, 'docs', 'a.md'));
    expect(first.rules).toEqual({ 'term/pimp': 'off' });
    expect(configFor(join(dir, 'docs', 'b.md'))).toBe(first);

    writeFileSync(join(dir, '.policylintrc.yaml'), 'root: true\nrules:\n  term/pimp: error\n');
    expect(configFor(join(dir, 'docs', 'c.md')).rules).toEqual({ 'term/pimp': 'off' });
    configs.clear();
    expect(configFor(join(dir, 'docs', 'c.md')).rules).toEqual({ 'term/pimp': 'error' });
  });

  it('treats a folder path as the folder to start from', () => {
    const configs = new ConfigResolver();
    const configFor = (path: string) => configs.configFor(path);
    const dir = mkdtempSync(join(tmpdir(), 'policylint-cache-'));
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, '.policylintrc.yaml'), 'root: true\n');
    writeFileSync(join(dir, 'docs', '.policylintrc.yaml'), 'docType: mou\n');
    expect(configFor(join(dir, 'docs')).docType).toBe('mou');
    expect(configFor(dir).docType).toBeUndefined();
  });
});

describe('JSON comments', () => {
  it.each([
    ['{ "a": 1 } // note', '{ "a": 1 }        '],
    ['{ /* x\ny */ "a": 1 }', '{     \n     "a": 1 }'],
    ['{ "url": "https://x//y", "s": "a\\"//b" }', '{ "url": "https://x//y", "s": "a\\"//b" }'],
  ])('blanks comments in %j, keeping lines and columns', (text, expected) => {
    expect(blankJsonComments(text)).toBe(expected);
    expect(blankJsonComments(text)).toHaveLength(text.length);
  });
});
