// PDF → PolicyDocument, read-only. pdf.js extracts each page's positioned text
// in a worker thread with time and memory limits (pdf-thread.ts); the lines are
// laid out here into blocks (pdf-lines.ts, pdf-order.ts, pdf-blocks.ts).
//
// Locations: a finding's `page`, then the line and column in the text extracted
// from that page (one line per line of print, running headers and footers left
// out). See docs/pdf.md.
import { ReadError } from '../errors.js';
import type { PolicyDocument } from '../model.js';
import { layOut } from './pdf-blocks.js';
import { extractInThread, PDF_LIMITS, type PdfThreadLimits } from './pdf-thread.js';
import { finishDocument } from './structure.js';

const PDF_MAGIC = '%PDF-';

export async function readPdf(filePath: string, bytes: Uint8Array, limits: PdfThreadLimits = PDF_LIMITS): Promise<PolicyDocument> {
  // pdf.js looks for the header in the first 1,024 bytes, as Acrobat does.
  if (!Buffer.from(bytes.subarray(0, 1024)).toString('latin1').includes(PDF_MAGIC)) {
    throw new ReadError(filePath, bytes.length === 0 ? 'is empty, not a PDF' : 'is not a PDF file (it has no %PDF- header)');
  }
  const pdf = await extractInThread(filePath, bytes, limits);
  const layout = layOut(pdf);
  if (layout.chars === 0) {
    const pages = pdf.pages.length === 1 ? 'its page has' : `its ${pdf.pages.length} pages have`;
    throw new ReadError(filePath, `has no text layer (${pages} no text, as scanned pages do); run OCR on it first (e.g. ocrmypdf) and lint the result`);
  }
  const headings = layout.blocks.filter((b) => b.kind === 'heading');
  const first = headings.find((b) => b.level === 1) ?? headings[0];
  return finishDocument({
    filePath,
    format: 'pdf',
    title: first ? first.text.replace(/\s+/g, ' ').trim() : pdf.title,
    blocks: layout.blocks,
    source: layout.source,
    directives: [],
  });
}
