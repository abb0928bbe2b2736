// Word (.docx) → PolicyDocument, straight from the package XML (no mammoth:
// it is ~4–5× slower here and keeps no source positions; docs/word.md).
//
// Locations: `line` is the paragraph number in reading order, counting the
// paragraphs this reader emits (non-empty ones): the body first, then
// footnotes, endnotes and (when asked for) headers and footers. `column` is the
// character offset in that paragraph's text, so every block has one segment
// mapping its text onto itself. Block.ref keeps the XML run map (ParagraphRef)
// the redline writer needs.
import { ReadError } from '../errors.js';
import type { Block, BlockKind, Directive, PolicyDocument } from '../model.js';
import { parseDirective } from './directives.js';
import { coreTitle, mainPartName, readRelationships, type Relationship } from '../docx/package.js';
import { readStory, type Story, type StoryParagraph } from './docx-story.js';
import { levelOfOutline, StyleSheet } from './docx-styles.js';
import { openZip, type ZipArchive } from '../docx/zip.js';
import { finishDocument } from './structure.js';

export interface DocxReadOptions {
  /** Read headers and footers too (after the notes). Off by default: they repeat on every page and rarely hold policy. */
  headersFooters?: boolean;
}

// Which story a part is, as the model orders them: body, footnotes, endnotes, headers and footers.
type PartRole = 'body' | 'footnotes' | 'endnotes' | 'header';

interface ReadStory {
  kind: PartRole;
  story: Story;
  /** Block index of each paragraph, -1 when the paragraph was empty and emitted nothing. */
  blockOf: number[];
}

function partFor(zip: ZipArchive, rels: Relationship[], type: string): string | undefined {
  const rel = rels.find((r) => r.type === type && !r.external);
  return rel && zip.has(rel.target) ? zip.entry(rel.target)!.name : undefined;
}

function kindOf(p: StoryParagraph, story: PartRole, styles: StyleSheet): { kind: BlockKind; level?: number; title: boolean } {
  if (story === 'footnotes' || story === 'endnotes') return { kind: 'footnote', title: false };
  const style = styles.info(p.styleId);
  // A level set on the paragraph itself overrides its style's.
  const level = p.outlineLvl !== undefined ? levelOfOutline(p.outlineLvl) : style.headingLevel;
  if (level !== undefined && story === 'body') return { kind: 'heading', level, title: style.title };
  if (p.inTable) return { kind: 'table-cell', title: false };
  const numbered = p.numId !== undefined ? p.numId !== '0' : style.numbered;
  return { kind: numbered ? 'list-item' : 'paragraph', title: false };
}

export function readDocx(filePath: string, bytes: Uint8Array, options: DocxReadOptions = {}): PolicyDocument {
  const zip = openZip(filePath, bytes);
  const packageRels = readRelationships(zip, '');
  const main = mainPartName(zip, packageRels);
  const body = readStory(filePath, main, zip.text(main), 'body');
  if (body.root !== 'document') {
    throw new ReadError(filePath, `has no Word document body (its main part ${main} holds <${body.root || 'nothing'}>)`);
  }
  const rels = readRelationships(zip, main);
  const stylesPart = partFor(zip, rels, 'styles');
  const styles = stylesPart ? new StyleSheet(filePath, stylesPart, zip.text(stylesPart)) : new StyleSheet();

  const stories: ReadStory[] = [{ kind: 'body', story: body, blockOf: [] }];
  for (const kind of ['footnotes', 'endnotes'] as const) {
    const part = partFor(zip, rels, kind);
    if (part) stories.push({ kind, story: readStory(filePath, part, zip.text(part), 'notes'), blockOf: [] });
  }
  if (options.headersFooters) {
    const seen = new Set<string>();
    for (const id of body.headerFooterIds) {
      const rel = rels.find((r) => r.id === id && !r.external);
      if (!rel || seen.has(rel.target) || !zip.has(rel.target)) continue;
      seen.add(rel.target);
      const part = zip.entry(rel.target)!.name;
      stories.push({ kind: 'header', story: readStory(filePath, part, zip.text(part), 'header-footer'), blockOf: [] });
    }
  }

  const blocks: Block[] = [];
  let title: string | undefined;
  for (const s of stories) {
    for (const p of s.story.paragraphs) {
      // Notes parts hold separators and stray paragraphs outside any note: only notes' own paragraphs count.
      const wanted = s.kind === 'body' || s.kind === 'header' || p.container !== undefined;
      if (!wanted || p.text.trim() === '') {
        s.blockOf.push(-1);
        continue;
      }
      const { kind, level, title: isTitle } = kindOf(p, s.kind, styles);
      if (title === undefined && s.kind === 'body' && (isTitle || level === 1)) title = p.text.replace(/\s+/g, ' ').trim();
      s.blockOf.push(blocks.length);
      blocks.push({
        kind,
        level,
        text: p.text,
        headingPath: [],
        section: -1,
        line: blocks.length + 1,
        segments: [{ textStart: 0, sourceStart: 0, length: p.text.length }],
        ref: p.ref,
        ...(p.links ? { links: p.links } : {}),
      });
    }
  }

  const doc = finishDocument({
    filePath,
    format: 'docx',
    title: title ?? coreTitle(zip, packageRels),
    blocks,
    source: { kind: 'paragraphs' },
    directives: readDirectives(filePath, zip, rels, stories, blocks),
  });
  placeNotesAndHeaders(stories, blocks);
  return doc;
}

