// Reads the paragraphs of one WordprocessingML story part (the document body,
// footnotes, endnotes, comments, a header or footer) as Word shows them with
// all tracked changes accepted, and keeps for each paragraph a map from its
// text back to the exact XML that holds it (the redline writer splices there).
//
// What is read and what is not, and why:
// - w:t text in runs; w:tab/w:ptab → "\t", w:br/w:cr → "\n", w:noBreakHyphen → "-".
// - Tracked changes accepted: w:ins and w:moveTo are read, w:del and w:moveFrom are not.
// - Fields show their result: text between fldChar "separate" and "end" is read,
//   field codes (w:instrText, and anything before "separate") are not. Nested fields too.
// - mc:AlternateContent stores one object twice (modern + VML fallback): the first
//   mc:Choice is read, mc:Fallback only when no Choice came first or the Choice
//   showed no text (a linked text box keeps its text in the VML fallback only).
// - Text boxes and other nested paragraphs are paragraphs of their own, numbered
//   where they start (so before the rest of the paragraph that anchors them).
// - Ruby (phonetic guides): the base text is read, w:rt is not. w:sym is skipped.
// - Containers that only wrap runs (hyperlinks, smart tags, w:customXml, w:sdt
//   content, w:fldSimple, w:dir/w:bdo) are transparent; their properties are not text.
//   Where a w:hyperlink's words start and end is kept (StoryParagraph.links).
// - Math (OMML) is not prose: it is skipped and marks a barrier.
import type { ParagraphRef, RunChild, RunRef, StoryKind } from '../docx/paragraph-map.js';
import { isMathNs, isWordNs, MC_NS, rAttr, walkXml, wAttr, type Tag } from '../docx/xml.js';

export interface StoryParagraph {
  text: string;
  styleId?: string;
  /** w:outlineLvl set on the paragraph itself. */
  outlineLvl?: number;
  /** w:numId set on the paragraph itself ("0" switches numbering off). */
  numId?: string;
  inTable: boolean;
  /** w:id of the footnote, endnote or comment the paragraph belongs to. */
  container?: string;
  /** The shown words of each w:hyperlink, as [start, end) offsets in `text` (see Block.links). */
  links?: [number, number][];
  ref: ParagraphRef;
}

export interface NoteReference {
  kind: 'footnote' | 'endnote';
  id: string;
  paragraph: number;
}

export interface Story {
  part: string;
  /** Every paragraph, empty ones too, in the order they start. */
  paragraphs: StoryParagraph[];
  /** Comment id → paragraph index of its range start, range end and reference mark. */
  commentStarts: Map<string, number>;
  commentEnds: Map<string, number>;
  commentRefs: Map<string, number>;
  noteRefs: NoteReference[];
  /** r:ids of header and footer references, in document order. */
  headerFooterIds: string[];
  /** Local name of the root element. */
  root: string;
}

// What an open element means to the walker.
const enum K {
  Other,
  Paragraph,
  ParagraphProps,
  Run,
  RunChild,
  Text,
  Table,
  Tracked,
  Alternate,
  Choice,
  Container,
  Link,
}

interface Frame {
  kind: K;
  start: number;
  /** Alternate: whether a branch was read. */
  taken?: boolean;
  /** Choice: the shown-text count when it opened. Link: where its words start in the paragraph's text. */
  mark?: number;
  child?: RunChild;
  run?: OpenRun;
  para?: OpenParagraph;
}

interface OpenParagraph {
  index: number;
  record: StoryParagraph;
  inProps: boolean;
}

interface OpenRun {
  ref: RunRef;
  para: OpenParagraph;
  hasText: boolean;
}

/** Elements whose whole subtree holds no shown text (or text that is not shown). */
const SKIPPED = new Set([
  'del',
  'moveFrom',
  'delText',
  'delInstrText',
  'instrText',
  'rt',
  'rubyPr',
  'sdtPr',
  'sdtEndPr',
  'pPrChange',
  'rPrChange',
  'sectPrChange',
  'tblPrChange',
  'trPrChange',
  'tcPrChange',
  'tblPr',
  'tblGrid',
  'trPr',
  'tcPr',
  'tblPrEx',
  'customXmlPr',
  'smartTagPr',
  'fldData',
  'ffData',
  'rPr',
  'background',
]);

