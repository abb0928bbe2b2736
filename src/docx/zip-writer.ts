// Writes a changed copy of a zip package. Entries that did not change are
// copied as their stored (compressed) bytes, untouched, so images, embedded
// objects and every part policylint did not edit come out byte for byte as
// they went in; only the parts that changed are deflated again.
import { deflateSync } from 'fflate';
import { crc32, type ZipArchive, type ZipEntry } from './zip.js';

export interface NewEntry {
  name: string;
  data: Uint8Array;
}

/** An entry as written: the central directory's fields of a read entry, at its offset in the new file. */
type Written = Omit<ZipEntry, 'name' | 'localOffset'> & { offset: number };

function dosDateTime(date: Date): { dosTime: number; dosDate: number } {
  const year = Math.max(1980, date.getFullYear());
  return {
    dosTime: (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1),
    dosDate: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

class ByteSink {
  private chunks: Uint8Array[] = [];
  length = 0;
  push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.length += bytes.length;
  }
  concat(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

function localHeader(e: Written): Uint8Array {
  const h = new Uint8Array(30 + e.rawName.length);
  const v = new DataView(h.buffer);
  v.setUint32(0, 0x04034b50, true);
  v.setUint16(4, 20, true);
  v.setUint16(6, e.flags, true);
  v.setUint16(8, e.method, true);
  v.setUint16(10, e.dosTime, true);
  v.setUint16(12, e.dosDate, true);
  v.setUint32(14, e.crc, true);
  v.setUint32(18, e.compressedSize, true);
  v.setUint32(22, e.size, true);
  v.setUint16(26, e.rawName.length, true);
  v.setUint16(28, 0, true);
  h.set(e.rawName, 30);
  return h;
}

function centralHeader(e: Written): Uint8Array {
  const h = new Uint8Array(46 + e.rawName.length);
  const v = new DataView(h.buffer);
  v.setUint32(0, 0x02014b50, true);
  v.setUint16(4, e.versionMadeBy, true);
  v.setUint16(6, 20, true);
  v.setUint16(8, e.flags, true);
  v.setUint16(10, e.method, true);
  v.setUint16(12, e.dosTime, true);
  v.setUint16(14, e.dosDate, true);
  v.setUint32(16, e.crc, true);
  v.setUint32(20, e.compressedSize, true);
  v.setUint32(24, e.size, true);
  v.setUint16(28, e.rawName.length, true);
  v.setUint32(38, e.externalAttrs, true);
  v.setUint32(42, e.offset, true);
  h.set(e.rawName, 46);
  return h;
}

/**
 * The package again, with `replaced` parts (by entry name) written anew and
 * `added` parts appended. Everything else is copied as stored.
 */
export function rewriteZip(zip: ZipArchive, replaced: Map<string, Uint8Array>, added: NewEntry[], date: Date): Uint8Array {
  const sink = new ByteSink();
  const written: Written[] = [];
  const encoder = new TextEncoder();
  const put = (w: Omit<Written, 'offset'>, data: Uint8Array) => {
    const entry = { ...w, offset: sink.length };
    if (entry.offset > 0xffffffff || data.length > 0xffffffff) throw new Error('the redlined package would need ZIP64, which policylint does not write');
    sink.push(localHeader(entry));
    sink.push(data);
    written.push(entry);
  };
  const fresh = (data: Uint8Array) => {
    const stored = deflateSync(data, { level: 6 });
    return { crc: crc32(data), size: data.length, compressedSize: stored.length, stored };
  };
  const replacedEntries = new Map<ZipEntry, Uint8Array>();
  for (const [name, data] of replaced) {
    const e = zip.entry(name);
    if (!e) throw new Error(`cannot replace ${name}: the package has no such part`);
    replacedEntries.set(e, data);
  }
  for (const e of zip.entries) {
    // Sizes and checksum live in the header we write, so no data descriptor follows (bit 3 off).
    const base = { rawName: e.rawName, flags: e.flags & ~0x8, dosTime: e.dosTime, dosDate: e.dosDate, externalAttrs: e.externalAttrs, versionMadeBy: e.versionMadeBy };
    const data = replacedEntries.get(e);
    if (data) {
      const f = fresh(data);
      put({ ...base, flags: base.flags & ~0x6, method: 8, crc: f.crc, compressedSize: f.compressedSize, size: f.size }, f.stored);
    } else {
      put({ ...base, method: e.method, crc: e.crc, compressedSize: e.compressedSize, size: e.size }, zip.stored(e));
    }
  }
  const { dosTime, dosDate } = dosDateTime(date);
  for (const a of added) {
    const f = fresh(a.data);
    put({ rawName: encoder.encode(a.name), flags: 0x800, method: 8, dosTime, dosDate, crc: f.crc, compressedSize: f.compressedSize, size: f.size, externalAttrs: 0, versionMadeBy: 20 }, f.stored);
  }
  if (written.length > 0xffff) throw new Error('the redlined package would need ZIP64, which policylint does not write');
  const cdStart = sink.length;
  for (const w of written) sink.push(centralHeader(w));
  const end = new Uint8Array(22);
  const v = new DataView(end.buffer);
  v.setUint32(0, 0x06054b50, true);
  v.setUint16(8, written.length, true);
  v.setUint16(10, written.length, true);
  v.setUint32(12, sink.length - cdStart, true);
  v.setUint32(16, cdStart, true);
  sink.push(end);
  return sink.concat();
}
