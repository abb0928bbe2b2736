// The build compiles the built-in packs' phrases once (dist/packs.json); a run looks them up. What it looks up must
// be exactly what compiling the phrase gives, or the matcher would match other words than the packs say.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PrebuiltPacks } from '../src/rules/pack.js';
import { PREBUILT_PACKS } from '../dist/rules/pack.js';
import { compilePhrase, usePrebuiltPhrases } from '../src/rules/phrase.js';

const built = JSON.parse(readFileSync(PREBUILT_PACKS, 'utf8')) as PrebuiltPacks;
const phrases = Object.keys(built.phrases);

describe('phrases compiled at build time', () => {
  it('cover the built-in packs (hundreds of phrases)', () => {
    expect(phrases.length).toBeGreaterThan(500);
  });

  it('give the same variants as compiling each phrase now', () => {
    usePrebuiltPhrases({});
    const fresh = phrases.map((p) => compilePhrase(p));
    usePrebuiltPhrases(built.phrases);
    expect(phrases.map((p) => compilePhrase(p))).toEqual(fresh);
  });

  it('are used: a phrase in the table is not compiled again, so a wrong entry shows', () => {
    const phrase = phrases.find((p) => p.includes(' '))!;
    usePrebuiltPhrases({ [phrase]: [[['unrelated'], 0, 0, '']] });
    expect(compilePhrase(phrase).map((v) => v.tokens.map((t) => t.key))).toEqual([['unrelated']]);
    usePrebuiltPhrases(built.phrases);
  });
});
