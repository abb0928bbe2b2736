// Writes the benchmark's corpora under bench/corpus/ (git-ignored). Each is
// generated from a fixed seed, so every run and every machine lints the same
// bytes; a manifest records what was generated, and a corpus whose manifest
// matches is reused rather than written again.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRng } from './prng.js';
import { policyDocument } from './policy-text.js';
import { textLength, toDocx, toMarkdown } from './render.js';
import { log } from './measure.js';

/** Bump when the generators change, so stale corpora are rewritten. */
const GENERATOR_VERSION = 3;

function cached(dir, params, build) {
  const manifestFile = join(dir, 'manifest.json');
  const want = JSON.stringify({ generator: GENERATOR_VERSION, ...params });
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    if (JSON.stringify({ generator: manifest.generator, ...manifest.params }) === want) return manifest.info;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return Promise.resolve(build()).then((info) => {
    const { generator, ...rest } = JSON.parse(want);
    writeFileSync(manifestFile, JSON.stringify({ generator, params: rest, info }, null, 2));
    return info;
  });
}

/** `count` Markdown files totalling about `totalBytes`, sizes varying 0.4–1.6× the mean. */
export function markdownTexts(seed, count, totalBytes) {
  const rng = createRng(seed);
  const mean = totalBytes / count;
  const texts = [];
  for (let i = 0; i < count; i++) texts.push(toMarkdown(policyDocument(rng, Math.round(mean * (0.4 + 1.2 * rng.next()) * 0.97)), rng));
  return texts;
}

/** One Markdown document of about `bytes` (for cost growth and the editor). */
export function markdownDocument(seed, bytes) {
  const rng = createRng(seed);
  return toMarkdown(policyDocument(rng, Math.round(bytes * 0.97)), rng);
}

export async function markdownCorpus(dir, { seed, count, totalBytes }) {
  const info = await cached(dir, { seed, count, totalBytes }, () => {
    log(`generating ${count} Markdown files (~${(totalBytes / 1e6).toFixed(1)} MB) in ${dir}`);
    const texts = markdownTexts(seed, count, totalBytes);
    let bytes = 0;
    texts.forEach((t, i) => {
      writeFileSync(join(dir, `policy-${String(i).padStart(4, '0')}.md`), t);
      bytes += Buffer.byteLength(t);
    });
    return { files: texts.map((_, i) => `policy-${String(i).padStart(4, '0')}.md`), bytes };
  });
  return { files: info.files.map((f) => join(dir, f)), bytes: info.bytes };
}

/** A long Word document of `pages` pages at ~3,000 characters of text a page, with headings, lists and tables. */
export async function wordDocument(dir, { seed, pages }) {
  const name = `policy-${pages}-pages.docx`;
  const info = await cached(dir, { seed, pages, name }, async () => {
    log(`generating a ${pages}-page .docx in ${dir}`);
    const rng = createRng(seed);
    const blocks = [];
    const target = pages * 3000;
    let chars = 0;
    while (chars < target) {
      const doc = policyDocument(rng, Math.min(60_000, target - chars + 2000));
      blocks.push(...doc);
      chars += textLength(doc);
    }
    const bytes = await toDocx(blocks);
    writeFileSync(join(dir, name), bytes);
    return { file: name, bytes: bytes.length, textChars: chars, paragraphs: blocks.length };
  });
  return { ...info, file: join(dir, info.file) };
}

/**
 * A long PDF: the generated Word document of `docxPages` pages printed to PDF by LibreOffice (soffice, installed
 * by .ci/run), as counties publish their Word protocols. Its page count is what LibreOffice lays out.
 */
export async function pdfDocument(dir, { seed, docxPages }) {
  const name = `policy-${docxPages}-docx-pages.pdf`;
  const info = await cached(dir, { seed, docxPages, name }, async () => {
    const docx = await wordDocument(join(dir, 'docx'), { seed, pages: docxPages });
    log(`printing ${docx.file} to PDF with LibreOffice`);
    const profile = pathToFileURL(join(dir, 'soffice-profile')).href;
    const run = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, docx.file], { encoding: 'utf8', timeout: 600_000 });
    const pdf = join(dir, name);
    const made = join(dir, docx.file.split('/').pop().replace(/\.docx$/, '.pdf'));
    if (run.status !== 0 || !existsSync(made)) throw new Error(`LibreOffice could not print ${docx.file} to PDF (is soffice installed?): ${run.error?.message ?? ''}${run.stderr ?? ''}`);
    writeFileSync(pdf, readFileSync(made));
    rmSync(made);
    return { file: name, bytes: statSync(pdf).size, textChars: docx.textChars };
  });
  return { ...info, file: join(dir, info.file) };
}

/** The batch: `markdown` .md files and `word` .docx files of ordinary policy length, interleaved. */
export async function batchCorpus(dir, { seed, markdown, word }) {
  const info = await cached(dir, { seed, markdown, word }, async () => {
    log(`generating ${markdown} Markdown and ${word} Word files in ${dir}`);
    const rng = createRng(seed);
    const files = [];
    let bytes = 0;
    const total = markdown + word;
    for (let i = 0; i < total; i++) {
      // Every fifth file (for 800 + 200) is a Word document.
      const isWord = Math.floor(((i + 1) * word) / total) > Math.floor((i * word) / total);
      const blocks = policyDocument(rng, 8000 + rng.int(0, 34_000));
      const name = `doc-${String(i).padStart(4, '0')}.${isWord ? 'docx' : 'md'}`;
      const data = isWord ? await toDocx(blocks) : toMarkdown(blocks, rng);
      writeFileSync(join(dir, name), data);
      bytes += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
      files.push(name);
    }
    return { files, bytes };
  });
  return { files: info.files.map((f) => join(dir, f)), bytes: info.bytes };
}

/**
 * The real documents of `sourceDirs` (Markdown), copied as many times as it takes to reach `minBytes`. Built at
 * bench time under bench/corpus/ (git-ignored): the texts belong to their publishers and are never committed.
 * Returns undefined when no source document is found.
 */
export function realCorpus(dir, sourceFiles, minBytes) {
  if (sourceFiles.length === 0) return undefined;
  const texts = sourceFiles.map((f) => readFileSync(f));
  const once = texts.reduce((n, t) => n + t.length, 0);
  const copies = Math.ceil(minBytes / once);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = [];
  for (let c = 0; c < copies; c++) {
    texts.forEach((t, i) => {
      const file = join(dir, `copy${String(c).padStart(3, '0')}-doc${String(i).padStart(2, '0')}.md`);
      writeFileSync(file, t);
      files.push(file);
    });
  }
  return { files, bytes: once * copies, documents: sourceFiles.length, copies };
}

/** One paragraph holding `findings` term findings (one a sentence). */
export function findingsParagraph(findings) {
  return `# Findings\n\n${'The CSEC youth are served. '.repeat(findings).trimEnd()}\n`;
}

/** A Markdown table of `rows` × `cells`, each cell one term finding. */
export function findingsTable(rows, cells) {
  const line = (cell) => `|${` ${cell} |`.repeat(cells)}\n`;
  return `# Table\n\n${line('Column')}${line('---')}${line('CSEC youth').repeat(rows)}`;
}
