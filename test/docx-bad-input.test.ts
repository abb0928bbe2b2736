import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deflateSync, inflateSync, strToU8, unzipSync, zipSync } from 'fflate';
import { ReadError } from '../src/errors.js';
import { readDocx } from '../src/readers/docx.js';
import { readDocument } from '../src/readers/index.js';
import { crc32, MAX_TOTAL_INFLATED } from '../src/docx/zip.js';
import { deflateBomb, para, rawZip, wordPackage } from './helpers/docx-build.js';

/** Reads a file that must be refused, and returns the one-line problem. */
function refusal(bytes: Uint8Array, name = 'bad.docx'): string {
  let error: unknown;
  try {
    readDocx(name, bytes);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ReadError);
  const e = error as ReadError;
  expect(e.filePath).toBe(name);
  expect(e.message.startsWith(`${name}: `)).toBe(true);
  expect(e.message).not.toContain('\n');
  // The same refusal comes out of the reader boundary the CLI uses.
  expect(() => readDocument(name, bytes)).toThrow(e.message);
  return e.problem;
}

const documentXml = (inner: string, prologue = '<?xml version="1.0"?>') =>
  `${prologue}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${inner}</w:body></w:document>`;

/** A package whose main part is exactly `xml`. */
const withDocument = (xml: string) =>
  zipSync({
    '_rels/.rels': strToU8(
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(xml),
  });

describe('Word reader: files it must refuse with one clear line', () => {
  it('a file that is not a zip at all', () => {
    expect(refusal(strToU8('# A Markdown file renamed .docx\n'))).toBe('is not a Word .docx file (it is not a zip package)');
    expect(refusal(new Uint8Array(0))).toBe('is empty (0 bytes), not a Word .docx file');
    expect(refusal(strToU8('{\\rtf1\\ansi hello}'))).toBe('is an RTF file, not a .docx; save it as .docx');
  });

  it('an encrypted Word file or a legacy .doc (OLE compound file)', () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(refusal(ole, 'legacy.doc.docx')).toBe('is an encrypted Word file or a legacy .doc (OLE) file; save it as .docx');
  });

  it('a truncated zip', () => {
    const good = wordPackage({ body: para(['Some text that makes the package longer than a few bytes.']) });
    expect(refusal(good.subarray(0, good.length - 30))).toMatch(/^is a damaged or truncated zip package/);
    expect(refusal(good.subarray(0, Math.floor(good.length / 2)))).toMatch(/truncated zip package/);
  });

  it('a zip with no main document part', () => {
    expect(refusal(zipSync({ 'readme.txt': strToU8('hello') }))).toBe('has no main document part (word/document.xml); it is not a Word document');
    const dangling = zipSync({
      '_rels/.rels': strToU8(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/missing.xml"/></Relationships>',
      ),
    });
    expect(refusal(dangling)).toBe('has no main document part (its package points to word/missing.xml, which is missing)');
    // A spreadsheet or theme package: a main part that is not a Word document.
    const sheet = withDocument('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>');
    expect(refusal(sheet)).toBe('has no Word document body (its main part word/document.xml holds <worksheet>)');
  });

  it('a zip bomb that declares its size: refused before anything is inflated', () => {
    // 8 MB of zeros deflate to ~8 KB (~1000:1, what bombs are made of).
    const data = deflateSync(new Uint8Array(8 * 1024 * 1024), { level: 9 });
    const huge = rawZip([{ name: 'word/document.xml', data, declaredSize: 3 * 1024 * 1024 * 1024 }]);
    expect(refusal(huge)).toBe(`is too large to read safely (word/document.xml expands to 3072.0 MB; the limit is ${MAX_TOTAL_INFLATED / 1024 / 1024}.0 MB in all)`);
    // Declares its true 8 MB: under the total, but a compression ratio no Word file has.
    const dense = rawZip([{ name: 'word/document.xml', data, declaredSize: 8 * 1024 * 1024 }]);
    expect(refusal(dense)).toMatch(/^looks like a zip bomb \(word\/document\.xml expands \d+:1\); refusing to read it$/);
  });

  it('a zip bomb that lies about its size: stopped as soon as it passes what it declared', () => {
    // 2 GB of zeros from ~13 MB: inflating it whole would take seconds and 2 GB of memory.
    const data = deflateBomb(2 * 1024 * 1024 * 1024 - 1);
    expect(data.length).toBeLessThan(14 * 1024 * 1024);
    const liar = rawZip([{ name: 'word/document.xml', data, declaredSize: 100_000 }]);
    const rssBefore = process.memoryUsage().rss;
    expect(refusal(liar)).toBe('looks like a zip bomb (word/document.xml expands past the 0.1 MB its directory declares); refusing to read it');
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(256 * 1024 * 1024);
  });

  it('an entry that inflates to less than it declares, or fails its checksum', () => {
    const xml = strToU8(documentXml(para(['Text.'])));
    const short = rawZip([{ name: 'word/document.xml', data: deflateSync(xml), declaredSize: xml.length + 10, crc: crc32(xml) }]);
    expect(refusal(short)).toBe('is a damaged zip package (word/document.xml is shorter than declared)');
    const corrupt = rawZip([{ name: 'word/document.xml', data: deflateSync(xml), declaredSize: xml.length, crc: crc32(xml) ^ 1 }]);
    expect(refusal(corrupt)).toBe('is a damaged zip package (word/document.xml fails its checksum)');
    // The deflate data itself damaged.
    const garbage = rawZip([{ name: 'word/document.xml', data: Uint8Array.from([0xff, 0xff, 0xff, 0xff]), declaredSize: 100, crc: 0 }]);
    expect(refusal(garbage)).toMatch(/^is a damaged zip package \(word\/document\.xml: /);
    expect(inflateSync(deflateBomb(100_000))).toEqual(new Uint8Array(100_000));
  });

  it('encrypted zip entries and compression methods Word does not write', () => {
    const xml = strToU8(documentXml(''));
    expect(refusal(rawZip([{ name: 'word/document.xml', data: xml, method: 0, declaredSize: xml.length, crc: crc32(xml), flags: 1 }]))).toBe(
      'is password-protected (its zip entries are encrypted); remove the password and save it again',
    );
    expect(refusal(rawZip([{ name: 'word/document.xml', data: xml, method: 12, declaredSize: xml.length, crc: crc32(xml) }]))).toBe(
      "uses zip compression method 12, which Word does not write; open and save it in Word",
    );
  });

  it('XML with a DOCTYPE: entities are never expanded, internal or external', () => {
    const laughs = '<!DOCTYPE w:document [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>';
    const problem = 'word/document.xml contains a DOCTYPE declaration, which Word never writes; refusing to read it (entity expansion is not allowed)';
    expect(refusal(withDocument(documentXml(para(['&c;']), `<?xml version="1.0"?>${laughs}`)))).toBe(problem);
    const external = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>';
    expect(refusal(withDocument(documentXml(para(['&xxe;']), `<?xml version="1.0"?>${external}`)))).toBe(problem);
    // In any part the reader opens, not only the main one.
    const styles = wordPackage({ body: para(['x']), styles: '' });
    const entries = unzipSync(styles);
    entries['word/styles.xml'] = strToU8('<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://example.invalid/x.dtd"><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>');
    expect(refusal(zipSync(entries))).toBe('word/styles.xml contains a DOCTYPE declaration, which Word never writes; refusing to read it (entity expansion is not allowed)');
  });

  it('an undefined entity or malformed XML', () => {
    expect(refusal(withDocument(documentXml(para(['&custom;']))))).toMatch(/^word\/document\.xml is not well-formed XML \(line 1, column \d+: undefined entity/);
    expect(refusal(withDocument(documentXml('<w:p><w:r><w:t>unclosed</w:r></w:p>')))).toMatch(/^word\/document\.xml is not well-formed XML \(line 1, column \d+: /);
    expect(refusal(withDocument(documentXml('<x:p>unbound prefix</x:p>')))).toMatch(/^word\/document\.xml is not well-formed XML .*unbound namespace prefix/);
  });

  it('pathological nesting depth', () => {
    const deep = '<w:sdt><w:sdtContent>'.repeat(100_000) + '</w:sdtContent></w:sdt>'.repeat(100_000);
    expect(refusal(withDocument(documentXml(deep)))).toBe('word/document.xml nests elements more than 512 deep; refusing to read it');
  });

  it('a big, very repetitive but honest document is read, not refused (the limits are far from real files)', () => {
    // 20 MB of one paragraph pasted 20,000 times compresses ~240:1, far more than any real Word file.
    const body = para(['A paragraph of county policy text that repeats. '.repeat(20)]).repeat(20_000);
    const bytes = wordPackage({ body });
    expect(readDocx('big.docx', bytes).blocks).toHaveLength(20_000);
  });
});

describe('Word reader: damaged files never crash it', () => {
  const good = wordPackage({
    body: para(['Heading'], '<w:pStyle w:val="Heading1"/>') + para(['Some ', ['CSEC', '<w:b/>'], ' text.']) + '<w:tbl><w:tr><w:tc>' + para(['cell']) + '</w:tc></w:tr></w:tbl>',
    styles: '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>',
    footnotes: `<w:footnote w:id="1">${para(['note'])}</w:footnote>`,
    comments: `<w:comment w:id="1">${para(['policylint-disable'])}</w:comment>`,
  });

  /** Reading either works or is refused with a ReadError: nothing else may escape. */
  function readsOrRefuses(bytes: Uint8Array): void {
    try {
      readDocx('fuzz.docx', bytes);
    } catch (e) {
      if (!(e instanceof ReadError)) throw e;
      expect(e.message).not.toContain('\n');
    }
  }

  it('any bytes overwritten, anywhere in the package', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: good.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (changes) => {
        const bytes = good.slice();
        for (const [at, value] of changes) bytes[at] = value;
        readsOrRefuses(bytes);
      }),
      { numRuns: 400 },
    );
  });

  it('the package cut short anywhere', () => {
    fc.assert(
      fc.property(fc.nat({ max: good.length - 1 }), (length) => readsOrRefuses(good.subarray(0, length))),
      { numRuns: 200 },
    );
  });

  it('any characters inserted into the main part XML', () => {
    const entries = unzipSync(good);
    const xml = new TextDecoder().decode(entries['word/document.xml']);
    fc.assert(
      fc.property(fc.nat({ max: xml.length }), fc.constantFrom('<', '>', '&', '"', '</w:p>', '<w:p>', '<!DOCTYPE x>', '\u0000', '<![CDATA[', ']]>', 'xmlns:w="x"', '<w:t>'), (at, junk) => {
        readsOrRefuses(zipSync({ ...entries, 'word/document.xml': strToU8(xml.slice(0, at) + junk + xml.slice(at)) }));
      }),
      { numRuns: 300 },
    );
  });
});
