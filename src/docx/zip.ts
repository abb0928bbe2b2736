// A zip reader that refuses hostile packages before it spends memory on them.
// A .docx is a zip, and a zip's central directory declares each entry's sizes:
// those are checked against the limits BEFORE anything is inflated, and the
// inflater is then fed in small chunks so an entry that lies about its size is
// stopped as soon as it passes what it declared (fflate is the only zip code).
import { Inflate } from 'fflate';
import * as zlib from 'node:zlib';
import { ReadError } from '../errors.js';

/** The most this reader inflates from one package, all parts together. */
export const MAX_TOTAL_INFLATED = 200 * 1024 * 1024;
/**
 * Deflate tops out near 1032:1. Real Word XML stays under ~40:1 (the wild corpus peaks at 38),
 * and even one paragraph pasted 20,000 times compresses only ~240:1; above this an entry is a bomb.
 */
export const MAX_RATIO = 500;
/** The ratio limit applies from this size on: small entries cannot hurt, whatever their ratio. */
const RATIO_GRACE = 1024 * 1024;
/** Compressed bytes handed to the inflater at a time: bounds one step's output to ~16 MiB. */
const INFLATE_CHUNK = 16 * 1024;

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_END64 = 0x06064b50;
const SIG_END64_LOCATOR = 0x07064b50;

export interface ZipEntry {
  /** The name as stored (for writing back unchanged). */
  rawName: Uint8Array;
  /** The name decoded, with "\" turned into "/" and no leading "/". */
  name: string;
  flags: number;
  method: number;
  dosTime: number;
  dosDate: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  externalAttrs: number;
  versionMadeBy: number;
}

/** Explains what the first bytes of a file that is not a zip actually are. */
function notZipProblem(bytes: Uint8Array): string {
  if (bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    return 'is an encrypted Word file or a legacy .doc (OLE) file; save it as .docx';
  }
  if (bytes.length === 0) return 'is empty (0 bytes), not a Word .docx file';
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512)).trimStart();
  if (head.startsWith('{\\rtf')) return 'is an RTF file, not a .docx; save it as .docx';
  if (head.startsWith('<?xml') || head.startsWith('<')) return 'is an XML file (perhaps Word 2003 XML or flat OPC), not a .docx zip package; save it as .docx';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'is a damaged or truncated zip package (no end-of-archive record); it cannot be read as .docx';
  return 'is not a Word .docx file (it is not a zip package)';
}

const MB = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** CRC-32 (IEEE), used to prove an inflated entry is the one the directory describes. */
const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

// Node 20.15+ computes CRC-32 natively (~10× faster); the table is the fallback.
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