const RUN_TEXT: Record<string, string> = { tab: '\t', ptab: '\t', br: '\n', cr: '\n', noBreakHyphen: '-' };
const RUN_MARKERS = new Set(['softHyphen', 'lastRenderedPageBreak']);
const NOTE_SEPARATORS = new Set(['separator', 'continuationSeparator', 'continuationNotice']);

export function readStory(filePath: string, part: string, xml: string, kind: StoryKind): Story {
  const reader = new StoryReader(part, xml, kind);
  walkXml(filePath, part, xml, {
    open: (tag, start, end, depth) => reader.open(tag, start, end, depth),
    close: (tag, start, end, depth) => reader.close(tag, start, end, depth),
    text: (t) => reader.text(t),
  });
  return reader.story;
}

/** The walker's state over one story part, and a handler for each XML event. */
class StoryReader {
  readonly story: Story;
  private readonly frames: Frame[] = [];
  private readonly paragraphs: OpenParagraph[] = [];
  private skipDepth = 0;
  private tableDepth = 0;
  private trackedDepth = 0;
  private container: string | undefined;
  // Complex fields can span paragraphs: their state belongs to the story. Count of fields still in their code part.
  private readonly fields: boolean[] = [];
  private fieldsInCode = 0;
  private capture: RunChild | undefined;
  private captured = '';
  private readonly outerCaptures: { child: RunChild; text: string }[] = [];
  // Characters of shown text so far: tells whether an mc:Choice gave any.
  private shown = 0;
  // Comment ranges may start between paragraphs; they belong to the next one.
  private pendingStarts: string[] = [];
  private lastClosed = -1;

  constructor(
    private readonly part: string,
    private readonly xml: string,
    private readonly kind: StoryKind,
  ) {
    this.story = { part, paragraphs: [], commentStarts: new Map(), commentEnds: new Map(), commentRefs: new Map(), noteRefs: [], headerFooterIds: [], root: '' };
  }

  private barrier(para: OpenParagraph | undefined): void {
    if (para) para.record.ref.barriers.push(para.record.text.length);
  }

  private openParagraph(): OpenParagraph | undefined {
    return this.paragraphs[this.paragraphs.length - 1];
  }

  open(tag: Tag, start: number, end: number, depth: number): void {
    if (this.skipDepth) return;
    if (depth === 1) this.story.root = tag.local;
    const parent = this.frames[this.frames.length - 1];
    if (parent?.kind === K.Run) return this.openRunChild(parent.run!, tag, start, end, depth);
    const frame: Frame = { kind: K.Other, start };
    if (isWordNs(tag.uri)) this.openWordElement(frame, parent, tag, start, end, depth);
    else if (tag.uri === MC_NS) this.openAlternateContent(frame, parent, tag, depth);
    else if (isMathNs(tag.uri)) {
      this.barrier(this.openParagraph());
      this.skipDepth = depth;
    }
    this.frames.push(frame);
  }

  /** A direct child of a run: classify it, keep its extent. */
  private openRunChild(run: OpenRun, tag: Tag, start: number, end: number, depth: number): void {
    const w = isWordNs(tag.uri);
    const local = tag.local;
    const para = run.para;
    const child: RunChild = { kind: 'opaque', local, start, end: end, textStart: para.record.text.length, length: 0, contentStart: end, contentEnd: end };
    run.ref.children.push(child);
    const frame: Frame = { kind: K.RunChild, start, child };
    const visible = this.fieldsInCode === 0;
    if (w && local === 'rPr') {
      child.kind = 'rPr';
      this.skipDepth = depth;
    } else if (w && local === 't' && visible) {
      child.kind = 'text';
      frame.kind = K.Text;
      // A w:t inside a w:t is invalid, but must not lose the outer one's text.
      if (this.capture) this.outerCaptures.push({ child: this.capture, text: this.captured });
      this.capture = child;
      this.captured = '';
    } else if (w && RUN_TEXT[local] !== undefined && visible) {
      child.kind = 'text';
      child.length = RUN_TEXT[local].length;
      para.record.text += RUN_TEXT[local];
      this.shown += child.length;
      run.hasText = true;
    } else if (w && RUN_MARKERS.has(local)) {
      child.kind = 'marker';
    } else {
      this.barrier(para);
      if (w) this.openOpaqueRunChild(para, tag, depth);
      if (tag.uri === MC_NS && local === 'AlternateContent') {
        frame.kind = K.Alternate;
        frame.taken = false;
      } else if (isMathNs(tag.uri)) {
        this.skipDepth = depth;
      }
    }
    this.frames.push(frame);
  }

