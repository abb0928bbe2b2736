// A redlined copy of a Word document: every edit a tracked change, every
// comment a Word comment, and everything else in the package as it was.
//
// The input is never changed; the copy is returned as bytes (the CLI writes it
// through a temporary file and a rename). New w:id values start above every
// id already in the document's parts, so existing comments and revisions keep theirs.
// A package too damaged to extend throws ReadError, like the reader; a model
// that was not read from these bytes throws Error (a caller's mistake).
import { ReadError } from '../errors.js';
import type { PolicyDocument } from '../model.js';
import { mainPartName, readRelationships, relsPathOf } from '../docx/package.js';
import type { ParagraphRef } from '../docx/paragraph-map.js';
import { isWordNs, PKG_RELS_NS, W_NS, W_NS_STRICT, walkXml, type Tag } from '../docx/xml.js';
import { decodeXmlBytes, openZip, type ZipArchive } from '../docx/zip.js';
import type { TextEdit } from '../types.js';
import { escapeAttr, runContent, WordNames } from './docx-markup.js';
import { paragraphRef, PartRevisions, RefusedEdit, type RevisionStamp } from './docx-revisions.js';
import { rewriteZip, type NewEntry } from '../docx/zip-writer.js';

export interface RedlineEdit {
  edit: TextEdit;
  /** Why: written as a Word comment on the change (the citation, the rule's explanation). */
  note?: string;
}

export interface RedlineComment {
  /** Block to anchor on; -1 anchors on the first paragraph. */
  block: number;
  text: string;
}

export interface RedlineOptions {
  /** Author of the revisions and comments ("policylint"). */
  author?: string;
  date?: Date;
}

export interface RedlineReport {
  bytes: Uint8Array;
  /** Edits written as tracked changes. */
  applied: number;
  /** Edits that could not be tracked changes; each was written as a comment on its paragraph instead. */
  refused: { edit: TextEdit; reason: string }[];
  /** Word comments added (notes, provisions, refused edits). */
  comments: number;
}

const COMMENTS_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml';
const COMMENTS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments';
const COMMENTS_REL_STRICT = 'http://purl.oclc.org/ooxml/officeDocument/relationships/comments';

/** A redlined copy of `input` (the bytes `doc` was read from). */
export function redlineDocx(
  input: Uint8Array,
  doc: PolicyDocument,
  edits: RedlineEdit[],
  comments: RedlineComment[],
  options: RedlineOptions = {},
): Uint8Array {
  return redlineDocxWithReport(input, doc, edits, comments, options).bytes;
}

/** Word's date form: ISO 8601 to the second. */
function wordDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A story part's XML, and whether it came as UTF-16 (so its declaration must change when written as UTF-8). */
function partText(zip: ZipArchive, name: string): { xml: string; utf16: boolean } {
  const bytes = zip.read(name);
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  return { xml: decodeXmlBytes(bytes), utf16 };
}

function encodePart(xml: string, utf16: boolean): Uint8Array {
  const text = utf16 ? xml.replace(/^(<\?xml[^>]*?encoding=["'])[^"']*(["'])/, '$1UTF-8$2') : xml;
  return new TextEncoder().encode(text);
}

/** The largest numeric id attribute in the parts (w:id, and others: overshooting is harmless). */
function largestId(xmls: string[]): number {
  let max = 0;
  for (const xml of xmls) {
    for (const m of xml.matchAll(/[\s:]id="(\d{1,10})"/g)) max = Math.max(max, Number(m[1]));
  }
  return max;
}

function commentXml(names: WordNames, id: number, stamp: RevisionStamp, text: string): string {
  const initials = stamp.author.split(/\s+/).map((w) => w[0] ?? '').join('').slice(0, 3).toUpperCase();
  const paragraphs = text
    .split(/\r\n|\n|\r/)
    .map((line) => (line === '' ? `<${names.n('p')}/>` : `<${names.n('p')}><${names.n('r')}>${runContent(line, names)}</${names.n('r')}></${names.n('p')}>`))
    .join('');
  return (
    `<${names.n('comment')}${names.decl} ${names.a('id', id)} ${names.a('author', stamp.author)} ${names.a('date', stamp.date)} ${names.a('initials', initials)}>` +
    `${paragraphs}</${names.n('comment')}>`
  );
}

/**
 * Inserts `content` as the last children of the root element (expanding a self-closing
 * root), found by parsing, so comments or odd spacing around it cannot mislead the splice.
 * Undefined when the root is not `local`.
 */