export function crc32(data: Uint8Array, crc = 0): number {
  if (nativeCrc32) return nativeCrc32(data, crc) >>> 0;
  let c = ~crc;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

export class ZipArchive {
  readonly entries: ZipEntry[] = [];
  private readonly byName = new Map<string, ZipEntry>();
  private readonly byLowerName = new Map<string, ZipEntry>();
  private inflatedTotal = 0;

  constructor(
    readonly filePath: string,
    readonly bytes: Uint8Array,
  ) {
    this.readDirectory();
  }

  private fail(problem: string): never {
    throw new ReadError(this.filePath, problem);
  }

  /** Where the central directory is and how many entries it lists, from the end record (ZIP64's when it overflowed). */
  private directoryExtent(view: DataView): { count: number; cdSize: number; cdOffset: number } {
    const b = this.bytes;
    if (b.length < 22 || view.getUint32(0, true) !== SIG_LOCAL) {
      // An empty zip starts with the end record itself; anything else without "PK\3\4" is not a package.
      if (!(b.length >= 22 && view.getUint32(0, true) === SIG_END)) this.fail(notZipProblem(b));
    }
    // The end record sits in the last 22 + 65535 (comment) bytes.
    let end = -1;
    for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
      if (b[i] === 0x50 && b[i + 1] === 0x4b && view.getUint32(i, true) === SIG_END) {
        end = i;
        break;
      }
    }
    if (end === -1) this.fail(notZipProblem(b));
    let count = view.getUint16(end + 10, true);
    let cdSize = view.getUint32(end + 12, true);
    let cdOffset = view.getUint32(end + 16, true);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      const locator = end - 20;
      if (locator < 0 || view.getUint32(locator, true) !== SIG_END64_LOCATOR) this.fail('is a damaged zip package (ZIP64 locator missing)');
      const end64 = Number(view.getBigUint64(locator + 8, true));
      if (end64 + 56 > b.length || view.getUint32(end64, true) !== SIG_END64) this.fail('is a damaged zip package (ZIP64 end record missing)');
      count = Number(view.getBigUint64(end64 + 32, true));
      cdSize = Number(view.getBigUint64(end64 + 40, true));
      cdOffset = Number(view.getBigUint64(end64 + 48, true));
    }
    if (cdOffset + cdSize > b.length) this.fail('is a truncated zip package (its directory points past the end of the file)');
    return { count, cdSize, cdOffset };
  }

  private readDirectory(): void {
    const b = this.bytes;
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const { count, cdOffset } = this.directoryExtent(view);
    const utf8 = new TextDecoder('utf-8');
    const latin1 = new TextDecoder('latin1');
    let at = cdOffset;
    for (let n = 0; n < count; n++) {
      if (at + 46 > b.length || view.getUint32(at, true) !== SIG_CENTRAL) this.fail('is a damaged zip package (bad central directory record)');
      const flags = view.getUint16(at + 8, true);
      const nameLength = view.getUint16(at + 28, true);
      const extraLength = view.getUint16(at + 30, true);
      const commentLength = view.getUint16(at + 32, true);
      if (at + 46 + nameLength + extraLength + commentLength > b.length) this.fail('is a truncated zip package (directory record runs past the end)');
      const rawName = b.subarray(at + 46, at + 46 + nameLength);
      const { size, compressedSize, localOffset } = this.sizesOf(view, at, at + 46 + nameLength, extraLength);
      const name = (flags & 0x800 ? utf8 : latin1).decode(rawName).replace(/\\/g, '/').replace(/^\/+/, '');
      const entry: ZipEntry = {
        rawName,
        name,
        flags,
        method: view.getUint16(at + 10, true),
        dosTime: view.getUint16(at + 12, true),
        dosDate: view.getUint16(at + 14, true),
        crc: view.getUint32(at + 16, true),
        compressedSize,
        size,
        localOffset,
        externalAttrs: view.getUint32(at + 38, true),
        versionMadeBy: view.getUint16(at + 4, true),
      };
      this.entries.push(entry);
      // A name stored twice: the later record wins, as in most zip readers.
      this.byName.set(name, entry);
      this.byLowerName.set(name.toLowerCase(), entry);
      at += 46 + nameLength + extraLength + commentLength;
    }
  }

  /** A directory record's sizes and offset; those that overflowed 32 bits are in its ZIP64 extra field. */
  private sizesOf(view: DataView, at: number, extraStart: number, extraLength: number): { size: number; compressedSize: number; localOffset: number } {
    let compressedSize = view.getUint32(at + 20, true);
    let size = view.getUint32(at + 24, true);
    let localOffset = view.getUint32(at + 42, true);
    if (compressedSize !== 0xffffffff && size !== 0xffffffff && localOffset !== 0xffffffff) return { size, compressedSize, localOffset };
    // ZIP64 extra field (id 1): only the fields that overflowed are present, in this order.
    let x = extraStart;
    const xEnd = x + extraLength;
    while (x + 4 <= xEnd) {
      const id = view.getUint16(x, true);
      const len = view.getUint16(x + 2, true);
      if (id === 1) {
        let p = x + 4;
        const fieldEnd = Math.min(x + 4 + len, xEnd);
        const next = () => {
          const v = p + 8 <= fieldEnd ? Number(view.getBigUint64(p, true)) : NaN;
          p += 8;
          return v;
        };
        if (size === 0xffffffff) size = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localOffset === 0xffffffff) localOffset = next();
        break;
      }
      x += 4 + len;
    }
    if (![size, compressedSize, localOffset].every(Number.isFinite)) this.fail('is a damaged zip package (bad ZIP64 sizes)');
    return { size, compressedSize, localOffset };
  }

  /** An entry by part name; OPC part names are case-insensitive. */
  entry(name: string): ZipEntry | undefined {
    const clean = name.replace(/^\/+/, '');
    return this.byName.get(clean) ?? this.byLowerName.get(clean.toLowerCase());
  }

  has(name: string): boolean {
    return this.entry(name) !== undefined;
  }

  /** Offset and length of an entry's stored (compressed) bytes. */
  dataRange(entry: ZipEntry): { start: number; end: number } {
    const b = this.bytes;
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const at = entry.localOffset;
    if (at + 30 > b.length || view.getUint32(at, true) !== SIG_LOCAL) this.fail(`is a damaged zip package (${entry.name}: bad local header)`);
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const end = start + entry.compressedSize;
    if (end > b.length) this.fail(`is a truncated zip package (${entry.name} runs past the end of the file)`);
    return { start, end };
  }

  /** The stored bytes of an entry, exactly as they are in the file (for copying it unchanged). */
  stored(entry: ZipEntry): Uint8Array {
    const { start, end } = this.dataRange(entry);
    return this.bytes.subarray(start, end);
  }

  /** Inflates one entry within the limits, or throws a ReadError saying which limit it broke. */
  read(name: string): Uint8Array {
    const entry = this.entry(name);
    if (!entry) this.fail(`has no ${name} part`);
    if (entry.flags & 1) this.fail('is password-protected (its zip entries are encrypted); remove the password and save it again');
    if (entry.method !== 0 && entry.method !== 8) this.fail(`uses zip compression method ${entry.method}, which Word does not write; open and save it in Word`);
    // Declared sizes first: nothing is allocated for an entry that announces itself as too big.
    if (this.inflatedTotal + entry.size > MAX_TOTAL_INFLATED) {
      this.fail(`is too large to read safely (${entry.name} expands to ${MB(entry.size)}; the limit is ${MB(MAX_TOTAL_INFLATED)} in all)`);
    }
    if (entry.size > RATIO_GRACE && entry.size > entry.compressedSize * MAX_RATIO) {
      this.fail(`looks like a zip bomb (${entry.name} expands ${Math.round(entry.size / Math.max(entry.compressedSize, 1))}:1); refusing to read it`);
    }
    const stored = this.stored(entry);
    let data: Uint8Array;
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.size) this.fail(`is a damaged zip package (${entry.name}: stored sizes disagree)`);
      data = stored;
    } else {
      data = this.inflate(entry, stored);
    }
    if (crc32(data) !== entry.crc) this.fail(`is a damaged zip package (${entry.name} fails its checksum)`);
    this.inflatedTotal += data.length;
    return data;
  }

  /** Inflates in small steps, stopping the moment the output passes the declared size. */
  private inflate(entry: ZipEntry, stored: Uint8Array): Uint8Array {
    const out = new Uint8Array(entry.size);
    let filled = 0;
    let overflow = false;
    let finished = false;
    const inflater = new Inflate((chunk, final) => {
      if (filled + chunk.length > out.length) {
        overflow = true;
        return;
      }
      out.set(chunk, filled);
      filled += chunk.length;
      if (final) finished = true;
    });
    try {
      for (let at = 0; at < stored.length && !overflow; at += INFLATE_CHUNK) {
        const end = Math.min(at + INFLATE_CHUNK, stored.length);
        inflater.push(stored.subarray(at, end), end === stored.length);
      }
      if (stored.length === 0) finished = entry.size === 0;
    } catch (e) {
      this.fail(`is a damaged zip package (${entry.name}: ${(e as Error).message || 'invalid deflate data'})`);
    }
    if (overflow) this.fail(`looks like a zip bomb (${entry.name} expands past the ${MB(entry.size)} its directory declares); refusing to read it`);
    if (!finished || filled !== entry.size) this.fail(`is a damaged zip package (${entry.name} is shorter than declared)`);
    return out;
  }

  /** An entry decoded as text (XML parts). UTF-16 is recognised by its byte-order mark. */
  text(name: string): string {
    return decodeXmlBytes(this.read(name));
  }
}

/** Decodes an XML part: UTF-8 unless a byte-order mark says UTF-16. */
export function decodeXmlBytes(data: Uint8Array): string {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data.subarray(2));
  return new TextDecoder('utf-8').decode(data).replace(/^\uFEFF/, '');
}

export function openZip(filePath: string, bytes: Uint8Array): ZipArchive {
  return new ZipArchive(filePath, bytes);
}
