// The markdown-it parser the Markdown reader uses (CommonMark plus GFM
// tables), configured for reading prose, with four parts of its work done a
// faster way that gives the same tokens (or, for plain paragraphs, the same
// text). Each was a measured cost of linting 5 MB (docs/performance.md) and
// each is property-tested against an unchanged markdown-it
// (test/markdown-reader.test.ts).
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

export const md = new MarkdownIt({ html: true, linkify: false, typographer: false });

// Link targets are never linted, and normalising them (punycode, percent-encoding) took ~25 ms of a 5 MB run.
// An autolink's text is then the URL as written, which maps straight back to the source.
md.normalizeLink = (url) => url;
md.normalizeLinkText = (url) => url;

// markdown-it rewrites every line ending (\r\n and \r become \n) and NUL (U+FFFD) with a RegExp replace over
// the whole text, ~10 ms of a 5 MB run. Text with neither (nearly every file) is now left as it is.
md.core.ruler.at('normalize', (state) => {
  if (state.src.includes('\r')) state.src = state.src.replace(/\r\n?/g, '\n');
  if (state.src.includes('\0')) state.src = state.src.replace(/\0/g, '\uFFFD');
});

// The block parser first records where each line starts, ends and how far it is indented, looking at every
// character one by one (~16 ms of a 5 MB run). Here only the indentation is looked at character by character;
// the line's end is found with indexOf. The arrays come out the same, quirk included: a last line of spaces
// and tabs only, without a line break, is not a line.
const StateBlock = md.block.State;
class LineIndexedState extends StateBlock {
  constructor(src: string, parser: MarkdownIt, env: unknown, tokens: Token[]) {
    super('', parser, env, tokens);
    this.src = src;
    const bMarks: number[] = [];
    const eMarks: number[] = [];
    const tShift: number[] = [];
    const sCount: number[] = [];
    const bsCount: number[] = [];
    const length = src.length;
    let start = 0;
    while (start < length) {
      let pos = start;
      let indent = 0;
      let offset = 0;
      for (; pos < length; pos++, indent++) {
        const ch = src.charCodeAt(pos);
        if (ch === 0x20) offset++;
        else if (ch === 0x09) offset += 4 - (offset % 4);
        else break;
      }
      if (pos === length) break;
      const newline = src.indexOf('\n', pos);
      const end = newline === -1 ? length : newline;
      bMarks.push(start);
      eMarks.push(end);
      tShift.push(indent);
      sCount.push(offset);
      bsCount.push(0);
      start = end + 1;
    }
    // markdown-it's fake last line, which spares its rules a bounds check.
    bMarks.push(length);
    eMarks.push(length);
    tShift.push(0);
    sCount.push(0);
    bsCount.push(0);
    Object.assign(this, { bMarks, eMarks, tShift, sCount, bsCount, lineMax: bMarks.length - 1 });
  }
}
md.block.State = LineIndexedState;

// Paragraphs with inline markup are parsed by markdown-it, whose `text` rule
// takes characters one by one up to any character some inline rule might start
// at, its own or a plugin's ("-", ":", "#", "=", …). The rest of those characters
// then go one by one through every rule. Here the run ends only at a character
// a rule enabled here starts at (line break, escape, code, strikethrough,
// emphasis, link and image brackets, autolink and HTML, entity), found by a
// RegExp search; what the rules see, and so every token, is unchanged.
const RULE_START = /[\n!&*<[\\\]_`~]/g;
md.inline.ruler.at('text', (state, silent) => {
  const start = state.pos;
  RULE_START.lastIndex = start;
  const end = RULE_START.test(state.src) ? Math.min(RULE_START.lastIndex - 1, state.posMax) : state.posMax;
  if (end <= start) return false;
  if (!silent) state.pending += state.src.slice(start, end);
  state.pos = end;
  return true;
});

// Inline parsing is about half of markdown-it's time, and most paragraphs of a
// policy hold no inline markup at all. Those are not parsed: the reader takes
// their text straight from the content (markdown.ts, InlineText.addPlain),
// which is what markdown-it's inline rules would make of it: a text token per
// line, a soft or hard break between lines. Any character an inline rule can
// start at (escapes, entities, code, emphasis, strikethrough, links, images,
// autolinks, HTML) sends the paragraph through markdown-it as usual.
const INLINE_MARKUP = /[&\\`*_~[\]!<]/;
md.core.ruler.at('inline', (state) => {
  for (const token of state.tokens) {
    if (token.type !== 'inline') continue;
    if (INLINE_MARKUP.test(token.content)) state.md.inline.parse(token.content, state.md, state.env, token.children!);
    // `meta` is markdown-it's place for a plugin's data.
    else token.meta = PLAIN;
  }
});

const PLAIN = { plain: true };

/** The inline token's content has no inline markup, and markdown-it left its children empty. */
export function isPlain(token: Token): boolean {
  return token.meta === PLAIN;
}