function appendToRoot(filePath: string, partName: string, xml: string, local: string, content: (prefix: string) => string): string | undefined {
  let root: { tag: Tag; start: number; end: number } | undefined;
  walkXml(filePath, partName, xml, {
    open() {},
    close(tag, start, end, depth) {
      if (depth === 1) root = { tag, start, end };
    },
  });
  if (!root || root.tag.local !== local) return undefined;
  const inner = content(root.tag.prefix);
  if (!root.tag.isSelfClosing) return xml.slice(0, root.start) + inner + xml.slice(root.start);
  const open = xml.slice(root.start, root.end).replace(/\s*\/>$/, '>');
  return `${xml.slice(0, root.start)}${open}${inner}</${root.tag.name}>${xml.slice(root.end)}`;
}

/** The XML parts the main part relates to (styles, notes, comments, headers…), by their names in the package. */
function relatedXmlParts(zip: ZipArchive, rels: ReturnType<typeof readRelationships>): string[] {
  return rels.filter((r) => !r.external && /\.xml$/i.test(r.target) && zip.has(r.target)).map((r) => zip.entry(r.target)!.name);
}

/** What placing edits and comments in a document's parts shares. */
interface Redlining {
  doc: PolicyDocument;
  stamp: RevisionStamp;
  /** The revisions of one story part, made when first asked for. */
  revisionsOf(part: string): PartRevisions;
  /** Comments to write into the comments part, in order. */
  newComments: { id: number; text: string }[];
}

/**
 * Places each edit as a tracked change, left to right within each paragraph; an edit overlapping the one before it,
 * or in a block without a Word source, is refused and becomes a comment on its paragraph instead.
 */
function placeEdits(work: Redlining, edits: RedlineEdit[], paragraphComments: RedlineComment[]): { applied: number; refused: RedlineReport['refused'] } {
  const { doc, stamp } = work;
  const refused: RedlineReport['refused'] = [];
  let applied = 0;
  const ordered = [...edits].sort((a, b) => a.edit.block - b.edit.block || a.edit.start - b.edit.start || a.edit.end - b.edit.end);
  let previous: TextEdit | undefined;
  for (const { edit, note } of ordered) {
    const block = doc.blocks[edit.block];
    const ref = paragraphRef(block);
    const found = block ? block.text.slice(edit.start, edit.end) : '';
    const what = found === '' ? `insert “${edit.text}”` : edit.text === '' ? `delete “${found}”` : `replace “${found}” with “${edit.text}”`;
    try {
      if (!ref) throw new RefusedEdit('the block has no Word source');
      if (previous && previous.block === edit.block && edit.start < previous.end) throw new RefusedEdit('it overlaps another edit');
      const noteHere = note !== undefined && ref.story === 'body';
      const commentId = noteHere ? stamp.nextId() : undefined;
      work.revisionsOf(ref.part).addEdit(doc, edit, commentId);
      if (commentId !== undefined) work.newComments.push({ id: commentId, text: note! });
      else if (note !== undefined) paragraphComments.push({ block: edit.block, text: `Tracked change (${what}): ${note}` });
      applied++;
      previous = edit;
    } catch (e) {
      if (!(e instanceof RefusedEdit)) throw e;
      refused.push({ edit, reason: e.message });
      if (block) paragraphComments.push({ block: edit.block, text: `policylint suggests: ${what}.${note ? `\n${note}` : ''}` });
    }
  }
  return { applied, refused };
}

/**
 * Anchors each comment on its paragraph. Comments live in the body only: Word allows none in headers and footers, and
 * LibreOffice cannot load a file with one inside a footnote. Those go on the paragraph citing the note (or the first
 * body paragraph), saying where they belong. Returns the comments that need a new paragraph at the body's start.
 */
function placeComments(work: Redlining, comments: RedlineComment[]): { id: number }[] {
  const { doc, stamp } = work;
  const firstBody = doc.blocks.findIndex((b) => paragraphRef(b)?.story === 'body');
  const quoteOf = (block: number) => {
    const text = doc.blocks[block].text.replace(/\s+/g, ' ').trim();
    return text.length > 60 ? `${text.slice(0, 57)}…` : text;
  };
  const outsideBody = (block: number) => {
    const ref = paragraphRef(doc.blocks[block]);
    return ref !== undefined && ref.story !== 'body';
  };
  const bodyStartComments: { id: number }[] = [];
  for (const c of comments) {
    const id = stamp.nextId();
    let target = c.block === -1 ? firstBody : c.block;
    let text = c.text;
    if (target !== -1 && outsideBody(target)) {
      const ref = paragraphRef(doc.blocks[target])!;
      text = `In ${ref.story === 'notes' ? 'the note' : 'a header or footer'} “${quoteOf(target)}”: ${text}`;
      target = ref.citedBy ?? firstBody;
    }
    if (target >= doc.blocks.length) throw new Error(`${doc.filePath}: comment on block ${c.block}, which the document does not have`);
    const ref: ParagraphRef | undefined = target === -1 ? undefined : paragraphRef(doc.blocks[target]);
    if (ref) work.revisionsOf(ref.part).addParagraphComment(doc, ref, id);
    else if (target === -1) bodyStartComments.push({ id });
    else throw new Error(`${doc.filePath}: block ${target} has no Word source to anchor a comment on`);
    work.newComments.push({ id, text });
  }
  return bodyStartComments;
}

