// The Open Packaging Conventions layer of a .docx: which zip entry is the main
// document (follow _rels/.rels, never assume word/document.xml), and which
// parts it links to (styles, notes, comments, headers) by relationship type.
import { ReadError } from '../errors.js';
import { DC_NS, PKG_RELS_NS, plainAttr, walkXml } from './xml.js';
import type { ZipArchive } from './zip.js';

export interface Relationship {
  id: string;
  /** The last path segment of the type URI ("styles", "footnotes"): the same in transitional and strict files. */
  type: string;
  /** Zip entry name of the target, resolved against the source part. */
  target: string;
  external: boolean;
}

/** "word/_rels/document.xml.rels" for "word/document.xml". */
export function relsPathOf(partName: string): string {
  const slash = partName.lastIndexOf('/');
  return `${partName.slice(0, slash + 1)}_rels/${partName.slice(slash + 1)}.rels`;
}

/** Resolves a relationship target (relative, or absolute from the package root) to a zip entry name. */
export function resolveTarget(sourcePart: string, target: string): string {
  const base = target.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1);
  for (const seg of target.replace(/^\/+/, '').split('/')) {
    if (seg === '..') base.pop();
    else if (seg !== '.' && seg !== '') base.push(seg);
  }
  let name = base.join('/');
  try {
    name = decodeURIComponent(name);
  } catch {
    // A stray "%" is a literal character in the name.
  }
  return name;
}

/** Relationships of a part (empty when the part has none). `sourcePart` is '' for the package itself. */
export function readRelationships(zip: ZipArchive, sourcePart: string): Relationship[] {
  const relsName = sourcePart === '' ? '_rels/.rels' : relsPathOf(sourcePart);
  if (!zip.has(relsName)) return [];
  const rels: Relationship[] = [];
  walkXml(zip.filePath, relsName, zip.text(relsName), {
    open(tag) {
      if (tag.local !== 'Relationship' || (tag.uri !== PKG_RELS_NS && tag.uri !== '')) return;
      const id = plainAttr(tag, 'Id') ?? '';
      const type = plainAttr(tag, 'Type') ?? '';
      const target = plainAttr(tag, 'Target') ?? '';
      const external = plainAttr(tag, 'TargetMode') === 'External';
      rels.push({ id, type: type.slice(type.lastIndexOf('/') + 1), target: external ? target : resolveTarget(sourcePart, target), external });
    },
    close() {},
  });
  return rels;
}

/** The main document part: the package's officeDocument relationship, else word/document.xml. */
export function mainPartName(zip: ZipArchive, packageRels = readRelationships(zip, '')): string {
  const rel = packageRels.find((r) => r.type === 'officeDocument' && !r.external);
  if (rel && zip.has(rel.target)) return zip.entry(rel.target)!.name;
  if (zip.has('word/document.xml')) return zip.entry('word/document.xml')!.name;
  if (rel) throw new ReadError(zip.filePath, `has no main document part (its package points to ${rel.target}, which is missing)`);
  throw new ReadError(zip.filePath, 'has no main document part (word/document.xml); it is not a Word document');
}

/** dc:title from the core properties part, if the package has one that parses. */
export function coreTitle(zip: ZipArchive, packageRels = readRelationships(zip, '')): string | undefined {
  const rel = packageRels.find((r) => r.type === 'core-properties' || r.type === 'metadata/core-properties');
  const name = rel && zip.has(rel.target) ? rel.target : zip.has('docProps/core.xml') ? 'docProps/core.xml' : undefined;
  if (!name) return undefined;
  let title = '';
  let inTitle = false;
  try {
    walkXml(zip.filePath, name, zip.text(name), {
      open(tag) {
        inTitle = tag.local === 'title' && tag.uri === DC_NS;
      },
      close() {
        inTitle = false;
      },
      text(t) {
        if (inTitle) title += t;
      },
    });
  } catch (e) {
    // The title is a nicety: a broken properties part must not stop the lint.
    if (!(e instanceof ReadError)) throw e;
    return undefined;
  }
  const clean = title.replace(/\s+/g, ' ').trim();
  return clean === '' ? undefined : clean;
}