  /** A run child that is not shown text: a field character, a note or comment mark, or a subtree to skip. */
  private openOpaqueRunChild(para: OpenParagraph, tag: Tag, depth: number): void {
    const local = tag.local;
    if (local === 'fldChar') {
      const type = wAttr(tag, 'fldCharType');
      const { fields } = this;
      if (type === 'begin') {
        fields.push(true);
        this.fieldsInCode++;
      } else if (type === 'separate') {
        if (fields.length > 0 && fields[fields.length - 1]) {
          fields[fields.length - 1] = false;
          this.fieldsInCode--;
        }
      } else if (type === 'end' && fields.length > 0) {
        if (fields.pop()) this.fieldsInCode--;
      }
    } else if (local === 'footnoteReference' || local === 'endnoteReference') {
      const id = wAttr(tag, 'id');
      if (id !== undefined) this.story.noteRefs.push({ kind: local === 'footnoteReference' ? 'footnote' : 'endnote', id, paragraph: para.index });
    } else if (local === 'commentReference') {
      const id = wAttr(tag, 'id');
      if (id !== undefined && !this.story.commentRefs.has(id)) this.story.commentRefs.set(id, para.index);
    } else if (local === 't' || SKIPPED.has(local) || local === 'sym') {
      this.skipDepth = depth;
    }
  }

  /** A WordprocessingML element outside a run: paragraphs, runs, tables, tracked insertions, notes, comment marks. */
  private openWordElement(frame: Frame, parent: Frame | undefined, tag: Tag, start: number, end: number, depth: number): void {
    const local = tag.local;
    switch (local) {
      case 'p':
        this.startParagraph(frame, tag, start, end);
        break;
      case 'pPr':
        if (parent?.kind === K.Paragraph) {
          frame.kind = K.ParagraphProps;
          parent.para!.inProps = true;
        }
        break;
      case 'pStyle':
      case 'outlineLvl':
      case 'numId': {
        const para = this.openParagraph();
        if (para?.inProps) {
          const val = wAttr(tag, 'val');
          if (local === 'pStyle') para.record.styleId = val;
          else if (local === 'numId') para.record.numId = val;
          else if (val !== undefined && /^\d+$/.test(val)) para.record.outlineLvl = Number(val);
        }
        break;
      }
      case 'r': {
        const para = this.openParagraph();
        if (para) {
          const ref: RunRef = { start, openEnd: end, closeStart: end, end, parent: parent?.start ?? -1, tracked: this.trackedDepth > 0, children: [] };
          frame.kind = K.Run;
          frame.run = { ref, para, hasText: false };
        }
        break;
      }
      case 'tbl':
        this.tableDepth++;
        frame.kind = K.Table;
        break;
      case 'ins':
      case 'moveTo':
        this.trackedDepth++;
        frame.kind = K.Tracked;
        break;
      default:
        this.openMarkOrContainer(frame, tag, depth);
    }
  }

  private startParagraph(frame: Frame, tag: Tag, start: number, end: number): void {
    this.barrier(this.openParagraph());
    const { story } = this;
    const record: StoryParagraph = {
      text: '',
      inTable: this.tableDepth > 0,
      container: this.container,
      ref: { part: this.part, story: this.kind, partLength: this.xml.length, ns: tag.uri, prefix: tag.prefix, start, openEnd: end, contentStart: end, closeStart: end, end, runs: [], barriers: [] },
    };
    const para: OpenParagraph = { index: story.paragraphs.length, record, inProps: false };
    story.paragraphs.push(record);
    for (const id of this.pendingStarts) story.commentStarts.set(id, para.index);
    this.pendingStarts = [];
    this.paragraphs.push(para);
    frame.kind = K.Paragraph;
    frame.para = para;
  }

