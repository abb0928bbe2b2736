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
}

interface Frame {
  kind: K;
  start: number;
  /** Alternate: whether a branch was read. */
  taken?: boolean;
  /** Choice: the shown-text count when it opened. */
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
  const story: Story = {
    part,
    paragraphs: [],
    commentStarts: new Map(),
    commentEnds: new Map(),
    commentRefs: new Map(),
    noteRefs: [],
    headerFooterIds: [],
    root: '',
  };
  const frames: Frame[] = [];
  const paragraphs: OpenParagraph[] = [];
  let skipDepth = 0;
  let tableDepth = 0;
  let trackedDepth = 0;
  let container: string | undefined;
  // Complex fields can span paragraphs: their state belongs to the story. Count of fields still in their code part.
  const fields: boolean[] = [];
  let fieldsInCode = 0;
  let capture: RunChild | undefined;
  let captured = '';
  const outerCaptures: { child: RunChild; text: string }[] = [];
  // Characters of shown text so far: tells whether an mc:Choice gave any.
  let shown = 0;
  // Comment ranges may start between paragraphs; they belong to the next one.
  let pendingStarts: string[] = [];
  let lastClosed = -1;

  const barrier = (para: OpenParagraph | undefined) => {
    if (para) para.record.ref.barriers.push(para.record.text.length);
  };
  const openParagraph = (): OpenParagraph | undefined => paragraphs[paragraphs.length - 1];

