// The state a document belongs to (src/rules/jurisdiction.ts): what a context's `stateLaw` reads.
import { describe, expect, it } from 'vitest';
import { readDocumentText } from '../src/readers/index.js';
import { documentState } from '../src/rules/jurisdiction.js';

const stateOf = (markdown: string) => documentState(readDocumentText('manual.md', markdown));

describe("a document's state", () => {
  it('is the state its title and opening name most', () => {
    expect(stateOf('# Ohio Child Protection Manual\n\nThis chapter explains intake across Ohio. Families moving from Indiana keep their case.\n')).toBe('OH');
    expect(stateOf('# MONTANA FIELD GUIDE\n\nCaseworkers follow the steps below.\n')).toBe('MT');
  });
  it('reads the longest name: West Virginia is not Virginia, New Mexico is not a mention of Mexico', () => {
    expect(stateOf('# West Virginia Practice Guide\n\nWest Virginia caseworkers respond within a day.\n')).toBe('WV');
    expect(stateOf('# New Mexico Guide\n\nYouth from Mexico are served too.\n')).toBe('NM');
  });
  it('is none on a tie, without any state, or for a federal agency in Washington, D.C.', () => {
    expect(stateOf('# Guide\n\nStaff in Oregon and Idaho share this guide.\n')).toBeUndefined();
    expect(stateOf('# County Protocol\n\nStaff respond within a day.\n')).toBeUndefined();
    expect(stateOf('# Federal Guidance\n\nIssued in Washington, D.C. by the federal agency.\n')).toBeUndefined();
  });
  it('counts only the opening: a state named deep in the text does not make it that state', () => {
    const filler = Array.from({ length: 30 }, (_, i) => `Paragraph ${i + 1} describes a step.`).join('\n\n');
    expect(stateOf(`# County Protocol\n\n${filler}\n\nA family moved here from Nevada.\n`)).toBeUndefined();
  });
});