  /** Notes and comments (containers of paragraphs), comment range marks, header and footer references; else maybe a subtree to skip. */
  private openMarkOrContainer(frame: Frame, tag: Tag, depth: number): void {
    const local = tag.local;
    switch (local) {
      case 'footnote':
      case 'endnote':
        if (NOTE_SEPARATORS.has(wAttr(tag, 'type') ?? '')) this.skipDepth = depth;
        else {
          this.container = wAttr(tag, 'id') ?? '';
          frame.kind = K.Container;
        }
        break;
      case 'comment':
        this.container = wAttr(tag, 'id') ?? '';
        frame.kind = K.Container;
        break;
      case 'commentRangeStart': {
        const id = wAttr(tag, 'id');
        const para = this.openParagraph();
        if (id !== undefined) {
          if (para) this.story.commentStarts.set(id, para.index);
          else this.pendingStarts.push(id);
        }
        break;
      }
      case 'commentRangeEnd': {
        const id = wAttr(tag, 'id');
        const at = this.openParagraph()?.index ?? this.lastClosed;
        if (id !== undefined && at >= 0) this.story.commentEnds.set(id, at);
        break;
      }
      case 'hyperlink': {
        // Still transparent to runs; only where its words start and end is kept.
        const para = this.openParagraph();
        if (para) {
          frame.kind = K.Link;
          frame.para = para;
          frame.mark = para.record.text.length;
        }
        break;
      }
      case 'headerReference':
      case 'footerReference': {
        const id = rAttr(tag, 'id');
        if (id !== undefined) this.story.headerFooterIds.push(id);
        break;
      }
      default:
        if (SKIPPED.has(local)) this.skipDepth = depth;
    }
  }

  /** mc:AlternateContent and its branches. */
  private openAlternateContent(frame: Frame, parent: Frame | undefined, tag: Tag, depth: number): void {
    const local = tag.local;
    if (local === 'AlternateContent') {
      frame.kind = K.Alternate;
      frame.taken = false;
    } else if ((local === 'Choice' || local === 'Fallback') && parent?.kind === K.Alternate) {
      // Read the first Choice; read the Fallback only when no Choice came first
      // (or the Choice showed no text: a linked text box keeps its text in the fallback only).
      if (parent.taken) this.skipDepth = depth;
      else {
        parent.taken = true;
        if (local === 'Choice') {
          frame.kind = K.Choice;
          frame.mark = this.shown;
        }
      }
    }
  }

  close(tag: Tag, start: number, end: number, depth: number): void {
    if (this.skipDepth) {
      if (depth !== this.skipDepth) return;
      this.skipDepth = 0;
    }
    const frame = this.frames.pop();
    if (!frame) return;
    switch (frame.kind) {
      case K.RunChild:
      case K.Alternate:
        if (frame.child) frame.child.end = end;
        break;
      case K.Text:
        this.closeText(frame.child!, tag, start, end);
        break;
      case K.Run: {
        const run = frame.run!;
        run.ref.closeStart = tag.isSelfClosing ? end : start;
        run.ref.end = end;
        if (run.hasText) run.para.record.ref.runs.push(run.ref);
        break;
      }
      case K.ParagraphProps:
        this.paragraphs[this.paragraphs.length - 1].inProps = false;
        this.paragraphs[this.paragraphs.length - 1].record.ref.contentStart = end;
        break;
      case K.Paragraph: {
        const para = frame.para!;
        para.record.ref.closeStart = tag.isSelfClosing ? end : start;
        para.record.ref.end = end;
        if (tag.isSelfClosing) para.record.ref.contentStart = end;
        this.paragraphs.pop();
        this.lastClosed = para.index;
        break;
      }
      case K.Choice:
        if (this.shown === frame.mark) this.frames[this.frames.length - 1].taken = false;
        break;
      case K.Table:
        this.tableDepth--;
        break;
      case K.Tracked:
        this.trackedDepth--;
        break;
      case K.Container:
        this.container = undefined;
        break;
      case K.Link: {
        const record = frame.para!.record;
        if (record.text.length > frame.mark!) (record.links ??= []).push([frame.mark!, record.text.length]);
        break;
      }
      default:
        break;
    }
  }

  private closeText(child: RunChild, tag: Tag, start: number, end: number): void {
    const { captured } = this;
    child.end = end;
    child.contentEnd = tag.isSelfClosing ? child.contentStart : start;
    child.length = captured.length;
    const run = this.frames[this.frames.length - 1].run!;
    // The text lands here, at the close: a (malformed) w:t nested inside this one appended its text first.
    child.textStart = run.para.record.text.length;
    run.para.record.text += captured;
    this.shown += captured.length;
    if (captured.length > 0) run.hasText = true;
    const outer = this.outerCaptures.pop();
    this.capture = outer?.child;
    this.captured = outer?.text ?? '';
  }

  text(t: string): void {
    // Only character data directly inside the w:t is text: in a malformed w:t holding a paragraph or run, what
    // sits in those (outside any w:t of theirs) is not shown by Word, and the redline rewrites those runs.
    if (this.capture && !this.skipDepth && this.frames[this.frames.length - 1]?.kind === K.Text) this.captured += t;
  }
}
