// The one document model every reader produces and every rule reads.
// Rules never see Markdown or Word: only blocks of plain text, the headings
// they sit under, and a map from text offsets back to the source.
import { Locator } from './locator.js';

export type Format = 'markdown' | 'text' | 'docx' | 'pdf';

export type BlockKind = 'heading' | 'paragraph' | 'list-item' | 'table-cell' | 'footnote';

/** A run of block text that maps one-to-one onto the source. */
export interface Segment {
  /** Offset of the run in `Block.text`. */
  textStart: number;
  /** For a text source: UTF-16 offset in the file. For a paragraph source: column offset in the paragraph. */
  sourceStart: number;
  length: number;
  /**
   * Set when the run is atomic and its source is longer or shorter than its text
   * (an entity such as `&amp;`, an escape, a code span shown as one placeholder).
   */
  sourceLength?: number;
}

export interface Block {
  kind: BlockKind;
  /** Plain text as a reader sees it: markup removed, soft line breaks kept as "\n". */
  text: string;
  /** Heading level 1–6 (headings only). */
  level?: number;
  /** Texts of the enclosing headings, outermost first (a heading's own text is not included). */
  headingPath: string[];
  /** Index in `PolicyDocument.blocks` of the nearest heading at or above this block; -1 before any heading. */
  section: number;
  /** Inside a block quotation: quoted material, not the policy's own words. */
  inQuote?: boolean;
  /** The words of each hyperlink in the text, as [start, end) offsets: a link's words often name the page or document it opens. */
  links?: [number, number][];
  /** 1-based line of the block's start (Markdown, text), paragraph number in reading order (Word), or line on its page (PDF). */
  line: number;
  segments: Segment[];
  /** Reader-private data (the Word reader keeps its run map here for the redline writer). */
  ref?: unknown;
}

/** Markdown and text: positions are offsets into the file's text. */
export interface TextSource {
  kind: 'text';
  text: string;
  /** Offsets to lines and columns and back. */
  locator: Locator;
}

/** Word: positions are (paragraph number, character offset in the paragraph). */
export interface ParagraphSource {
  kind: 'paragraphs';
}

/**
 * PDF: positions are offsets into the text extracted from every page (one line of `text` per line of print), and
 * are reported per page: `page`, then line and column within that page's lines.
 */
export interface PageSource {
  kind: 'pages';
  text: string;
  /** Offsets to pages, lines on the page and columns, and back. */
  locator: Locator;
}

/** An inline control comment such as `<!-- policylint-disable term/csec -->`. */
export interface Directive {
  type: 'disable' | 'enable' | 'disable-next-line' | 'disable-line';
  /** Rule ids or prefixes; empty means every rule. */
  rules: string[];
  /** Line the directive is on (its block's line for Word). */
  line: number;
  column: number;
}

export interface PolicyDocument {
  filePath: string;
  format: Format;
  /** First level-1 heading, else the first heading, else the Word title property. */
  title: string | undefined;
  blocks: Block[];
  source: TextSource | ParagraphSource | PageSource;
  directives: Directive[];
  /** What the reader had to guess (an encoding), one line each. */
  warnings?: string[];
}

/** 1-based line and column; the end is exclusive, as in ESLint. */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** PDF: the 1-based page `line` is counted in (the end may lie on a later page, its line counted on from there). */
  page?: number;
}

/** Source offset of a block text offset. An offset at a segment's end maps to that segment's end. */
export function sourceOffset(block: Block, textOffset: number, preferEnd = false): number {
  const segs = block.segments;
  if (segs.length === 0) return 0;
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[mid].textStart <= textOffset) lo = mid;
    else hi = mid - 1;
  }
  let seg = segs[lo];
  // An end offset that falls exactly on a segment boundary belongs to the previous segment.
  if (preferEnd && lo > 0 && seg.textStart === textOffset) seg = segs[lo - 1];
  const inside = Math.min(Math.max(textOffset - seg.textStart, 0), seg.length);
  if (seg.sourceLength !== undefined) return seg.sourceStart + (inside > 0 ? seg.sourceLength : 0);
  return seg.sourceStart + inside;
}

/** A heading's text as a document title: on one line, without surrounding spaces. */
export function titleText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The heading that is the document's title (`PolicyDocument.title`), or -1. */
export function titleHeading(doc: PolicyDocument): number {
  return doc.title === undefined ? -1 : doc.blocks.findIndex((block) => block.kind === 'heading' && titleText(block.text) === doc.title);
}

/** The labels of a memo's or board item's title line ("Subject: …", "RE: …"), which names what the document is. */
export const TITLE_LABEL = '(?:Title|TITLE|Subject|SUBJECT|RE|Re)';

/** The [start, end) source offsets of a span of a block's text (for Word: offsets in the paragraph). */
export function sourceSpan(block: Block, start: number, end: number): [number, number] {
  const from = sourceOffset(block, start);
  return [from, end > start ? sourceOffset(block, end, true) : from];
}

/** Where source offsets lie, as 1-based lines and columns (a PDF's lines counted on the page the range starts on). */
export function rangeAt(doc: PolicyDocument, block: Block, [from, to]: [number, number]): Range {
  if (doc.source.kind === 'paragraphs') return { line: block.line, column: from + 1, endLine: block.line, endColumn: to + 1 };
  const { locator } = doc.source;
  const a = locator.placeOf(from);
  const b = locator.placeOf(to);
  if (a.page === undefined) return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  // The end is counted on from the page the range starts on.
  return { line: a.line, column: a.column, endLine: locator.lineOf(to) - locator.lineOf(from) + a.line, endColumn: b.column, page: a.page };
}

/** Where a span of a block's text lies in the source, as 1-based lines and columns. */
export function rangeOf(doc: PolicyDocument, block: Block, start: number, end: number): Range {
  return rangeAt(doc, block, sourceSpan(block, start, end));
}

/** The range of a whole document: used for findings about something missing. */
export function documentStart(): Range {
  return { line: 1, column: 1, endLine: 1, endColumn: 1 };
}
