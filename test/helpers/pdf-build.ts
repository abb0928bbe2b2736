// Builds small PDFs by hand for the reader's tests: pages of text placed at
// given positions in Helvetica (a standard font, so no font file is needed),
// and the broken, hostile and odd files a reader must refuse cleanly.

export interface PlacedText {
  text: string;
  x: number;
  /** Baseline, in points from the bottom of a US Letter page (792 high). */
  y: number;
  size?: number;
  bold?: boolean;
}

export interface PdfOptions {
  /** Extra entries for the trailer, e.g. an /Encrypt reference. */
  trailer?: string;
  /** Extra objects, numbered after the built ones: [body] each. */
  extraObjects?: string[];
  /** Lists the pages this many times over in the page tree (a page-count bomb). */
  repeatPages?: number;
  /** Page content streams given as they are (for pages drawn without text). */
  rawContents?: string[];
  /** Page content streams given compressed (FlateDecode), as bytes. */
  flateContents?: Uint8Array[];
}

// Helvetica's WinAnsiEncoding has the bullet at 0x95.
const escape = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`).replace(/•/g, '\x95');

/** A PDF whose pages draw the given texts, in the given order. */
export function buildPdf(pages: PlacedText[][], options: PdfOptions = {}): Uint8Array {
  const contents = options.flateContents?.map((z) => Buffer.from(z).toString('latin1')) ?? options.rawContents ?? pages.map((texts) => texts.map((t) => `BT /${t.bold ? 'F2' : 'F1'} ${t.size ?? 11} Tf ${t.x} ${t.y} Td (${escape(t.text)}) Tj ET`).join('\n'));
  const objects: string[] = [];
  // 1 catalog, 2 page tree, 3 and 4 fonts, then a page and its content per page.
  const pageIds = contents.map((_, i) => 5 + i * 2);
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  const kids = Array.from({ length: options.repeatPages ?? 1 }, () => pageIds.map((id) => `${id} 0 R`).join(' ')).join(' ');
  objects.push(`<< /Type /Pages /Kids [${kids}] /Count ${contents.length * (options.repeatPages ?? 1)} >>`);
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  contents.forEach((content, i) => {
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageIds[i] + 1} 0 R >>`);
    const filter = options.flateContents ? ' /Filter /FlateDecode' : '';
    objects.push(`<< /Length ${Buffer.byteLength(content, 'latin1')}${filter} >>\nstream\n${content}\nendstream`);
  });
  objects.push(...(options.extraObjects ?? []));
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${options.trailer ?? ''} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

/** Lines of text set from the top of the page down, `pitch` points apart. */
export function column(lines: string[], x: number, top = 740, pitch = 14, size = 11): PlacedText[] {
  return lines.map((text, i) => ({ text, x, y: top - i * pitch, size }));
}

/** The number of the first object `buildPdf` adds after its own, for pages counted as given. */
export function firstExtraObject(pageCount: number): number {
  return 5 + pageCount * 2;
}
