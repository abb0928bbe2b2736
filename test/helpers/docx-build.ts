// Builds .docx test documents: hand-written WordprocessingML zipped with
// fflate (for exact control over runs, prefixes and odd structures), or the
// `docx` package (for documents shaped the way a Word-like writer makes them).
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

export const W_URI = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
export const W_STRICT_URI = 'http://purl.oclc.org/ooxml/wordprocessingml/main';
const R_URI = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Namespace declarations for the prefixes the snippets below use (besides the WordprocessingML one). */
const OTHER_NS =
  `xmlns:r="${R_URI}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ' +
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' +
  'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ' +
  'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"';

export interface WordPackageOptions {
  /** Content of the body element (write elements with `prefix`, `w` by default). */
  body: string;
  /** Prefix bound to the WordprocessingML namespace; '' makes it the default namespace. */
  prefix?: string;
  /** Namespace URI (the Strict one to test Strict files). */
  ns?: string;
  /** Where the main part lives (default word/document.xml). */
  mainPart?: string;
  /** Inner XML of w:styles. */
  styles?: string;
  /** Inner XML of w:footnotes / w:endnotes / w:comments. */
  footnotes?: string;
  endnotes?: string;
  comments?: string;
  /** Header parts by relationship id → inner XML of w:hdr; referenced from the body's sectPr by the caller. */
  headers?: Record<string, string>;
  /** dc:title in docProps/core.xml. */
  coreTitle?: string;
  /** Extra zip entries, written as given. */
  extra?: Record<string, string | Uint8Array>;
  /** Replace the XML declaration + root start of the main part (for DOCTYPE tests). */
  documentPrologue?: string;
}

function root(tag: string, prefix: string, ns: string, inner: string): string {
  const name = prefix ? `${prefix}:${tag}` : tag;
  const decl = prefix ? `xmlns:${prefix}="${ns}"` : `xmlns="${ns}"`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${name} ${decl} ${OTHER_NS}>${inner}</${name}>`;
}

/** A complete .docx package around the given body. */
export function wordPackage(o: WordPackageOptions): Uint8Array {
  const prefix = o.prefix ?? 'w';
  const ns = o.ns ?? W_URI;
  const main = o.mainPart ?? 'word/document.xml';
  const dir = main.slice(0, main.lastIndexOf('/') + 1);
  const file = main.slice(dir.length);
  const rels: string[] = [];
  const overrides: string[] = [`<Override PartName="/${main}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>`];
  const parts: Record<string, Uint8Array> = {};
  const add = (name: string, type: string, contentType: string, xml: string, id = `rId${rels.length + 1}`) => {
    parts[dir + name] = strToU8(xml);
    rels.push(`<Relationship Id="${id}" Type="${REL}/${type}" Target="${name}"/>`);
    overrides.push(`<Override PartName="/${dir}${name}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.${contentType}+xml"/>`);
  };
  if (o.styles !== undefined) add('styles.xml', 'styles', 'styles', root('styles', prefix, ns, o.styles));
  if (o.footnotes !== undefined) add('footnotes.xml', 'footnotes', 'footnotes', root('footnotes', prefix, ns, o.footnotes));
  if (o.endnotes !== undefined) add('endnotes.xml', 'endnotes', 'endnotes', root('endnotes', prefix, ns, o.endnotes));
  if (o.comments !== undefined) add('comments.xml', 'comments', 'comments', root('comments', prefix, ns, o.comments));
  for (const [id, inner] of Object.entries(o.headers ?? {})) add(`${id}.xml`, 'header', 'header', root('hdr', prefix, ns, inner), id);
  const p = prefix ? `${prefix}:` : '';
  const document = o.documentPrologue
    ? `${o.documentPrologue}<${p}body>${o.body}</${p}body></${p}document>`
    : root('document', prefix, ns, `<${p}body>${o.body}</${p}body>`);
  parts[main] = strToU8(document);
  if (rels.length > 0) {
    parts[`${dir}_rels/${file}.rels`] = strToU8(`<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`);
  }
  const pkgRels = [`<Relationship Id="rId1" Type="${REL}/officeDocument" Target="${main}"/>`];
  if (o.coreTitle !== undefined) {
    parts['docProps/core.xml'] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${o.coreTitle}</dc:title></cp:coreProperties>`,
    );
    pkgRels.push('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>');
    overrides.push('<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>');
  }
  parts['_rels/.rels'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${pkgRels.join('')}</Relationships>`);
  parts['[Content_Types].xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.join('')}</Types>`,
  );
  for (const [name, data] of Object.entries(o.extra ?? {})) parts[name] = typeof data === 'string' ? strToU8(data) : data;
  return zipSync(parts);
}

