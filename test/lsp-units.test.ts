// The language server's pure parts: where model language goes, positions,
// settings and the debouncer.
import { describe, expect, it, vi } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits } from '../src/fix/text-edits.js';
import type { ConfigOverrides } from '../src/config/index.js';
import { Engine } from '../src/engine.js';
import { readDocumentText } from '../src/readers/index.js';
import { Debouncer } from '../src/lsp/debounce.js';
import { insertionEdit } from '../src/lsp/insertion.js';
import { toLspRange } from '../src/lsp/positions.js';
import { overridesOf, parseSettings } from '../src/lsp/settings.js';

/** The engine, called as the tests call the core. */
const engine = new Engine();
const lintText = (filePath: string, text: string, overrides?: ConfigOverrides) => engine.lintText(filePath, text, { overrides });

describe('insertionEdit', () => {
  const cases: { name: string; file: string; text: string; afterBlock: number; heading?: string; expected: string }[] = [
    {
      name: 'after a paragraph followed by a blank line',
      file: 'a.md',
      text: '# T\n\n## MDT\n\nThe MDT meets.\n\n## Next\n',
      afterBlock: 2,
      expected: '# T\n\n## MDT\n\nThe MDT meets.\n\nMODEL\n\n## Next\n',
    },
    {
      name: 'after a paragraph directly followed by a heading line',
      file: 'a.md',
      text: '## MDT\nThe MDT meets.\n## Next\n',
      afterBlock: 1,
      // A blank line is added after the new paragraph too, or it would run into the next line.
      expected: '## MDT\nThe MDT meets.\n\nMODEL\n\n## Next\n',
    },
    {
      name: 'after the last block of a file without a final newline',
      file: 'a.md',
      text: '## MDT\n\nThe MDT meets.',
      afterBlock: 1,
      expected: '## MDT\n\nThe MDT meets.\n\nMODEL',
    },
    {
      name: 'keeping CRLF line endings',
      file: 'a.md',
      text: '## MDT\r\n\r\nThe MDT meets.\r\n\r\n## Next\r\n',
      afterBlock: 1,
      expected: '## MDT\r\n\r\nThe MDT meets.\r\n\r\nMODEL\r\n\r\n## Next\r\n',
    },
    {
      name: 'after a table cell: at the end of its row, not inside it',
      file: 'a.md',
      text: '| Team | Role |\n| --- | --- |\n| MDT | plans |\n',
      afterBlock: 2,
      expected: '| Team | Role |\n| --- | --- |\n| MDT | plans |\n\nMODEL\n',
    },
    {
      name: 'at the end under a new Markdown heading',
      file: 'a.md',
      text: '# T\n\nText.\n',
      afterBlock: -1,
      heading: 'Mandated Reporting',
      expected: '# T\n\nText.\n\n## Mandated Reporting\n\nMODEL\n',
    },
    {
      name: 'at the end of a file that ends without a newline',
      file: 'a.md',
      text: '# T\n\nText.',
      afterBlock: -1,
      heading: 'Mandated Reporting',
      expected: '# T\n\nText.\n\n## Mandated Reporting\n\nMODEL\n',
    },
    {
      name: 'at the end of plain text, under a capitalised heading the text reader recognises',
      file: 'a.txt',
      text: 'PURPOSE\n\nText.\n\n',
      afterBlock: -1,
      heading: 'Mandated Reporting',
      expected: 'PURPOSE\n\nText.\n\nMANDATED REPORTING\n\nMODEL\n',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const doc = readDocumentText(c.file, c.text);
      const edit = insertionEdit(doc, { afterBlock: c.afterBlock, heading: c.heading, text: 'MODEL' })!;
      expect(applyEdits(c.text, [edit])).toBe(c.expected);
    });
  }

  it('makes a heading the text reader reads back as one', () => {
    const doc = readDocumentText('a.txt', 'PURPOSE\n\nText.\n');
    const edit = insertionEdit(doc, { afterBlock: -1, heading: 'Mandated Reporting of Child Trafficking', text: 'Staff report it.' })!;
    const after = readDocumentText('a.txt', applyEdits('PURPOSE\n\nText.\n', [edit]));
    expect(after.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['heading', 'PURPOSE'],
      ['paragraph', 'Text.'],
      ['heading', 'MANDATED REPORTING OF CHILD TRAFFICKING'],
      ['paragraph', 'Staff report it.'],
    ]);
  });
});

describe('toLspRange', () => {
  it('gives UTF-16 positions on CRLF text with characters outside the BMP', () => {
    const text = '# Policy\r\n\r\n📌 Each CSEC youth is served.\r\n';
    const { result, doc } = lintText('p.md', text);
    const finding = result.messages.find((m) => m.ruleId === 'term/csec')!;
    const range = toLspRange(finding, doc, TextDocument.create('file:///p.md', 'markdown', 1, text));
    // "📌" is two UTF-16 units: "CSEC youth" starts at character 8 of line 2.
    expect(range).toEqual({ start: { line: 2, character: 8 }, end: { line: 2, character: 18 } });
  });
});

describe('settings', () => {
  it('keeps good values, ignores wrong types and names them', () => {
    const { settings, problems } = parseSettings({ enable: 'yes', docType: 'mou', rulePacks: ['county.yaml', 3], configFile: '' });
    expect(settings).toEqual({ enable: true, docType: 'mou', rulePacks: [] });
    expect(problems).toEqual(['policylint.enable must be true or false', 'policylint.rulePacks must be a list of file paths']);
    expect(parseSettings({ docType: 'memo' }).problems).toEqual([expect.stringMatching(/^policylint.docType must be one of protocol, policy/)]);
  });

  it('resolves relative paths from the workspace folder', () => {
    expect(overridesOf({ enable: true, rulePacks: ['packs/county.yaml', '/abs/x.yaml'], configFile: 'cfg/.policylintrc.json' }, '/ws')).toEqual({
      packs: ['/ws/packs/county.yaml', '/abs/x.yaml'],
      configFile: '/ws/cfg/.policylintrc.json',
    });
  });
});

describe('Debouncer', () => {
  it('runs only the last job scheduled for a key, and keys do not interfere', () => {
    vi.useFakeTimers();
    try {
      const ran: string[] = [];
      const debouncer = new Debouncer<string>(200);
      debouncer.schedule('a', () => ran.push('a1'));
      vi.advanceTimersByTime(150);
      debouncer.schedule('a', () => ran.push('a2'));
      debouncer.schedule('b', () => ran.push('b1'));
      vi.advanceTimersByTime(150);
      expect(ran).toEqual([]);
      vi.advanceTimersByTime(50);
      expect(ran).toEqual(['a2', 'b1']);
      debouncer.schedule('a', () => ran.push('a3'));
      debouncer.cancel('a');
      vi.advanceTimersByTime(1000);
      expect(ran).toEqual(['a2', 'b1']);
    } finally {
      vi.useRealTimers();
    }
  });
});
