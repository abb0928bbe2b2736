// Markdown → PolicyDocument. markdown-it parses the structure (CommonMark plus
// GFM tables); this module keeps only prose and maps every character of it
// back to the file. remark-parse was measured first and is 5–30× slower here
// (docs/performance.md), which the performance targets cannot absorb.
import type Token from 'markdown-it/lib/token.mjs';
import { type Block, type BlockKind, type Directive, type PolicyDocument, type Segment } from '../model.js';
import { Locator } from '../locator.js';
import { directiveComments, parseDirective } from './directives.js';
import { isPlain, md } from './markdown-parser.js';
import { finishDocument, NO_HEADINGS } from './structure.js';

/** A code span or an image stands in the text as one object-replacement character, so no phrase matches across it. */
export const PLACEHOLDER = '\uFFFC';

/** Blanks out YAML/TOML front matter, keeping every offset. */
function blankFrontMatter(text: string): string {
  const m = /^(---|\+\+\+)[ \t]*\r?\n[\s\S]*?\r?\n\1[ \t]*(?:\r?\n|$)/.exec(text);
  return m ? m[0].replace(/[^\n]/g, ' ') + text.slice(m[0].length) : text;
}

interface ContentLine {
  /** Offset of the line in the inline token's content. */
  contentStart: number;
  /** Offset of the line in the file. */
  fileStart: number;
  length: number;
}

/** Finds where each line of an inline token's content sits in the file. */
function locateContent(content: string, firstLine: number, src: string, lineStarts: readonly number[], cursor: { at: number }): ContentLine[] {
  const lines: ContentLine[] = [];
  let contentStart = 0;
  content.split('\n').forEach((text, i) => {
    const lineStart = lineStarts[Math.min(firstLine + i, lineStarts.length - 1)];
    const from = Math.max(lineStart, cursor.at);
    let found = text === '' ? from : src.indexOf(text, from);
    const lineEnd = lineStarts[firstLine + i + 1] ?? src.length;
    if (found === -1 || found > lineEnd) found = from;
    lines.push({ contentStart, fileStart: found, length: text.length });
    cursor.at = found + text.length;
    contentStart += text.length + 1;
  });
  return lines;
}

/** Builds block text and content-relative segments from an inline token's children. */
export class InlineText {
  text = '';
  readonly spans: { textStart: number; contentStart: number; length: number; sourceLength?: number }[] = [];
  private at = 0;
  private special = -1;
  private specialFrom = 0;
  constructor(private readonly content: string) {}

  add(value: string): void {
    if (value === '') return;
    const found = this.content.indexOf(value, this.at);
    // The fast path is exact only where no escape or entity sits in the way.
    if (found !== -1 && this.nextEscapeOrEntity(this.at) >= found + value.length) {
      this.push(value, found, value.length);
      this.at = found + value.length;
      return;
    }
    // Escapes and entities make the value differ from the source: align char by char.
    for (const ch of value) this.addChar(ch);
  }