/** A paragraph of runs: each run is [text] or [text, rPr inner XML]. */
export function para(runs: (string | [string, string])[], pPr = '', prefix = 'w'): string {
  const p = prefix ? `${prefix}:` : '';
  const body = runs
    .map((r) => {
      const [text, rPr] = typeof r === 'string' ? [r, ''] : r;
      return `<${p}r>${rPr ? `<${p}rPr>${rPr}</${p}rPr>` : ''}<${p}t xml:space="preserve">${text}</${p}t></${p}r>`;
    })
    .join('');
  return `<${p}p>${pPr ? `<${p}pPr>${pPr}</${p}pPr>` : ''}${body}</${p}p>`;
}

/** Every entry of a zip, inflated. */
export function unzipEntries(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

export function entryText(bytes: Uint8Array, name: string): string {
  const entries = unzipSync(bytes, { filter: (f) => f.name === name });
  if (!entries[name]) throw new Error(`no ${name} in the package`);
  return strFromU8(entries[name]);
}

/**
 * A DEFLATE stream of `size` zero bytes written with fixed Huffman codes: 13 bits per
 * 258 bytes (~159:1), built without ever holding the expanded data.
 */
export function deflateBomb(size: number): Uint8Array {
  const repeats = Math.floor((size - 1) / 258);
  const out = new Uint8Array(Math.ceil((3 + 8 + repeats * 13 + ((size - 1) % 258) * 8 + 7) / 8));
  let at = 0;
  let acc = 0;
  let bits = 0;
  const put = (value: number, n: number) => {
    acc |= value << bits;
    bits += n;
    while (bits >= 8) {
      out[at++] = acc & 0xff;
      acc >>>= 8;
      bits -= 8;
    }
  };
  // Huffman codes go most significant bit first: write them reversed.
  const reversed = (code: number, n: number) => {
    let rev = 0;
    for (let i = 0; i < n; i++) rev |= ((code >> i) & 1) << (n - 1 - i);
    return rev;
  };
  const literal0 = reversed(0x30, 8);
  const length258 = reversed(0b11000101, 8); // symbol 285
  put(1, 1); // final block
  put(1, 2); // fixed Huffman
  put(literal0, 8);
  let left = size - 1;
  while (left >= 258) {
    put(length258, 8);
    put(0, 5); // distance 1
    left -= 258;
  }
  while (left-- > 0) put(literal0, 8);
  put(0, 7); // end of block
  if (bits > 0) out[at++] = acc & 0xff;
  return out.subarray(0, at);
}

/**
 * A zip with one stored-as-deflate entry whose data and declared sizes are given
 * separately, so a test can make an entry lie about its size.
 */
export function rawZip(entries: { name: string; data: Uint8Array; method?: number; declaredSize: number; crc?: number; flags?: number }[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = strToU8(e.name);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, e.flags ?? 0, true);
    lv.setUint16(8, e.method ?? 8, true);
    lv.setUint32(14, e.crc ?? 0, true);
    lv.setUint32(18, e.data.length, true);
    lv.setUint32(22, e.declaredSize, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const cd = new Uint8Array(46 + name.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, e.flags ?? 0, true);
    cv.setUint16(10, e.method ?? 8, true);
    cv.setUint32(16, e.crc ?? 0, true);
    cv.setUint32(20, e.data.length, true);
    cv.setUint32(24, e.declaredSize, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    cd.set(name, 46);
    chunks.push(local, e.data);
    central.push(cd);
    offset += local.length + e.data.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const all = [...chunks, ...central, end];
  const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of all) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const SENTENCES = [
  'The county child welfare agency screens every referral for indicators of commercial sexual exploitation and labor trafficking.',
  'Probation, behavioral health and the local education agency attend the multidisciplinary team within 72 hours of identification.',
  'Social workers document each contact in the case plan and notify the survivor advocate before the first interview.',
  'Youth who are trafficked receive services regardless of immigration status, placement type or prior involvement with law enforcement.',
  'Nothing in this protocol requires a child to disclose exploitation before services are offered.',
  'The coordinator reviews the screening tool annually with community partners and youth with lived experience.',
];

/**
 * A policy-like Word document of about `pages` pages (~450 words each): numbered
 * headings, paragraphs whose phrases are split across formatted runs, bullet
 * lists, a table every few pages and footnotes. Built with the `docx` package.
 */
export async function policyDocx(pages: number): Promise<Uint8Array> {
  const docx = await import('docx');
  const { Document, Packer, Paragraph, TextRun, HeadingLevel, Table, TableRow, TableCell, FootnoteReferenceRun } = docx;
  const children: (InstanceType<typeof Paragraph> | InstanceType<typeof Table>)[] = [];
  const footnotes: Record<number, { children: InstanceType<typeof Paragraph>[] }> = {};
  let note = 1;
  for (let page = 1; page <= pages; page++) {
    if (page % 4 === 1) children.push(new Paragraph({ text: `${Math.ceil(page / 4)}. Section ${Math.ceil(page / 4)}`, heading: HeadingLevel.HEADING_1 }));
    children.push(new Paragraph({ text: `${Math.ceil(page / 4)}.${((page - 1) % 4) + 1} Topic on page ${page}`, heading: HeadingLevel.HEADING_2 }));
    for (let p = 0; p < 10; p++) {
      const runs: InstanceType<typeof TextRun>[] = [];
      for (let s = 0; s < 3; s++) {
        const sentence = SENTENCES[(page + p + s) % SENTENCES.length];
        const cut = sentence.indexOf(' ', 20);
        runs.push(new TextRun({ text: sentence.slice(0, cut), bold: s === 0 }), new TextRun({ text: `${sentence.slice(cut)} `, italics: s === 1 }));
      }
      const pieces: (InstanceType<typeof TextRun> | InstanceType<typeof FootnoteReferenceRun>)[] = runs;
      if (p === 2) {
        footnotes[note] = { children: [new Paragraph(`Cal. Welf. & Inst. Code § 300(b)(2); see note ${note}.`)] };
        pieces.push(new FootnoteReferenceRun(note++));
      }
      children.push(new Paragraph({ children: pieces }));
    }
    for (let b = 0; b < 3; b++) children.push(new Paragraph({ text: SENTENCES[(page + b) % SENTENCES.length], bullet: { level: 0 } }));
    if (page % 3 === 0) {
      const row = (a: string, b: string) => new TableRow({ children: [new TableCell({ children: [new Paragraph(a)] }), new TableCell({ children: [new Paragraph(b)] })] });
      children.push(new Table({ rows: [row('Agency', 'Responsibility'), row('Probation', SENTENCES[1]), row('Behavioral health', SENTENCES[3])] }));
    }
  }
  const document = new Document({ footnotes, sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(document));
}

/** A copy of a zip whose entry `name` declares a wrong CRC-32 (in its local header and the central directory). */
export function withBadChecksum(zip: Uint8Array, name: string): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const wanted = Buffer.from(strToU8(name));
  let changed = 0;
  for (let at = 0; at + 30 <= out.length; at++) {
    const signature = view.getUint32(at, true);
    // Local header: name at 30, CRC at 14; central directory record: name at 46, CRC at 16.
    const [nameAt, lengthAt, crcAt] = signature === 0x04034b50 ? [30, 26, 14] : signature === 0x02014b50 ? [46, 28, 16] : [0, 0, 0];
    if (nameAt === 0 || at + nameAt > out.length) continue;
    const length = view.getUint16(at + lengthAt, true);
    if (!Buffer.from(out.subarray(at + nameAt, at + nameAt + length)).equals(wanted)) continue;
    view.setUint32(at + crcAt, view.getUint32(at + crcAt, true) ^ 1, true);
    changed++;
  }
  if (changed !== 2) throw new Error(`${name}: found ${changed} records, expected 2`);
  return out;
}
