// The positioned text of every page of a PDF, through pdfjs-dist. Runs in the
// PDF worker thread (pdf-worker.ts), which bounds its time and memory: pdfjs
// parses the whole file in the thread it runs in, and a hostile file must not
// stall or exhaust the process that lints the others.
//
// Only what the layout needs crosses back: each text run's words, baseline
// position, width, font size and font, and each font's name and weight.

/** One text run as pdfjs reports it, in PDF points from the page's bottom-left corner. */
export interface PdfRun {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
  /** Index into `PdfText.fonts`. */
  font: number;
}

export interface PdfPageText {
  width: number;
  height: number;
  runs: PdfRun[];
}

export interface PdfFont {
  name: string;
  bold: boolean;
}

export interface PdfText {
  pages: PdfPageText[];
  fonts: PdfFont[];
  /** The Title of the document information dictionary, if any. */
  title?: string;
}

export interface PdfLimits {
  /** More pages than this is refused before any page is read (a PDF bomb declares millions). */
  maxPages: number;
  /** More characters of text than this is refused (~1,000 pages of dense print per 3 million). */
  maxChars: number;
}

/** Why a file could not be read, as one line for the analyst; the host adds the file name. */
export class PdfProblem extends Error {}

type TextItem = import('pdfjs-dist/types/src/display/api.js').TextItem;

/** What pdf.js needs of a DOMMatrix to load; drawing would need the rest. */
class UnusedMatrix {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;
  constructor(init?: number[]) {
    if (init) [this.a, this.b, this.c, this.d, this.e, this.f] = init;
  }
}

const BOLD_NAME = /bold|black|heavy|semibold|demi/i;

export async function extractPdfText(bytes: Uint8Array, limits: PdfLimits): Promise<PdfText> {
  // The legacy build is the one that runs on Node 20 (the modern build needs newer built-ins). Its worker module
  // is loaded first: pdf.js then runs it in this thread as it finds it (globalThis.pdfjsWorker) instead of
  // importing it by path, which a bundle (the VS Code extension's server) would not have.
  // pdf.js also builds a DOMMatrix as it loads, for drawing pages, which policylint never does. Node has none, and
  // pdf.js's own stand-in comes from the optional @napi-rs/canvas package (not in the VS Code extension's bundle).
  if (!('DOMMatrix' in globalThis)) Object.assign(globalThis, { DOMMatrix: UnusedMatrix });
  await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: bytes,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    fontExtraProperties: true,
    verbosity: 0,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (e) {
    throw new PdfProblem(openProblem(e));
  }
  try {
    if (doc.numPages > limits.maxPages) {
      throw new PdfProblem(`has ${doc.numPages.toLocaleString('en-US')} pages; policylint reads at most ${limits.maxPages.toLocaleString('en-US')} (a damaged file or a PDF bomb?)`);
    }
    const fonts: PdfFont[] = [];
    const fontIndex = new Map<string, number>();
    const pages: PdfPageText[] = [];
    let chars = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [, , width, height] = page.view;
      const content = await page.getTextContent();
      const items = content.items.filter((i): i is TextItem => 'str' in i && i.str.trim() !== '');
      // Font names (and so weights) are known only once pdfjs has built the page's drawing operators:
      // asked for only on pages that use a font not seen before (usually the first page or two).
      const unseen = [...new Set(items.map((i) => i.fontName))].filter((f) => !fontIndex.has(f));
      if (unseen.length > 0) {
        await page.getOperatorList();
        for (const id of unseen) {
          const font = fontData(page.commonObjs, id);
          fontIndex.set(id, fonts.length);
          fonts.push({ name: font.name, bold: font.bold || BOLD_NAME.test(font.name.replace(/^[A-Z]{6}\+/, '')) });
        }
      }
      const runs: PdfRun[] = [];
      for (const item of items) {
        const [a, b, c, d, x, y] = item.transform;
        chars += item.str.length;
        runs.push({ text: item.str, x, y, width: item.width, size: Math.hypot(c, d) || Math.hypot(a, b), font: fontIndex.get(item.fontName)! });
      }
      if (chars > limits.maxChars) {
        throw new PdfProblem(`has more than ${limits.maxChars.toLocaleString('en-US')} characters of text; policylint reads at most that much`);
      }
      pages.push({ width: Math.abs(width), height: Math.abs(height), runs });
      page.cleanup();
    }
    const info = (await doc.getMetadata().catch(() => undefined))?.info as { Title?: unknown } | undefined;
    const title = typeof info?.Title === 'string' && info.Title.trim() !== '' ? info.Title.trim() : undefined;
    return { pages, fonts, title };
  } finally {
    await doc.destroy();
  }
}

function fontData(objs: { has(id: string): boolean; get(id: string): unknown }, id: string): { name: string; bold: boolean } {
  const font = objs.has(id) ? (objs.get(id) as { name?: unknown; bold?: unknown; black?: unknown } | null) : null;
  return { name: typeof font?.name === 'string' ? font.name : '', bold: font?.bold === true || font?.black === true };
}

/** pdfjs's reasons for not opening a file, in the analyst's words. */
function openProblem(e: unknown): string {
  const name = (e as { name?: string })?.name;
  const message = String((e as Error)?.message ?? e);
  if (name === 'PasswordException') return 'is password-protected; policylint cannot read encrypted PDFs (save a copy without a password and lint that)';
  if (name === 'InvalidPDFException') return `is not a PDF or is damaged beyond repair (${message})`;
  if (e instanceof RangeError) return `is damaged or built to exhaust a reader (${message})`;
  return `could not be opened as a PDF (${message})`;
}