  private addChar(ch: string): void {
    const c = this.content;
    for (let i = this.at; i < c.length; i++) {
      if (c[i] === '&') {
        const entity = /^&(?:#\d+|#x[\da-f]+|\w+);/i.exec(c.slice(i, i + 40));
        if (entity && md.utils.unescapeAll(entity[0]) === ch) {
          this.push(ch, i, ch.length, entity[0].length);
          this.at = i + entity[0].length;
          return;
        }
      }
      if (c[i] === '\\' && c.startsWith(ch, i + 1) && /^[!-/:-@[-`{-~]$/.test(ch)) {
        this.push(ch, i, ch.length, ch.length + 1);
        this.at = i + 1 + ch.length;
        return;
      }
      if (c.startsWith(ch, i)) {
        this.push(ch, i, ch.length);
        this.at = i + ch.length;
        return;
      }
    }
    this.push(ch, Math.min(this.at, c.length), ch.length, 0);
  }

  /**
   * The whole content, which has no inline markup: what markdown-it's inline rules would make of it, a text token
   * per line and a break between lines. A line after the first loses its leading spaces and tabs; a line with a
   * break after it loses its trailing spaces (one, or all when there are two or more: a hard break).
   */
  addPlain(): void {
    const c = this.content;
    for (let lineStart = 0; ; ) {
      const newline = c.indexOf('\n', lineStart);
      const lineEnd = newline === -1 ? c.length : newline;
      let from = lineStart;
      if (lineStart > 0) while (from < lineEnd && (c.charCodeAt(from) === 32 || c.charCodeAt(from) === 9)) from++;
      let to = lineEnd;
      if (newline !== -1 && to > from && c.charCodeAt(to - 1) === 32) {
        const hard = to - 2 >= from && c.charCodeAt(to - 2) === 32;
        to--;
        while (hard && to > from && c.charCodeAt(to - 1) === 32) to--;
      }
      if (to > from) this.push(c.slice(from, to), from, to - from);
      if (newline === -1) break;
      this.addAtomic('\n', newline, 1);
      lineStart = newline + 1;
    }
  }

  /** Text with no source of its own (a soft break found by position, a placeholder). */
  addAtomic(value: string, contentStart: number, sourceLength: number): void {
    this.push(value, contentStart, value.length, sourceLength);
    this.at = contentStart + sourceLength;
  }

  skipTo(offset: number): void {
    this.at = Math.max(this.at, offset);
  }

  get cursor(): number {
    return this.at;
  }

  /** Where the next "&" or "\\" at or after `from` is (content length if none); remembered, as `from` mostly grows. */
  private nextEscapeOrEntity(from: number): number {
    if (from < this.specialFrom || this.special < from) {
      this.specialFrom = from;
      const amp = this.content.indexOf('&', from);
      const slash = this.content.indexOf('\\', from);
      this.special = Math.min(amp === -1 ? this.content.length : amp, slash === -1 ? this.content.length : slash);
    }
    return this.special;
  }

  /** The words of each link, as offsets in `text` (see Block.links); undefined until a link is found. */
  links: [number, number][] | undefined;
  private linkStart = -1;

  openLink(): void {
    this.linkStart = this.text.length;
  }

  closeLink(): void {
    if (this.linkStart >= 0 && this.text.length > this.linkStart) (this.links ??= []).push([this.linkStart, this.text.length]);
    this.linkStart = -1;
  }

  private push(value: string, contentStart: number, length: number, sourceLength?: number): void {
    this.spans.push({ textStart: this.text.length, contentStart, length, sourceLength: sourceLength === length ? undefined : sourceLength });
    this.text += value;
  }
}

/** Skips a link destination "](…)" or reference "][…]" after link text. */
function endOfLinkTail(content: string, at: number): number {
  let i = content.indexOf(']', at);
  if (i === -1) return at;
  i++;
  if (content[i] === '(') {
    let depth = 0;
    for (; i < content.length; i++) {
      if (content[i] === '\\') i++;
      else if (content[i] === '(') depth++;
      else if (content[i] === ')' && --depth === 0) return i + 1;
    }
    return content.length;
  }
  if (content[i] === '[') {
    const close = content.indexOf(']', i);
    return close === -1 ? i : close + 1;
  }
  return i;
}

function inlineText(token: Token, directives: Directive[], lines: ContentLine[], locator: Locator): InlineText {
  const content = token.content;
  const out = new InlineText(content);
  if (isPlain(token)) {
    out.addPlain();
    return out;
  }
  const children = token.children ?? [];
  for (let k = 0; k < children.length; k++) {
    const child = children[k];
    switch (child.type) {
      case 'text':
        out.add(child.content);
        break;
      case 'softbreak':
      case 'hardbreak': {
        const nl = content.indexOf('\n', out.cursor);
        if (nl === -1) break;
        // A hard break's backslash or trailing spaces are markup; the break itself is the newline.
        out.addAtomic('\n', nl, 1);
        break;
      }
      case 'code_inline': {
        const start = content.indexOf(child.markup, out.cursor);
        const close = start === -1 ? -1 : content.indexOf(child.markup, start + child.markup.length + child.content.length);
        if (start !== -1 && close !== -1) out.addAtomic(PLACEHOLDER, start, close + child.markup.length - start);
        break;
      }
      case 'image': {
        const start = content.indexOf('![', out.cursor);
        if (start !== -1) out.skipTo(endOfLinkTail(content, start + 2));
        break;
      }
      case 'link_open':
        out.openLink();
        break;
      case 'link_close':
        out.closeLink();
        out.skipTo(endOfLinkTail(content, out.cursor));
        break;
      case 'html_inline': {
        const at = content.indexOf(child.content, out.cursor);
        const directive = parseDirective(child.content);
        if (directive && at !== -1) {
          const file = toFileOffset(lines, at);
          directives.push({ ...directive, line: locator.lineOf(file), column: 1 });
        }
        if (at !== -1) out.skipTo(at + child.content.length);
        break;
      }
      default:
        break;
    }
  }
  return out;
}

function toFileOffset(lines: ContentLine[], contentOffset: number): number {
  let line = lines[0];
  for (const l of lines) if (l.contentStart <= contentOffset) line = l;
  return line.fileStart + Math.min(contentOffset - line.contentStart, line.length);
}


/** Content-relative spans → file segments, split where the content's lines break. */
function toSegments(spans: InlineText['spans'], lines: ContentLine[]): Segment[] {
  let li = 0;
  // Mapped, not pushed: an array grown by push keeps room for 17, and a million table cells keep one each.
  return spans.map((span): Segment => {
    while (li + 1 < lines.length && lines[li + 1].contentStart <= span.contentStart) li++;
    const line = lines[li];
    const within = span.contentStart - line.contentStart;
    if (span.sourceLength !== undefined || within >= line.length) {
      // Atomic, or the newline between two content lines: map to the end of the line.
      return { textStart: span.textStart, sourceStart: line.fileStart + Math.min(within, line.length), length: span.length, sourceLength: span.sourceLength ?? span.length };
    }
    // A plain span never crosses a content line: values are found within one line or char by char.
    return { textStart: span.textStart, sourceStart: line.fileStart + within, length: span.length };
  });
}

/** What stands in the token list for a token already read. */
const RELEASED = { type: '' } as Token;

export function readMarkdown(filePath: string, text: string): PolicyDocument {
  const src = text;
  const locator = Locator.of(src);
  const { lineStarts } = locator;
  const tokens = md.parse(blankFrontMatter(src), {});
  const blocks: Block[] = [];
  const directives: Directive[] = [];
  const cursor = { at: 0 };
  let quoteDepth = 0;
  let listDepth = 0;
  let cellDepth = 0;
  let headingLevel = 0;
  // Table cells carry no line map of their own; their row does.
  let rowLine = 0;

  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    // Let each token go once read: a 1M-cell table parses into 3M tokens, as large as the blocks made of them.
    tokens[t] = RELEASED;
    switch (token.type) {
      case 'blockquote_open': quoteDepth++; continue;
      case 'blockquote_close': quoteDepth--; continue;
      case 'list_item_open': listDepth++; continue;
      case 'list_item_close': listDepth--; continue;
      case 'tr_open': rowLine = token.map?.[0] ?? rowLine; continue;
      case 'th_open': case 'td_open': cellDepth++; continue;
      case 'th_close': case 'td_close': cellDepth--; continue;
      case 'heading_open': headingLevel = Number(token.tag.slice(1)); continue;
      case 'heading_close': headingLevel = 0; continue;
      case 'html_block': {
        for (const { directive, at } of directiveComments(token.content)) {
          directives.push({ ...directive, line: (token.map?.[0] ?? 0) + 1 + (token.content.slice(0, at).match(/\n/g)?.length ?? 0), column: 1 });
        }
        continue;
      }
      case 'inline':
        break;
      default:
        continue;
    }
    const firstLine = token.map?.[0] ?? (cellDepth ? rowLine : locator.lineOf(cursor.at) - 1);
    const lines = locateContent(token.content, firstLine, src, lineStarts, cursor);
    const inline = inlineText(token, directives, lines, locator);
    if (!/\S/.test(inline.text)) continue; // blank: no trimmed copy of every block just to test it
    const kind: BlockKind = headingLevel ? 'heading' : cellDepth ? 'table-cell' : listDepth ? 'list-item' : 'paragraph';
    const segments = toSegments(inline.spans, lines);
    const block: Block = { kind, text: inline.text, headingPath: NO_HEADINGS, section: -1, line: locator.lineOf(segments[0]?.sourceStart ?? lines[0].fileStart), segments };
    // Set only where they apply: a field left undefined still takes its slot in each of a million blocks.
    if (headingLevel) block.level = headingLevel;
    if (quoteDepth > 0) block.inQuote = true;
    if (inline.links) block.links = inline.links;
    blocks.push(block);
  }
  return finishDocument({ filePath, format: 'markdown', title: undefined, blocks, source: { kind: 'text', text: src, locator }, directives });
}
