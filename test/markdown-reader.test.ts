import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rangeOf, sourceOffset, type PolicyDocument } from '../src/model.js';
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { InlineText, readMarkdown } from '../src/readers/markdown.js';
import { isPlain, md } from '../src/readers/markdown-parser.js';
import { readText } from '../src/readers/text.js';

/** The source text a block text span maps to. */
function sourceOf(doc: PolicyDocument, b: number, start: number, end: number): string {
  const text = (doc.source as { text: string }).text;
  return text.slice(sourceOffset(doc.blocks[b], start), sourceOffset(doc.blocks[b], end, true));
}

describe('Markdown reader', () => {
  it('takes the first heading below the top level as the title only when no running text comes before it', () => {
    expect(readMarkdown('p.md', '## Harbor County Youth Services\n\nStaff meet each youth.\n').title).toBe('Harbor County Youth Services');
    const opening = 'This page explains how the state agency responds when a child is harmed, who decides and what families can expect next.';
    expect(readMarkdown('p.md', `${opening}\n\n## Reporting\n\nCall the hotline.\n`).title).toBeUndefined();
    expect(readMarkdown('p.md', `${opening}\n\n# Response Guide\n\nCall the hotline.\n`).title).toBe('Response Guide');
  });

  it('reads headings, paragraphs, list items, table cells and quotes with their heading paths', () => {
    const doc = readMarkdown('p.md', '# Protocol\n\n## 4.2 Multidisciplinary Team (MDT)\n\nThe MDT meets.\n\n- first item\n- second\n\n| Who | What |\n|---|---|\n| Probation | reports |\n\n> quoted words\n');
    expect(doc.title).toBe('Protocol');
    expect(doc.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['heading', 'Protocol'],
      ['heading', '4.2 Multidisciplinary Team (MDT)'],
      ['paragraph', 'The MDT meets.'],
      ['list-item', 'first item'],
      ['list-item', 'second'],
      ['table-cell', 'Who'],
      ['table-cell', 'What'],
      ['table-cell', 'Probation'],
      ['table-cell', 'reports'],
      ['paragraph', 'quoted words'],
    ]);
    expect(doc.blocks[2].headingPath).toEqual(['Protocol', '4.2 Multidisciplinary Team (MDT)']);
    expect(doc.blocks[9].inQuote).toBe(true);
  });

  it('leaves out front matter, code, HTML and link targets', () => {
    const doc = readMarkdown('p.md', '---\ntitle: CSEC\n---\n\n```\nCSEC code\n```\n\n<div>CSEC html</div>\n\nSee [the guide](http://example.org/CSEC) and `CSEC`.\n');
    expect(doc.blocks.map((b) => b.text)).toEqual(['See the guide and \uFFFC.']);
  });

  it('maps text through emphasis, escapes and entities back to the source', () => {
    const src = 'Intro line\n\nServe *CSEC* youth \\* and &amp; **sex\ntrafficking** victims.\n';
    const doc = readMarkdown('p.md', src);
    const block = doc.blocks[1];
    expect(block.text).toBe('Serve CSEC youth * and & sex\ntrafficking victims.');
    const at = (s: string) => [block.text.indexOf(s), block.text.indexOf(s) + s.length] as const;
    expect(rangeOf(doc, block, ...at('CSEC'))).toEqual({ line: 3, column: 8, endLine: 3, endColumn: 12 });
    expect(sourceOf(doc, 1, ...at('&'))).toBe('&amp;');
    expect(sourceOf(doc, 1, ...at('*'))).toBe('\\*');
    expect(sourceOf(doc, 1, ...at('trafficking victims'))).toBe('trafficking** victims');
    expect(rangeOf(doc, block, ...at('sex\ntrafficking'))).toEqual({ line: 3, column: 35, endLine: 4, endColumn: 12 });
  });

  it('finds table cells on their own row', () => {
    const doc = readMarkdown('p.md', '| a | b |\n|---|---|\n| CSEC victims | x |\n');
    const cell = doc.blocks.find((b) => b.text === 'CSEC victims')!;
    expect(rangeOf(doc, cell, 0, 4)).toEqual({ line: 3, column: 3, endLine: 3, endColumn: 7 });
  });

  it('collects policylint directives from HTML comments', () => {
    const doc = readMarkdown('p.md', 'Text\n\n<!-- policylint-disable term/csec -->\n\nMore <!-- policylint-disable-line provision/mdt-labor --> text\n');
    expect(doc.directives).toEqual([
      { type: 'disable', rules: ['term/csec'], line: 3, column: 1 },
      { type: 'disable-line', rules: ['provision/mdt-labor'], line: 5, column: 1 },
    ]);
  });
});