/**
 * Reads every part a redline may read (the main part, its relationships and related XML parts, the content types),
 * so that a damaged one is found when the document is opened, not after an analyst has reviewed it. Throws ReadError
 * naming the part.
 */
export function checkRedlineParts(filePath: string, input: Uint8Array): void {
  const zip = openZip(filePath, input);
  const main = mainPartName(zip);
  const parts = [main, ...relatedXmlParts(zip, readRelationships(zip, main))];
  if (zip.has('[Content_Types].xml')) parts.push(zip.entry('[Content_Types].xml')!.name);
  for (const name of parts) zip.read(name);
}

export function redlineDocxWithReport(
  input: Uint8Array,
  doc: PolicyDocument,
  edits: RedlineEdit[],
  comments: RedlineComment[],
  options: RedlineOptions = {},
): RedlineReport {
  const zip = openZip(doc.filePath, input);
  const main = mainPartName(zip);
  const rels = readRelationships(zip, main);
  const related = relatedXmlParts(zip, rels);
  const texts = new Map<string, { xml: string; utf16: boolean }>();
  const textOf = (name: string) => {
    let t = texts.get(name);
    if (!t) {
      t = partText(zip, name);
      texts.set(name, t);
    }
    return t;
  };
  let lastId = largestId([main, ...related].map((n) => textOf(n).xml));
  const date = options.date ?? new Date();
  const stamp: RevisionStamp = { author: options.author ?? 'policylint', date: wordDate(date), nextId: () => ++lastId };

  const parts = new Map<string, PartRevisions>();
  const revisionsOf = (part: string) => {
    let p = parts.get(part);
    if (!p) {
      p = new PartRevisions(part, textOf(part).xml, stamp);
      parts.set(part, p);
    }
    return p;
  };
  const work: Redlining = { doc, stamp, revisionsOf, newComments: [] };
  const paragraphComments: RedlineComment[] = [...comments];
  const { applied, refused } = placeEdits(work, edits, paragraphComments);
  const bodyStartComments = placeComments(work, paragraphComments);
  const { newComments } = work;

  const written = new Map<string, string>();
  for (const [part, revisions] of parts) written.set(part, revisions.apply());
  if (bodyStartComments.length > 0) {
    // No body paragraph with text: the comments need a paragraph to hang on.
    const withParagraph = insertParagraphAtBodyStart(doc.filePath, main, written.get(main) ?? textOf(main).xml, bodyStartComments.map((c) => c.id));
    if (withParagraph === undefined) throw new ReadError(doc.filePath, `${main} has no body to anchor a comment on`);
    written.set(main, withParagraph);
  }
  const replaced = new Map<string, Uint8Array>();
  for (const [part, xml] of written) replaced.set(part, encodePart(xml, textOf(part).utf16));

  const added: NewEntry[] = [];
  if (newComments.length > 0) addCommentsPart(zip, main, rels, newComments, stamp, textOf, replaced, added, doc);
  if (replaced.size === 0 && added.length === 0) return { bytes: input.slice(), applied, refused, comments: 0 };
  return { bytes: rewriteZip(zip, replaced, added, date), applied, refused, comments: newComments.length };
}

