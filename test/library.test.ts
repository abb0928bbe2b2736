// The package's main entry, as a program that depends on policylint imports it (package.json "exports").
import { describe, expect, it } from 'vitest';

describe("import … from 'policylint'", () => {
  it('lints text in memory and fixes it with the same core as the CLI', async () => {
    // Through the package's own exports map, as a dependent package would resolve it.
    const policylint = await import('policylint');
    const engine = new policylint.Engine();
    const outcome = engine.lintText('memo.md', '# Protocol\n\nAn MDT will be convened for each CSEC youth.\n');
    expect(outcome.result.messages.map((m) => m.ruleId)).toContain('term/csec');
    expect(outcome.result.provisions.find((p) => p.id === 'mdt-labor')?.status).toBe('partial');
    const fixed = engine.fixText('memo.md', '# Protocol\n\nAn MDT will be convened for each CSEC youth.\n');
    expect(fixed.text).not.toMatch(/CSEC youth/);
    expect(Object.keys(policylint.FORMATTERS)).toContain('json');
  });
});