describe('text reader', () => {
  it('splits paragraphs and recognises numbered and capitalised headings', () => {
    const doc = readText('p.txt', 'MANDATED REPORTING\n\n4.2 Multidisciplinary Team (MDT)\n\nAn MDT will be convened\nfor each youth.\n');
    expect(doc.blocks.map((b) => [b.kind, b.level, b.line])).toEqual([
      ['heading', 1, 1],
      ['heading', 2, 3],
      ['paragraph', undefined, 5],
    ]);
    expect(doc.blocks[2].headingPath).toEqual(['MANDATED REPORTING', '4.2 Multidisciplinary Team (MDT)']);
  });
});

// Documents built from policy words wrapped in every kind of Markdown construct.
const word = fc.constantFrom('CSEC', 'youth', 'victims', 'sex', 'trafficking', 'labor', 'MDT', 'the', 'shall', 'report', '&amp;', '\\*', 'é', '😀');
const inline = fc.tuple(fc.array(word, { minLength: 1, maxLength: 6 }), fc.constantFrom('', '*', '**', '_', '`', 'link')).map(([ws, wrap]) => {
  const t = ws.join(' ');
  if (wrap === 'link') return `[${t}](http://x.org/${ws[0]})`;
  return `${wrap}${t}${wrap}`;
});
const line = fc.array(inline, { minLength: 1, maxLength: 5 }).map((parts) => parts.join(' '));
const block = fc.tuple(line, fc.constantFrom('', '# ', '## ', '- ', '1. ', '> ', '| ', '    ')).map(([l, prefix]) => (prefix === '| ' ? `| ${l.replace(/\|/g, '')} | x |\n|---|---|\n| ${l.replace(/\|/g, '')} | y |` : `${prefix}${l}`));
const markdownDoc = fc.array(fc.tuple(block, fc.constantFrom('\n\n', '\n', '\r\n\r\n')), { maxLength: 12 }).map((bs) => bs.map(([b, sep]) => b + sep).join(''));

describe('reader properties', () => {
  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
      readMarkdown('x.md', s);
      readText('x.txt', s);
    }), { numRuns: 300 });
  });

  it('maps every block character inside the document, in order', () => {
    fc.assert(fc.property(fc.oneof(markdownDoc, fc.string({ maxLength: 300 })), (src) => {
      const doc = readMarkdown('x.md', src);
      for (const b of doc.blocks) {
        let last = -1;
        for (const seg of b.segments) {
          expect(seg.sourceStart).toBeGreaterThanOrEqual(0);
          expect(seg.sourceStart + (seg.sourceLength ?? seg.length)).toBeLessThanOrEqual(src.length);
          expect(seg.sourceStart).toBeGreaterThanOrEqual(last);
          last = seg.sourceStart;
        }
      }
    }), { numRuns: 300 });
  });

  it('maps plain words to exactly the same characters in the source', () => {
    fc.assert(fc.property(markdownDoc, (src) => {
      const doc = readMarkdown('x.md', src);
      doc.blocks.forEach((b, i) => {
        for (const m of b.text.matchAll(/[A-Za-z]+/g)) {
          expect(sourceOf(doc, i, m.index!, m.index! + m[0].length)).toBe(m[0]);
        }
      });
    }), { numRuns: 300 });
  });
});

/** The text markdown-it's inline children stand for: text as it is, a soft or hard break as a line break. */
function childrenText(children: Token[]): string {
  return children.map((c) => (c.type === 'text' ? c.content : c.type === 'softbreak' || c.type === 'hardbreak' ? '\n' : `<${c.type}>`)).join('');
}

