// Safe XML walking for Word parts. saxes parses; this module adds what a
// linter reading files from strangers needs: no DTD at all (Word never writes
// one, and a DTD is how entity-expansion and external-entity attacks arrive),
// a nesting limit, and every parser complaint turned into one ReadError line.
// Elements are matched by namespace URI and local name, never by prefix: real
// files use `ns0:` or a default namespace where Word writes `w:`.
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';
import { ReadError } from '../errors.js';

/** WordprocessingML, transitional (what Word writes) and strict (ISO 29500 Strict). */
export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
export const W_NS_STRICT = 'http://purl.oclc.org/ooxml/wordprocessingml/main';
export const MC_NS = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
export const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const R_NS_STRICT = 'http://purl.oclc.org/ooxml/officeDocument/relationships';
export const MATH_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/math';
export const MATH_NS_STRICT = 'http://purl.oclc.org/ooxml/officeDocument/math';
export const PKG_RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const DC_NS = 'http://purl.org/dc/elements/1.1/';

export function isWordNs(uri: string): boolean {
  return uri === W_NS || uri === W_NS_STRICT;
}

export function isMathNs(uri: string): boolean {
  return uri === MATH_NS || uri === MATH_NS_STRICT;
}

/** Deeper than any document Word makes (nested tables in text boxes stay under ~100). */
export const MAX_DEPTH = 512;

export type Tag = SaxesTagNS;

export interface XmlHandlers {
  /** `start` is the offset of "<", `end` the offset just past ">" of the open tag. */
  open(tag: Tag, start: number, end: number, depth: number): void;
  /** `start` is the offset of "</" (or of "<" for a self-closing tag), `end` just past ">". */
  close(tag: Tag, start: number, end: number, depth: number): void;
  text?(text: string): void;
}

/**
 * Walks one XML part. Offsets are UTF-16 indexes into `xml`, so a writer can
 * splice the same string. Throws ReadError for a DTD, a nesting bomb or
 * malformed XML.
 */
export function walkXml(filePath: string, partName: string, xml: string, handlers: XmlHandlers): void {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const fail = (problem: string): never => {
    throw new ReadError(filePath, `${partName} ${problem}`);
  };
  let depth = 0;
  // Where each open element began, so a self-closing close can report it.
  const starts: number[] = [];
  parser.on('doctype', () => fail('contains a DOCTYPE declaration, which Word never writes; refusing to read it (entity expansion is not allowed)'));
  parser.on('opentag', (tag) => {
    depth++;
    if (depth > MAX_DEPTH) fail(`nests elements more than ${MAX_DEPTH} deep; refusing to read it`);
    const end = parser.position;
    // Attribute values cannot hold "<", so the last "<" before the end of the tag is its start.
    const start = xml.lastIndexOf('<', end - 1);
    starts.push(start);
    handlers.open(tag, start, end, depth);
  });
  parser.on('closetag', (tag) => {
    const end = parser.position;
    const openStart = starts.pop()!;
    const start = tag.isSelfClosing ? openStart : xml.lastIndexOf('<', end - 1);
    handlers.close(tag, start, end, depth);
    depth--;
  });
  if (handlers.text) {
    const onText = handlers.text;
    parser.on('text', onText);
    parser.on('cdata', onText);
  }
  parser.on('error', (err) => {
    if (err instanceof ReadError) throw err;
    // saxes messages start with "fileName:line:column: "; keep the position, drop the name.
    const m = /(\d+):(\d+): (.*)$/s.exec(err.message);
    fail(m ? `is not well-formed XML (line ${m[1]}, column ${m[2]}: ${m[3].split('\n')[0]})` : `is not well-formed XML (${err.message.split('\n')[0]})`);
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    if (e instanceof ReadError) throw e;
    if (e instanceof RangeError) fail('is too large or too deeply nested to read');
    throw e;
  }
}

/** An attribute in the WordprocessingML namespace (or, in sloppy files, with no namespace). */
export function wAttr(tag: Tag, local: string): string | undefined {
  let bare: string | undefined;
  for (const key in tag.attributes) {
    const a: SaxesAttributeNS = tag.attributes[key];
    if (a.local !== local) continue;
    if (isWordNs(a.uri)) return a.value;
    if (a.uri === '') bare = a.value;
  }
  return bare;
}

/** An attribute in the relationships namespace (`r:id`, `r:embed`). */
export function rAttr(tag: Tag, local: string): string | undefined {
  for (const key in tag.attributes) {
    const a = tag.attributes[key];
    if (a.local === local && (a.uri === R_NS || a.uri === R_NS_STRICT)) return a.value;
  }
  return undefined;
}

/** An attribute with no namespace (as in relationship and content-type parts). */
export function plainAttr(tag: Tag, local: string): string | undefined {
  for (const key in tag.attributes) {
    const a = tag.attributes[key];
    if (a.local === local && a.uri === '') return a.value;
  }
  return undefined;
}