/** Puts a new paragraph holding the comments at the start of the document body. */
function insertParagraphAtBodyStart(filePath: string, partName: string, xml: string, ids: number[]): string | undefined {
  let body: { tag: Tag; start: number; end: number } | undefined;
  walkXml(filePath, partName, xml, {
    open(tag, start, end) {
      if (!body && tag.local === 'body' && isWordNs(tag.uri)) body = { tag, start, end };
    },
    close() {},
  });
  if (!body) return undefined;
  const names = new WordNames(body.tag.prefix, body.tag.uri);
  const starts = ids.map((id) => `<${names.n('commentRangeStart')}${names.decl} ${names.a('id', id)}/>`).join('');
  const ends = ids
    .map((id) => `<${names.n('commentRangeEnd')}${names.decl} ${names.a('id', id)}/><${names.n('r')}${names.decl}><${names.n('commentReference')} ${names.a('id', id)}/></${names.n('r')}>`)
    .join('');
  const paragraph = `<${names.n('p')}>${starts}${ends}</${names.n('p')}>`;
  if (!body.tag.isSelfClosing) return xml.slice(0, body.end) + paragraph + xml.slice(body.end);
  const open = xml.slice(body.start, body.end).replace(/\s*\/>$/, '>');
  return `${xml.slice(0, body.start)}${open}${paragraph}</${body.tag.name}>${xml.slice(body.end)}`;
}

/** Writes the comments into the document's comments part, creating the part, its relationship and content type when it has none. */
function addCommentsPart(
  zip: ZipArchive,
  main: string,
  rels: ReturnType<typeof readRelationships>,
  comments: { id: number; text: string }[],
  stamp: RevisionStamp,
  textOf: (name: string) => { xml: string; utf16: boolean },
  replaced: Map<string, Uint8Array>,
  added: NewEntry[],
  doc: PolicyDocument,
): void {
  // The WordprocessingML flavour (transitional or strict) the document itself uses.
  const mainXml = textOf(main).xml;
  const ns = doc.blocks.map((b) => paragraphRef(b)?.ns).find((uri) => uri !== undefined) ?? (mainXml.includes(W_NS_STRICT) && !mainXml.includes(W_NS) ? W_NS_STRICT : W_NS);
  const strict = ns === W_NS_STRICT;
  const existing = rels.find((r) => r.type === 'comments' && !r.external && zip.has(r.target));
  if (existing) {
    const name = zip.entry(existing.target)!.name;
    const { xml, utf16 } = textOf(name);
    const extended = appendToRoot(doc.filePath, name, xml, 'comments', (prefix) => comments.map((c) => commentXml(new WordNames(prefix, ns), c.id, stamp, c.text)).join(''));
    if (extended === undefined) throw new ReadError(doc.filePath, `${name} is not a comments part policylint can extend`);
    replaced.set(name, encodePart(extended, utf16));
    return;
  }
  // A new part beside the main document, under a name no entry has yet.
  const dir = main.slice(0, main.lastIndexOf('/') + 1);
  let file = 'comments.xml';
  for (let n = 1; zip.has(dir + file); n++) file = `comments${n}.xml`;
  const names = new WordNames('w', ns);
  const body = comments.map((c) => commentXml(names, c.id, stamp, c.text)).join('');
  added.push({
    name: dir + file,
    data: new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="${ns}">${body}</w:comments>`),
  });

  const relsName = relsPathOf(main);
  const ids = new Set(rels.map((r) => r.id));
  let rid = 'rIdPolicylintComments';
  for (let n = 1; ids.has(rid); n++) rid = `rIdPolicylintComments${n}`;
  const relationship = (prefix: string) =>
    `<${prefix ? `${prefix}:` : ''}Relationship Id="${rid}" Type="${strict ? COMMENTS_REL_STRICT : COMMENTS_REL}" Target="${escapeAttr(file)}"/>`;
  if (zip.has(relsName)) {
    const name = zip.entry(relsName)!.name;
    const { xml, utf16 } = textOf(name);
    const withRel = appendToRoot(doc.filePath, name, xml, 'Relationships', relationship);
    if (withRel === undefined) throw new ReadError(doc.filePath, `${name} is not a relationships part policylint can extend`);
    replaced.set(name, encodePart(withRel, utf16));
  } else {
    added.push({
      name: relsName,
      data: new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_RELS_NS}">${relationship('')}</Relationships>`),
    });
  }

  if (zip.has('[Content_Types].xml')) {
    const name = zip.entry('[Content_Types].xml')!.name;
    const { xml, utf16 } = textOf(name);
    const partName = `/${dir}${file}`;
    const already = new RegExp(`PartName="${partName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`, 'i').test(xml);
    if (!already) {
      const withType = appendToRoot(doc.filePath, name, xml, 'Types', (prefix) => `<${prefix ? `${prefix}:` : ''}Override PartName="${escapeAttr(partName)}" ContentType="${COMMENTS_CONTENT_TYPE}"/>`);
      if (withType === undefined) throw new ReadError(doc.filePath, '[Content_Types].xml is not a content-types part policylint can extend');
      replaced.set(name, encodePart(withType, utf16));
    }
  }
}