describe('paragraphs without inline markup', () => {
  it('read as the text markdown-it itself would make, each piece mapped to its characters', () => {
    const reference = new MarkdownIt({ html: true, linkify: false, typographer: false });
    const plainChar = fc.constantFrom('a', 'B', '7', ' ', '  ', '\t', '\n', '\n ', '\n\t', '-', ':', '#', '$', '%', '+', '=', '@', '^', '{', '}', '.', ',', '"', '(', ')', 'é', '😀');
    fc.assert(
      fc.property(fc.array(plainChar, { minLength: 1, maxLength: 30 }).map((p) => `x${p.join('')}x`), (content) => {
        const tokens: Token[] = [];
        reference.inline.parse(content, reference, {}, tokens);
        const made = new InlineText(content);
        made.addPlain();
        expect(made.text).toBe(childrenText(tokens));
        for (const span of made.spans) {
          const piece = made.text.slice(span.textStart, span.textStart + span.length);
          expect(content.slice(span.contentStart, span.contentStart + (span.sourceLength ?? span.length))).toBe(piece);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the configured markdown-it', () => {
  // markdown-parser.ts replaces four parts of markdown-it's work (line ending normalisation, line indexing, text
  // runs, inline parsing of plain paragraphs) with faster code: the tokens, and the text of what it leaves
  // unparsed, must stay exactly markdown-it's own.
  it('makes the same tokens as an unchanged markdown-it', () => {
    const reference = new MarkdownIt({ html: true, linkify: false, typographer: false });
    reference.normalizeLink = (url) => url;
    reference.normalizeLinkText = (url) => url;
    const piece = fc.constantFrom('a', 'CSEC youth', ' ', '  ', '\t', ' \t', '\n', '\n\n', '\r\n', '\r', '\0', '    ', '# ', '## ', '- ', '1. ', '> ', '| a | b |\n|---|---|\n', '|', '---', '```', '*', '_', '`', '[', ']', '(', ')', '<', '>', '&amp;', '\\', '!', 'é', '😀', ':', '~', '\n   ', '\n\t', '-', '#', '=', '+', '@', '^', '{', '}', '$', '%', '"', "'", '[a](b)', '![i](s)', '<x>', '<http://a.b>', '**', '&#', ';');
    const shape = (t: Token): unknown => [t.type, t.tag, t.map, t.nesting, t.level, t.content, t.markup, t.info, t.block, t.hidden];
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }).map((p) => p.join('')), (src) => {
        const ours = md.parse(src, {});
        const theirs = reference.parse(src, {});
        expect(ours.map(shape)).toEqual(theirs.map(shape));
        ours.forEach((t, i) => {
          if (t.type !== 'inline') return;
          const expected = theirs[i].children ?? [];
          if (!isPlain(t)) expect(t.children!.map((c) => [c.type, c.content])).toEqual(expected.map((c) => [c.type, c.content]));
          else {
            // Left unparsed: markdown-it's own children are plain text and breaks only, which addPlain reads the same.
            expect(expected.every((c) => ['text', 'softbreak', 'hardbreak'].includes(c.type))).toBe(true);
            const made = new InlineText(t.content);
            made.addPlain();
            expect(made.text).toBe(childrenText(expected));
          }
        });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('links', () => {
  it("keeps where each link's words sit in the block text, for inline and reference links", () => {
    const doc = readMarkdown('l.md', 'See [Youth *Safety* Guide](https://example.org/g) and [the form][f] now.\n\n[f]: https://example.org/f\n');
    const [block] = doc.blocks;
    expect(block.text).toBe('See Youth Safety Guide and the form now.');
    expect(block.links?.map(([s, e]) => block.text.slice(s, e))).toEqual(['Youth Safety Guide', 'the form']);
  });

  it('keeps no link spans in a block without links', () => {
    expect(readMarkdown('l.md', 'No links here.\n').blocks[0].links).toBeUndefined();
  });
});