  walkXml(filePath, part, xml, {
    open(tag: Tag, start: number, end: number, depth: number) {
      if (skipDepth) return;
      if (depth === 1) story.root = tag.local;
      const parent = frames[frames.length - 1];
      const w = isWordNs(tag.uri);
      const local = tag.local;

      // A direct child of a run: classify it, keep its extent.
      if (parent?.kind === K.Run) {
        const run = parent.run!;
        const para = run.para;
        const child: RunChild = { kind: 'opaque', local, start, end: end, textStart: para.record.text.length, length: 0, contentStart: end, contentEnd: end };
        run.ref.children.push(child);
        const frame: Frame = { kind: K.RunChild, start, child };
        const visible = fieldsInCode === 0;
        if (w && local === 'rPr') {
          child.kind = 'rPr';
          skipDepth = depth;
        } else if (w && local === 't' && visible) {
          child.kind = 'text';
          frame.kind = K.Text;
          // A w:t inside a w:t is invalid, but must not lose the outer one's text.
          if (capture) outerCaptures.push({ child: capture, text: captured });
          capture = child;
          captured = '';
        } else if (w && RUN_TEXT[local] !== undefined && visible) {
          child.kind = 'text';
          child.length = RUN_TEXT[local].length;
          para.record.text += RUN_TEXT[local];
          shown += child.length;
          run.hasText = true;
        } else if (w && RUN_MARKERS.has(local)) {
          child.kind = 'marker';
        } else {
          barrier(para);
          if (w) {
            if (local === 'fldChar') {
              const type = wAttr(tag, 'fldCharType');
              if (type === 'begin') {
                fields.push(true);
                fieldsInCode++;
              } else if (type === 'separate') {
                if (fields.length > 0 && fields[fields.length - 1]) {
                  fields[fields.length - 1] = false;
                  fieldsInCode--;
                }
              } else if (type === 'end' && fields.length > 0) {
                if (fields.pop()) fieldsInCode--;
              }
            } else if (local === 'footnoteReference' || local === 'endnoteReference') {
              const id = wAttr(tag, 'id');
              if (id !== undefined) story.noteRefs.push({ kind: local === 'footnoteReference' ? 'footnote' : 'endnote', id, paragraph: para.index });
            } else if (local === 'commentReference') {
              const id = wAttr(tag, 'id');
              if (id !== undefined && !story.commentRefs.has(id)) story.commentRefs.set(id, para.index);
            } else if (local === 't' || SKIPPED.has(local) || local === 'sym') {
              skipDepth = depth;
            }
          }
          if (tag.uri === MC_NS && local === 'AlternateContent') {
            frame.kind = K.Alternate;
            frame.taken = false;
          } else if (isMathNs(tag.uri)) {
            skipDepth = depth;
          }
        }
        frames.push(frame);
        return;
      }

      const frame: Frame = { kind: K.Other, start };
      if (w) {
        switch (local) {
          case 'p': {
            const outer = openParagraph();
            barrier(outer);
            const prefix = tag.prefix;
            const record: StoryParagraph = {
              text: '',
              inTable: tableDepth > 0,
              container,
              ref: { part, story: kind, partLength: xml.length, ns: tag.uri, prefix, start, openEnd: end, contentStart: end, closeStart: end, end, runs: [], barriers: [] },
            };
            const para: OpenParagraph = { index: story.paragraphs.length, record, inProps: false };
            story.paragraphs.push(record);
            for (const id of pendingStarts) story.commentStarts.set(id, para.index);
            pendingStarts = [];
            paragraphs.push(para);
            frame.kind = K.Paragraph;
            frame.para = para;
            break;
          }
          case 'pPr':
            if (parent?.kind === K.Paragraph) {
              frame.kind = K.ParagraphProps;
              parent.para!.inProps = true;
            }
            break;
          case 'pStyle':
          case 'outlineLvl':
          case 'numId': {
            const para = openParagraph();
            if (para?.inProps) {
              const val = wAttr(tag, 'val');
              if (local === 'pStyle') para.record.styleId = val;
              else if (local === 'numId') para.record.numId = val;
              else if (val !== undefined && /^\d+$/.test(val)) para.record.outlineLvl = Number(val);
            }
            break;
          }
          case 'r': {
            const para = openParagraph();
            if (para) {
              const ref: RunRef = { start, openEnd: end, closeStart: end, end, parent: parent?.start ?? -1, tracked: trackedDepth > 0, children: [] };
              frame.kind = K.Run;
              frame.run = { ref, para, hasText: false };
            }
            break;
          }
          case 'tbl':
            tableDepth++;
            frame.kind = K.Table;
            break;
          case 'ins':
          case 'moveTo':
            trackedDepth++;
            frame.kind = K.Tracked;
            break;
          case 'footnote':
          case 'endnote':
            if (NOTE_SEPARATORS.has(wAttr(tag, 'type') ?? '')) skipDepth = depth;
            else {
              container = wAttr(tag, 'id') ?? '';
              frame.kind = K.Container;
            }
            break;
          case 'comment':
            container = wAttr(tag, 'id') ?? '';
            frame.kind = K.Container;
            break;
          case 'commentRangeStart': {
            const id = wAttr(tag, 'id');
            const para = openParagraph();
            if (id !== undefined) {
              if (para) story.commentStarts.set(id, para.index);
              else pendingStarts.push(id);
            }
            break;
          }
          case 'commentRangeEnd': {
            const id = wAttr(tag, 'id');
            const at = openParagraph()?.index ?? lastClosed;
            if (id !== undefined && at >= 0) story.commentEnds.set(id, at);
            break;
          }
          case 'headerReference':
          case 'footerReference': {
            const id = rAttr(tag, 'id');
            if (id !== undefined) story.headerFooterIds.push(id);
            break;
          }
          default:
            if (SKIPPED.has(local)) skipDepth = depth;
        }
      } else if (tag.uri === MC_NS) {
        if (local === 'AlternateContent') {
          frame.kind = K.Alternate;
          frame.taken = false;
        } else if ((local === 'Choice' || local === 'Fallback') && parent?.kind === K.Alternate) {
          // Read the first Choice; read the Fallback only when no Choice came first
          // (or the Choice showed no text: a linked text box keeps its text in the fallback only).
          if (parent.taken) skipDepth = depth;
          else {
            parent.taken = true;
            if (local === 'Choice') {
              frame.kind = K.Choice;
              frame.mark = shown;
            }
          }
        }
      } else if (isMathNs(tag.uri)) {
        barrier(openParagraph());
        skipDepth = depth;
      }
      frames.push(frame);
    },

    close(tag: Tag, start: number, end: number, depth: number) {
      if (skipDepth) {
        if (depth !== skipDepth) return;
        skipDepth = 0;
      }
      const frame = frames.pop();
      if (!frame) return;
      switch (frame.kind) {
        case K.RunChild:
        case K.Alternate:
          if (frame.child) frame.child.end = end;
          break;
        case K.Text: {
          const child = frame.child!;
          child.end = end;
          child.contentEnd = tag.isSelfClosing ? child.contentStart : start;
          child.length = captured.length;
          const run = frames[frames.length - 1].run!;
          // The text lands here, at the close: a (malformed) w:t nested inside this one appended its text first.
          child.textStart = run.para.record.text.length;
          run.para.record.text += captured;
          shown += captured.length;
          if (captured.length > 0) run.hasText = true;
          const outer = outerCaptures.pop();
          capture = outer?.child;
          captured = outer?.text ?? '';
          break;
        }
        case K.Run: {
          const run = frame.run!;
          run.ref.closeStart = tag.isSelfClosing ? end : start;
          run.ref.end = end;
          if (run.hasText) run.para.record.ref.runs.push(run.ref);
          break;
        }
        case K.ParagraphProps:
          paragraphs[paragraphs.length - 1].inProps = false;
          paragraphs[paragraphs.length - 1].record.ref.contentStart = end;
          break;
        case K.Paragraph: {
          const para = frame.para!;
          para.record.ref.closeStart = tag.isSelfClosing ? end : start;
          para.record.ref.end = end;
          if (tag.isSelfClosing) para.record.ref.contentStart = end;
          paragraphs.pop();
          lastClosed = para.index;
          break;
        }
        case K.Choice:
          if (shown === frame.mark) frames[frames.length - 1].taken = false;
          break;
        case K.Table:
          tableDepth--;
          break;
        case K.Tracked:
          trackedDepth--;
          break;
        case K.Container:
          container = undefined;
          break;
        default:
          break;
      }
    },

    text(t: string) {
      // Only character data directly inside the w:t is text: in a malformed w:t holding a paragraph or run, what
      // sits in those (outside any w:t of theirs) is not shown by Word, and the redline rewrites those runs.
      if (capture && !skipDepth && frames[frames.length - 1]?.kind === K.Text) captured += t;
    },
  });
  return story;
}