/** The emitted block at or after a paragraph, within one story (an empty paragraph lends its place to the next). */
function blockAtOrAfter(s: ReadStory, paragraph: number): number {
  for (let i = paragraph; i < s.blockOf.length; i++) if (s.blockOf[i] !== -1) return s.blockOf[i];
  return -1;
}

/** The emitted block at or before a paragraph, within one story. */
function blockAtOrBefore(s: ReadStory, paragraph: number): number {
  for (let i = Math.min(paragraph, s.blockOf.length - 1); i >= 0; i--) if (s.blockOf[i] !== -1) return s.blockOf[i];
  return -1;
}

/**
 * A Word comment whose text starts with `policylint-disable RULE, RULE` turns the
 * rules off on the paragraphs it is anchored on (`disable-next-line` on the one after).
 */
function readDirectives(filePath: string, zip: ZipArchive, rels: Relationship[], stories: ReadStory[], blocks: Block[]): Directive[] {
  const part = partFor(zip, rels, 'comments');
  if (!part) return [];
  const comments = readStory(filePath, part, zip.text(part), 'comments');
  const firstParagraph = new Map<string, string>();
  for (const p of comments.paragraphs) {
    if (p.container === undefined || firstParagraph.has(p.container) || p.text.trim() === '') continue;
    firstParagraph.set(p.container, p.text);
  }
  const directives: Directive[] = [];
  for (const [id, text] of firstParagraph) {
    // The first line holds the directive; what follows is the reviewer's reason.
    const parsed = parseDirective(text.split('\n')[0].trim());
    if (!parsed || parsed.type === 'enable') continue;
    const type = parsed.type === 'disable-next-line' ? 'disable-next-line' : 'disable-line';
    for (const s of stories) {
      const startAt = s.story.commentStarts.get(id) ?? s.story.commentRefs.get(id);
      if (startAt === undefined) continue;
      const endAt = Math.max(startAt, s.story.commentEnds.get(id) ?? startAt);
      const first = blockAtOrAfter(s, startAt);
      const last = Math.max(first, blockAtOrBefore(s, endAt));
      if (first === -1) continue;
      const lines = type === 'disable-next-line' ? [first] : Array.from({ length: last - first + 1 }, (_, i) => first + i);
      for (const b of lines) directives.push({ type, rules: parsed.rules, line: blocks[b].line, column: 1 });
      break;
    }
  }
  return directives.sort((a, b) => a.line - b.line);
}

/** Notes belong to the section of the paragraph that cites them; headers and footers to none. */
function placeNotesAndHeaders(stories: ReadStory[], blocks: Block[]): void {
  const body = stories[0];
  for (const s of stories.slice(1)) {
    const citing = new Map<string, number>();
    if (s.kind !== 'header') {
      const refKind = s.kind === 'footnotes' ? 'footnote' : 'endnote';
      for (const r of body.story.noteRefs) if (r.kind === refKind && !citing.has(r.id)) citing.set(r.id, blockAtOrBefore(body, r.paragraph));
    }
    s.story.paragraphs.forEach((p, i) => {
      const b = s.blockOf[i];
      if (b === -1) return;
      const from = s.kind === 'header' ? -1 : (citing.get(p.container ?? '') ?? -1);
      blocks[b].headingPath = from === -1 ? [] : [...blocks[from].headingPath, ...(blocks[from].kind === 'heading' ? [blocks[from].text.trim()] : [])];
      blocks[b].section = from === -1 ? -1 : blocks[from].section;
      if (from !== -1) p.ref.citedBy = from;
    });
  }
}
