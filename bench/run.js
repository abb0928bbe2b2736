#!/usr/bin/env node
// policylint's benchmark (`npm run bench`): generates its own corpora, measures
// each figure of docs/performance.md side by side with what it is compared to,
// prints every figure next to its target, and writes bench/results.json.
//
//   node bench/run.js [--only=throughput,realText,findings,alternatives,growth,word,pdf,batch,cache,editor] [--runs=N]
//
// It imports the compiled code from ../dist/ (npm run bench builds first).
// Progress goes to stderr; the results table to stdout.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { batchCorpus, findingsParagraph, findingsTable, markdownCorpus, markdownDocument, pdfDocument, realCorpus, wordDocument } from './lib/corpora.js';
import { editorLatency } from './lib/lsp.js';
import { log, median, percentile, RSS_METHOD, RSS_METHOD_TEXT, runMeasured, runMedian, timeRuns } from './lib/measure.js';
import { prhYaml } from './lib/prh.js';
import { createRng } from './lib/prng.js';

const BENCH = dirname(fileURLToPath(import.meta.url));
const REPO = join(BENCH, '..');
const CORPUS = join(BENCH, 'corpus');
const BIN = (name) => join(REPO, 'node_modules', '.bin', name);
const POLICYLINT = join(REPO, 'bin', 'policylint.js');
const LSP = join(REPO, 'bin', 'policylint-lsp.js');

const args = Object.fromEntries(process.argv.slice(2).map((a) => {
  const m = /^--([\w-]+)(?:=(.*))?$/.exec(a);
  if (!m) throw new Error(`unknown argument ${a}`);
  return [m[1], m[2] ?? 'true'];
}));
const SECTIONS = ['throughput', 'realText', 'findings', 'alternatives', 'growth', 'word', 'pdf', 'batch', 'cache', 'editor'];
const only = new Set(args.only ? args.only.split(',') : SECTIONS);
for (const s of only) if (!SECTIONS.includes(s)) throw new Error(`unknown section ${s}; choose from ${SECTIONS.join(', ')}`);
const RUNS = Number(args.runs ?? 3);

const MB = 1e6;
// A full collection before each in-process timing, so one run's garbage is not billed to the next.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc');
const rows = [];
const results = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, availableParallelism: availableParallelism(), cpuModel: cpus()[0]?.model, memoryGb: +(totalmem() / 2 ** 30).toFixed(1), node: process.version },
  rssMethod: RSS_METHOD_TEXT,
  runs: RUNS,
  sections: {},
  table: rows,
};

/** One line of the final table. `met` is undefined for figures printed for information. */
function row(figure, measured, target, met) {
  rows.push({ figure, measured, target, met });
}
const fmt = (n, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : String(n));
const mbps = (bytes, ms) => bytes / MB / (ms / 1000);

async function importDist(path) {
  return import(new URL(`../dist/${path}`, import.meta.url).href);
}

/** The engine's lint calls, as the figures below make them (the settings as the last argument). */
async function engineCalls() {
  const { Engine } = await importDist('engine.js');
  const engine = new Engine();
  return {
    lintText: (file, text, overrides) => engine.lintText(file, text, { overrides }),
    lintFile: (file, overrides) => engine.lintFile(file, { overrides }),
    reload: () => engine.reload(),
  };
}

// ------------------------------------------------------------------ corpora

const MARKDOWN = { seed: 20240601, count: 200, totalBytes: 5_000_000 };
async function markdown() {
  return markdownCorpus(join(CORPUS, 'markdown'), MARKDOWN);
}

// --------------------------------------------------- 1. throughput and RSS

function cliSupportsThreads() {
  const help = spawnSync(process.execPath, [POLICYLINT, '--help'], { encoding: 'utf8' });
  return /--threads\b/.test(help.stdout ?? '');
}

/** The prh.yml and .textlintrc for textlint with the same substitutions as policylint's term entries. */
async function textlintConfig() {
  const { loadPack } = await importDist('rules/pack.js');
  const { builtinPackFiles } = await importDist('rules/ruleset.js');
  const terms = builtinPackFiles().map(loadPack).flatMap((p) => p.terms ?? []);
  const textlintDir = join(CORPUS, 'textlint');
  mkdirSync(textlintDir, { recursive: true });
  const prh = prhYaml(terms);
  writeFileSync(join(textlintDir, 'prh.yml'), prh.yaml);
  const rc = join(textlintDir, '.textlintrc.json');
  writeFileSync(rc, JSON.stringify({ rules: { prh: { rulePaths: [join(textlintDir, 'prh.yml')] } } }, null, 2));
  return { rc, count: prh.count, terms: terms.length };
}

/**
 * policylint (stylish and json formatters) against textlint + prh (and alex when asked) on one corpus, interleaved so
 * that a noisy moment hits every tool alike. Adds the table rows under `label`; returns the figures.
 */
async function sideBySide(label, corpus, { alex = false } = {}) {
  const textlint = await textlintConfig();
  log(`  corpus: ${corpus.files.length} files, ${fmt(corpus.bytes / MB)} MB; prh.yml: ${textlint.count} rules from ${textlint.terms} term entries`);
  const ok = { okCodes: [0, 1], cwd: REPO };
  const threaded = cliSupportsThreads();
  const policylint = (format) => [POLICYLINT, '--no-config-lookup', ...(threaded ? ['--threads', '1'] : []), '--format', format, ...corpus.files];
  const runs = { stylish: [], json: [], textlint: [], ...(alex ? { alex: [] } : {}) };
  const alexRuns = Math.max(2, Math.min(RUNS, 2));
  for (let r = 0; r < RUNS; r++) {
    runs.stylish.push(await runMedian('policylint (stylish)', process.execPath, policylint('stylish'), 1, ok));
    runs.json.push(await runMedian('policylint --format json', process.execPath, policylint('json'), 1, ok));
    runs.textlint.push(await runMedian('textlint + prh', process.execPath, [BIN('textlint'), '--config', textlint.rc, ...corpus.files], 1, ok));
    if (alex && r < alexRuns) runs.alex.push(await runMedian('alex', process.execPath, [BIN('alex'), ...corpus.files], 1, ok));
  }
  const tools = {};
  for (const [name, list] of Object.entries(runs)) {
    const wallMs = median(list.map((x) => x.wallMs));
    const peakRssMb = median(list.map((x) => x.peakRssMb));
    tools[name] = { wallMs: Math.round(wallMs), mbPerS: +fmt(mbps(corpus.bytes, wallMs), 3), peakRssMb: Math.round(peakRssMb), runs: list.flatMap((x) => x.runs) };
  }
  const t = tools.textlint;
  row(`${label}: textlint + prh MB/s`, `${fmt(t.mbPerS, 3)} MB/s (${fmt(t.wallMs / 1000, 1)} s, ${t.peakRssMb} MB)`, 'info', undefined);
  for (const format of ['stylish', 'json']) {
    const p = tools[format];
    row(`${label}: policylint --format ${format} MB/s`, `${fmt(p.mbPerS)} MB/s (${fmt(p.wallMs / 1000)} s)`, 'info', undefined);
    row(`${label}: ${format} throughput vs textlint + prh`, `${fmt(p.mbPerS / t.mbPerS, 1)}×`, '≥ 10×', p.mbPerS / t.mbPerS >= 10);
    row(`${label}: ${format} peak RSS vs textlint + prh`, `${p.peakRssMb} MB vs ${t.peakRssMb} MB`, 'lower', p.peakRssMb < t.peakRssMb);
  }
  if (alex) {
    const p = tools.stylish;
    row(`${label}: alex MB/s`, `${fmt(tools.alex.mbPerS, 3)} MB/s (${fmt(tools.alex.wallMs / 1000, 1)} s)`, 'info', undefined);
    row(`${label}: stylish throughput vs alex`, `${fmt(p.mbPerS / tools.alex.mbPerS, 1)}×`, '≥ 30×', p.mbPerS / tools.alex.mbPerS >= 30);
    row(`${label}: stylish peak RSS vs alex`, `${p.peakRssMb} MB vs ${tools.alex.peakRssMb} MB`, 'lower', p.peakRssMb < tools.alex.peakRssMb);
  }
  return { corpus: { files: corpus.files.length, bytes: corpus.bytes }, prhRules: textlint.count, tools, cliThreadsOption: threaded };
}

async function throughput() {
  log('\n[1] Markdown throughput and peak RSS: policylint (stylish, json) vs textlint + textlint-rule-prh vs alex (CLIs)');
  const corpus = await markdown();
  results.sections.throughput = await sideBySide(`generated ${fmt(corpus.bytes / MB, 1)} MB`, corpus, { alex: true });
}

// ------------------------------------- 1a. real documents, replicated

const REAL_DEV = join(REPO, '..', 'shared', 'corpus', 'real-dev');
const REAL_MIN_BYTES = 5_000_000;

async function realText() {
  log(`\n[1a] Real policy text: ${REAL_DEV}/*/docs/*.md replicated to ${fmt(REAL_MIN_BYTES / MB, 0)} MB; policylint (stylish, json) vs textlint + prh`);
  const sources = existsSync(REAL_DEV)
    ? readdirSync(REAL_DEV).flatMap((slice) => {
        const docs = join(REAL_DEV, slice, 'docs');
        return existsSync(docs) ? readdirSync(docs).filter((f) => f.endsWith('.md')).sort().map((f) => join(docs, f)) : [];
      })
    : [];
  const corpus = realCorpus(join(CORPUS, 'real'), sources, REAL_MIN_BYTES);
  if (!corpus) {
    log(`  skipped: no documents under ${REAL_DEV}`);
    row('real text', `skipped (${REAL_DEV} is missing)`, 'info', undefined);
    results.sections.realText = { skipped: `${REAL_DEV} is missing` };
    return;
  }
  log(`  ${corpus.documents} documents × ${corpus.copies} copies`);
  results.sections.realText = await sideBySide(`real ${fmt(corpus.bytes / MB, 1)} MB`, corpus);
  rmSync(join(CORPUS, 'real'), { recursive: true, force: true });
}

// ------------------------------------- 1c. many findings in one block

async function findings() {
  log('\n[1c] Findings in one block: a paragraph with 40,000 and 400,000 findings, a 5,000 × 200-cell table (CLI, --format json)');
  const dir = join(CORPUS, 'findings');
  mkdirSync(dir, { recursive: true });
  const cases = [
    ['paragraph-40k.md', findingsParagraph(40_000)],
    ['paragraph-400k.md', findingsParagraph(400_000)],
    ['table-5000x200.md', findingsTable(5000, 200)],
  ];
  const out = {};
  for (const [name, text] of cases) {
    const file = join(dir, name);
    writeFileSync(file, text);
    const r = await runMedian(name, process.execPath, [POLICYLINT, '--no-config-lookup', '--format', 'json', file], 1, { okCodes: [0, 1], cwd: REPO });
    out[name] = { bytes: Buffer.byteLength(text), wallMs: Math.round(r.wallMs), peakRssMb: Math.round(r.peakRssMb) };
  }
  rmSync(dir, { recursive: true, force: true });
  const small = out['paragraph-40k.md'];
  const large = out['paragraph-400k.md'];
  const table = out['table-5000x200.md'];
  const ratio = large.wallMs / small.wallMs;
  results.sections.findings = { ...out, ratio: +fmt(ratio, 2) };
  row('one paragraph, 40,000 findings', `${fmt(small.wallMs / 1000)} s, ${small.peakRssMb} MB`, 'info', undefined);
  row('one paragraph, 400,000 findings: time ×', `×${fmt(ratio, 1)} (${fmt(large.wallMs / 1000)} s, ${large.peakRssMb} MB)`, '≤ ×15 and < 60 s', ratio <= 15 && large.wallMs < 60_000);
  row('table of 5,000 × 200 cells, one finding each', `${fmt(table.wallMs / 1000)} s, ${table.peakRssMb} MB`, '< 60 s, < 1.5 GB', table.wallMs < 60_000 && table.peakRssMb < 1536);
}

// ------------------------------------- 1b. the design-card libraries, in process

async function alternatives() {
  log('\n[1b] Parsers and NLP libraries on the same Markdown, in process (warm: one pass over 10 files first)');
  const corpus = await markdown();
  const texts = corpus.files.map((f) => readFileSync(f, 'utf8'));
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const { default: MarkdownIt } = await import('markdown-it');
  const { unified } = await import('unified');
  const { default: remarkParse } = await import('remark-parse');
  const { default: remarkGfm } = await import('remark-gfm');
  const { default: retextEnglish } = await import('retext-english');
  const { readMarkdown } = await importDist('readers/markdown.js');
  const { builtinRuleSet } = await importDist('rules/ruleset.js');
  const { lintText } = await engineCalls();
  const md = new MarkdownIt({ html: true });
  const remark = unified().use(remarkParse);
  const remarkWithGfm = unified().use(remarkParse).use(remarkGfm);
  const retext = unified().use(retextEnglish);
  // Prose only, for the NLP libraries (they read text, not Markdown).
  const prose = texts.map((t) => readMarkdown('x.md', t).blocks.map((b) => b.text).join('\n\n'));
  const proseBytes = prose.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const set = builtinRuleSet();
  const blockTexts = texts.map((t) => readMarkdown('x.md', t).blocks.map((b) => b.text));

  const candidates = [
    ['markdown-it parse (what the reader uses)', bytes, () => texts.forEach((t) => md.parse(t, {}))],
    ['remark-parse (unified) parse', bytes, () => texts.forEach((t) => remark.parse(t))],
    ['remark-parse + remark-gfm parse', bytes, () => texts.forEach((t) => remarkWithGfm.runSync(remarkWithGfm.parse(t)))],
    ['policylint readMarkdown (parse + source map)', bytes, () => texts.forEach((t, i) => readMarkdown(`f${i}.md`, t))],
    ['policylint phrase matcher over block texts', proseBytes, () => blockTexts.forEach((blocks) => blocks.forEach((b) => set.matcher.match(b)))],
    ['policylint lintText (whole pipeline)', bytes, () => texts.forEach((t, i) => lintText(`/bench/f${i}.md`, t, { useConfigFiles: false }))],
    ['retext-english parse of the prose', proseBytes, () => prose.forEach((t) => retext.parse(t))],
  ];
  const out = {};
  for (const [name, size, fn] of candidates) {
    collectGarbage();
    const first = performance.now();
    fn.call(null);
    const coldMs = performance.now() - first;
    const times = await timeRuns(fn, 2, 0);
    const ms = median(times);
    out[name] = { bytes: size, coldMbPerS: +fmt(mbps(size, coldMs), 2), mbPerS: +fmt(mbps(size, ms), 2), ms: Math.round(ms) };
    log(`  ${name}: ${fmt(mbps(size, ms))} MB/s warm (${fmt(mbps(size, coldMs))} MB/s first pass)`);
    row(`in process: ${name}`, `${fmt(mbps(size, ms))} MB/s (first pass ${fmt(mbps(size, coldMs))})`, 'info', undefined);
  }
  // compromise: its import alone is slow, so it is timed too.
  const importStart = performance.now();
  const { default: nlp } = await import('compromise');
  const importMs = performance.now() - importStart;
  // At ~0.1 MB/s the whole prose would take a minute: a tenth of the documents is enough for a rate.
  const sample = prose.filter((_, i) => i % 10 === 0);
  const sampleBytes = sample.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const compromiseRun = () => sample.forEach((t) => nlp(t).match('(csec|sex trafficking|labor trafficking|commercially sexually exploited)').json({ offset: true }));
  const cTimes = await timeRuns(compromiseRun, 1, 0);
  out['compromise match over the prose'] = { bytes: sampleBytes, importMs: Math.round(importMs), mbPerS: +fmt(mbps(sampleBytes, median(cTimes)), 2) };
  log(`  compromise (every tenth document): import ${Math.round(importMs)} ms, ${fmt(mbps(sampleBytes, median(cTimes)))} MB/s`);
  row('in process: compromise match over the prose (1/10 of it)', `${fmt(mbps(sampleBytes, median(cTimes)))} MB/s (import ${Math.round(importMs)} ms)`, 'info', undefined);
  // What part-of-speech tagging would cost if the detectors asked compromise only about the sentences that hold a
  // candidate term (the only sentences a grammatical detector reads), against the whole lint of the same documents.
  const { sentences } = await importDist('rules/sentences.js');
  const candidateSentences = blockTexts.flatMap((blocks) =>
    blocks.flatMap((b) => {
      const hits = set.matcher.match(b).filter((h) => h.owner.kind === 'term');
      if (hits.length === 0) return [];
      const spans = sentences(b);
      return [...new Set(hits.map((h) => spans.find(([start, end]) => h.start >= start && h.start < end)).filter(Boolean))].map(([start, end]) => b.slice(start, end));
    }),
  );
  const tagRun = () => candidateSentences.forEach((t) => nlp(t).terms().json());
  const tagMs = median(await timeRuns(tagRun, 2, 0));
  const lintMs = out['policylint lintText (whole pipeline)'].ms;
  out['compromise tagging of candidate sentences'] = { sentences: candidateSentences.length, ms: Math.round(tagMs), timesLint: +fmt(tagMs / lintMs, 2) };
  log(`  compromise tagging the ${candidateSentences.length} sentences that hold a candidate: ${Math.round(tagMs)} ms, ${fmt(tagMs / lintMs)}x policylint's whole lint of the same text`);
  row('in process: compromise tagging of candidate sentences', `${Math.round(tagMs)} ms = ${fmt(tagMs / lintMs)}x the whole lint (${candidateSentences.length} sentences)`, 'info', undefined);
  results.sections.alternatives = { corpus: { files: texts.length, bytes, proseBytes }, libraries: out };
}

// ----------------------------------------------------------- 2. cost growth

/** A rule pack with `copies` made-up terms per built-in term: same shapes, distinct invented words. */
function syntheticPack(terms, copies, seed) {
  const rng = createRng(seed);
  const used = new Set();
  const syllables = ['zor', 'bla', 'vek', 'tri', 'mun', 'quo', 'dra', 'fel', 'gip', 'hox', 'lun', 'pry', 'sna', 'wub', 'yel', 'kra'];
  const word = () => {
    for (;;) {
      const w = Array.from({ length: rng.int(2, 4) }, () => rng.pick(syllables)).join('');
      if (!used.has(w)) {
        used.add(w);
        return w;
      }
    }
  };
  const out = [];
  for (let k = 1; k <= copies; k++) {
    for (const t of terms) {
      // Odd copies keep a phrase's first word (so the matcher walks into them from real text), even ones invent every word.
      const keepFirst = k % 2 === 1;
      const rename = new Map();
      const swap = (phrase) => {
        let index = 0;
        // A one-word phrase kept as written would match what the real term matches: invent it too.
        const words = phrase.match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu) ?? [];
        const keep = keepFirst && words.length > 1;
        return phrase.replace(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu, (w) => {
          if (index++ === 0 && keep) return w;
          const key = w.toLowerCase();
          if (!rename.has(key)) rename.set(key, word());
          return rename.get(key);
        });
      };
      out.push({
        ...t,
        id: `${t.id}-synthetic-${k}`,
        title: `${t.title} (synthetic ${k})`,
        examples: undefined,
        forms: t.forms.map((f) => ({ ...f, match: f.match.map(swap) })),
      });
    }
  }
  return out.map((t) => JSON.parse(JSON.stringify(t)));
}

async function growth() {
  log('\n[2] Cost growth: 10× the input, 10× the term entries (lintText in process, warm)');
  const { lintText, reload } = await engineCalls();
  const { loadPack, parsePack } = await importDist('rules/pack.js');
  const { builtinPackFiles, buildRuleSet } = await importDist('rules/ruleset.js');

  // Input: one 0.5 MB document against one 5 MB document.
  const small = markdownDocument(11, 500_000);
  const large = markdownDocument(11, 5_000_000);
  const smallBytes = Buffer.byteLength(small);
  const largeBytes = Buffer.byteLength(large);
  const overrides = { useConfigFiles: false };
  lintText('/bench/warm.md', small, overrides);
  const smallTimes = [];
  const largeTimes = [];
  lintText('/bench/warm.md', large, overrides);
  // Interleaved; the small document, being quick, is timed more often for a steadier median.
  for (let r = 0; r < RUNS; r++) {
    for (let k = 0; k < 3; k++) {
      collectGarbage();
      smallTimes.push(...(await timeRuns(() => lintText('/bench/small.md', small, overrides), 1, 0)));
    }
    collectGarbage();
    largeTimes.push(...(await timeRuns(() => lintText('/bench/large.md', large, overrides), 1, 0)));
  }
  const smallMs = median(smallTimes);
  const largeMs = median(largeTimes);
  const inputRatio = largeMs / smallMs;
  const sizeRatio = largeBytes / smallBytes;
  // Normalised to exactly 10× the bytes, so a corpus a little off 10× does not skew the figure.
  const inputGrowth = inputRatio * (10 / sizeRatio);
  log(`  ${fmt(smallBytes / MB)} MB: ${fmt(smallMs, 0)} ms; ${fmt(largeBytes / MB)} MB: ${fmt(largeMs, 0)} ms (×${fmt(inputRatio)} for ×${fmt(sizeRatio)} the bytes)`);

  // Term entries: the built-in packs plus a pack of 9× as many made-up terms = 10× the term entries.
  const builtinPacks = builtinPackFiles().map(loadPack);
  const terms = builtinPacks.flatMap((p) => p.terms ?? []);
  const dir = mkdtempSync(join(tmpdir(), 'policylint-bench-pack-'));
  const packFile = join(dir, 'synthetic-terms.yaml');
  writeFileSync(packFile, stringify({ pack: 'bench-synthetic', description: 'Made-up terms for the cost-growth benchmark', terms: syntheticPack(terms, 9, 99) }));
  const big = buildRuleSet([...builtinPacks, parsePack(packFile, readFileSync(packFile, 'utf8'))]);
  const base = buildRuleSet(builtinPacks);
  log(`  term entries: ${base.terms.size} → ${big.terms.size}; phrases in the matcher: ${base.matcher.size} → ${big.matcher.size}`);
  // The same corpus through lintText with and without the extra pack (the pack is compiled before timing).
  const corpus = await markdown();
  const texts = corpus.files.map((f) => readFileSync(f, 'utf8'));
  const withPack = { useConfigFiles: false, packs: [packFile] };
  const all = (o) => texts.forEach((t, i) => lintText(`/bench/g${i}.md`, t, o));
  lintText('/bench/warm.md', texts[0], withPack);
  all(overrides);
  all(withPack);
  const baseTimes = [];
  const bigTimes = [];
  for (let r = 0; r < RUNS; r++) {
    collectGarbage();
    baseTimes.push(...(await timeRuns(() => all(overrides), 1, 0)));
    collectGarbage();
    bigTimes.push(...(await timeRuns(() => all(withPack), 1, 0)));
  }
  const termGrowth = median(bigTimes) / median(baseTimes);
  log(`  ${texts.length} files: ${fmt(median(baseTimes), 0)} ms with ${base.terms.size} terms, ${fmt(median(bigTimes), 0)} ms with ${big.terms.size}`);
  rmSync(dir, { recursive: true, force: true });
  reload();

  results.sections.growth = {
    input: { smallBytes, largeBytes, smallMs: Math.round(smallMs), largeMs: Math.round(largeMs), timeRatio: +fmt(inputRatio, 3), normalisedTo10x: +fmt(inputGrowth, 3), runs: { small: smallTimes.map(Math.round), large: largeTimes.map(Math.round) } },
    terms: { baseTerms: base.terms.size, bigTerms: big.terms.size, basePhrases: base.matcher.size, bigPhrases: big.matcher.size, baseMs: Math.round(median(baseTimes)), bigMs: Math.round(median(bigTimes)), timeRatio: +fmt(termGrowth, 3) },
  };
  row(`10× input (${fmt(smallBytes / MB, 1)} → ${fmt(largeBytes / MB, 1)} MB, one document): time ×`, `×${fmt(inputGrowth)} (${fmt(smallMs, 0)} → ${fmt(largeMs, 0)} ms)`, '≤ ×11', inputGrowth <= 11);
  row(`10× term entries (${base.terms.size} → ${big.terms.size}): time ×`, `×${fmt(termGrowth)} (${fmt(median(baseTimes), 0)} → ${fmt(median(bigTimes), 0)} ms)`, '≤ ×1.3', termGrowth <= 1.3);
}

// ------------------------------------------------------------------ 3. Word

async function word() {
  log('\n[3] Word: a 300-page .docx, policylint (read + lint) vs mammoth.extractRawText alone (in process, warm)');
  const doc = await wordDocument(join(CORPUS, 'word'), { seed: 300, pages: 300 });
  const { default: mammoth } = await import('mammoth');
  const { lintFile } = await engineCalls();
  const { readDocument } = await importDist('readers/index.js');
  const overrides = { useConfigFiles: false };
  log(`  ${doc.file}: ${fmt(doc.bytes / MB)} MB, ${doc.textChars} characters of text (~${Math.round(doc.textChars / 3000)} pages at 3,000 a page)`);
  const probe = await lintFile(doc.file, overrides);
  if (probe.result.fatal) throw new Error(`policylint could not read the benchmark .docx: ${probe.result.fatal}`);
  const raw = await mammoth.extractRawText({ path: doc.file });
  const runs = Math.max(RUNS, 5);
  const lintTimes = [];
  const mammothTimes = [];
  const readTimes = [];
  const bytes = new Uint8Array(readFileSync(doc.file));
  await lintFile(doc.file, overrides);
  await mammoth.extractRawText({ path: doc.file });
  for (let r = 0; r < runs; r++) {
    collectGarbage();
    mammothTimes.push(...(await timeRuns(() => mammoth.extractRawText({ path: doc.file }), 1, 0)));
    collectGarbage();
    lintTimes.push(...(await timeRuns(() => lintFile(doc.file, overrides), 1, 0)));
    collectGarbage();
    readTimes.push(...(await timeRuns(() => readDocument(doc.file, bytes), 1, 0)));
  }
  const ratio = median(lintTimes) / median(mammothTimes);
  log(`  mammoth ${fmt(median(mammothTimes), 0)} ms; policylint lintFile ${fmt(median(lintTimes), 0)} ms (of which reading ${fmt(median(readTimes), 0)} ms)`);
  results.sections.word = {
    file: { bytes: doc.bytes, textChars: doc.textChars, pagesAt3000: Math.round(doc.textChars / 3000), mammothTextChars: raw.value.length, blocks: probe.doc?.blocks.length, findings: probe.result.messages.length },
    mammothMs: Math.round(median(mammothTimes)),
    lintMs: Math.round(median(lintTimes)),
    readMs: Math.round(median(readTimes)),
    ratio: +fmt(ratio, 3),
    runs: { mammoth: mammothTimes.map(Math.round), lint: lintTimes.map(Math.round), read: readTimes.map(Math.round) },
  };
  row(`300-page .docx: lint time / mammoth.extractRawText time`, `×${fmt(ratio)} (${fmt(median(lintTimes), 0)} vs ${fmt(median(mammothTimes), 0)} ms)`, '≤ ×1.5', ratio <= 1.5);
}

// ------------------------------------------------------------------- 3b. PDF

/** pdf.js alone: every page's text content, in this thread (what reading a PDF costs before any layout or rule). */
async function pdfjsText(bytes) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  let chars = 0;
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    for (const item of (await page.getTextContent()).items) chars += item.str?.length ?? 0;
    page.cleanup();
  }
  await doc.destroy();
  return chars;
}

async function pdf() {
  log('\n[3b] PDF: a 300-page PDF printed by LibreOffice, policylint (read + lint) vs pdf.js text extraction alone');
  // The 300-page Word document lays out as ~263 pages in LibreOffice: 350 of them make 300 and more.
  const file = await pdfDocument(join(CORPUS, 'pdf'), { seed: 300, docxPages: 350 });
  const { lintFile } = await engineCalls();
  const overrides = { useConfigFiles: false };
  const probe = await lintFile(file.file, overrides);
  if (probe.result.fatal) throw new Error(`policylint could not read the benchmark PDF: ${probe.result.fatal}`);
  const pages = probe.doc.source.locator.pageLines.length;
  log(`  ${file.file}: ${fmt(file.bytes / MB)} MB, ${pages} pages, ${probe.doc.source.text.length} characters extracted`);
  const bytes = new Uint8Array(readFileSync(file.file));
  const runs = Math.max(RUNS, 5);
  const lintTimes = [];
  const pdfjsTimes = [];
  await pdfjsText(bytes);
  for (let r = 0; r < runs; r++) {
    collectGarbage();
    pdfjsTimes.push(...(await timeRuns(() => pdfjsText(bytes), 1, 0)));
    collectGarbage();
    lintTimes.push(...(await timeRuns(() => lintFile(file.file, overrides), 1, 0)));
  }
  // From the command line, cold: starting the PDF thread and loading pdf.js included.
  const cli = [];
  for (let r = 0; r < RUNS; r++) cli.push(await runMeasured(process.execPath, [POLICYLINT, '--no-config-lookup', '--quiet', file.file]));
  const cliMs = median(cli.map((c) => c.wallMs));
  const cliRss = Math.max(...cli.map((c) => c.peakRssMb));
  const ratio = median(lintTimes) / median(pdfjsTimes);
  const pagesPerS = pages / (cliMs / 1000);
  log(`  pdf.js text alone ${fmt(median(pdfjsTimes), 0)} ms; policylint lintFile ${fmt(median(lintTimes), 0)} ms; CLI ${fmt(cliMs, 0)} ms, ${fmt(cliRss, 0)} MB peak`);
  results.sections.pdf = {
    file: { bytes: file.bytes, pages, extractedChars: probe.doc.source.text.length, blocks: probe.doc.blocks.length, findings: probe.result.messages.length },
    pdfjsMs: Math.round(median(pdfjsTimes)),
    lintMs: Math.round(median(lintTimes)),
    cliMs: Math.round(cliMs),
    cliPeakRssMb: Math.round(cliRss),
    pagesPerSecond: Math.round(pagesPerS),
    ratio: +fmt(ratio, 3),
    runs: { pdfjs: pdfjsTimes.map(Math.round), lint: lintTimes.map(Math.round), cli: cli.map((c) => Math.round(c.wallMs)) },
  };
  row(`${pages}-page PDF from the command line: time, pages/s, peak RSS`, `${fmt(cliMs / 1000)} s, ${fmt(pagesPerS, 0)} pages/s, ${fmt(cliRss, 0)} MB`, 'info', undefined);
  row(`${pages}-page PDF: lint time / pdf.js text extraction time`, `×${fmt(ratio)} (${fmt(median(lintTimes), 0)} vs ${fmt(median(pdfjsTimes), 0)} ms)`, '≤ ×1.5', ratio <= 1.5);
}

// ----------------------------------------------------------------- 4. batch

async function batch() {
  log('\n[4] Batch: 1,000 documents (800 .md + 200 .docx) across all cores with worker threads');
  const corpus = await batchCorpus(join(CORPUS, 'batch'), { seed: 1000, markdown: 800, word: 200 });
  const listFile = join(CORPUS, 'batch-files.txt');
  writeFileSync(listFile, corpus.files.join('\n'));
  const summaryFile = join(CORPUS, 'batch-summary.json');
  const child = join(BENCH, 'lib', 'batch-child.js');
  const threads = availableParallelism();
  const ok = { okCodes: [0], cwd: REPO };
  const pooled = [];
  const single = [];
  for (let r = 0; r < RUNS; r++) {
    pooled.push(await runMedian(`pool, ${threads} workers`, process.execPath, [child, listFile, summaryFile, String(threads)], 1, ok));
    if (r === 0) pooled.summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
    if (r < 2) single.push(await runMedian('in process, one thread', process.execPath, [child, listFile, summaryFile, '1'], 1, ok));
  }
  const wall = median(pooled.map((x) => x.wallMs));
  const rss = Math.max(...pooled.map((x) => x.peakRssMb));
  const singleWall = median(single.map((x) => x.wallMs));
  const filesPerS = corpus.files.length / (wall / 1000);
  const summary = pooled.summary;
  if (summary.threadsUsed !== threads && threads > 1) throw new Error(`the pool used ${summary.threadsUsed} workers, not ${threads}`);
  log(`  ${fmt(filesPerS, 0)} files/s with ${threads} workers (${fmt(wall / 1000)} s), ${fmt(corpus.files.length / (singleWall / 1000), 0)} files/s in one thread; peak RSS ${fmt(rss, 0)} MB`);
  results.sections.batch = {
    files: corpus.files.length, bytes: corpus.bytes, threads,
    wallMs: Math.round(wall), filesPerS: +fmt(filesPerS, 1), peakRssMb: Math.round(rss),
    singleThreadWallMs: Math.round(singleWall), singleThreadFilesPerS: +fmt(corpus.files.length / (singleWall / 1000), 1),
    speedup: +fmt(singleWall / wall, 2),
    findings: summary.findings, fatal: summary.fatal,
    runs: { pooled: pooled.flatMap((x) => x.runs), single: single.flatMap((x) => x.runs) },
  };
  row(`batch of 1,000 (800 .md + 200 .docx), ${threads} workers: files/s`, `${fmt(filesPerS, 0)} files/s (${fmt(wall / 1000)} s; one thread ${fmt(singleWall / 1000)} s, ×${fmt(singleWall / wall)})`, 'info', undefined);
  row('batch: peak RSS, main + workers', `${fmt(rss, 0)} MB`, '≤ 300 MB', rss <= 300);
}

// ------------------------------------------------------------------ 4b. cache

/**
 * `--cache` on the batch folder of 1,000 documents, linted from the command line in one thread: a cold run (no
 * cache), a second run with nothing changed, and a run after one document changed. Target: the unchanged run
 * takes at most 15% of the cold run's time.
 */
async function cache() {
  log('\n[4b] --cache: the 1,000-document batch folder (800 .md + 200 .docx), cold, unchanged, one document changed');
  const corpus = await batchCorpus(join(CORPUS, 'batch'), { seed: 1000, markdown: 800, word: 200 });
  const folder = dirname(corpus.files[0]);
  const scratch = mkdtempSync(join(tmpdir(), 'policylint-bench-cache-'));
  const cacheFile = join(scratch, 'lint-cache.json');
  // A copy of one Markdown document, changed between runs, so the corpus itself is never altered.
  const changed = join(folder, 'zz-bench-cache-changed.md');
  writeFileSync(changed, readFileSync(corpus.files.find((f) => f.endsWith('.md'))));
  const args = [POLICYLINT, '--no-config-lookup', '--threads', '1', '--cache', '--cache-location', cacheFile, folder];
  const ok = { okCodes: [0, 1], cwd: REPO };
  const cold = [];
  const warm = [];
  const oneChanged = [];
  try {
    for (let r = 0; r < RUNS; r++) {
      rmSync(cacheFile, { force: true });
      cold.push(await runMedian('cold (no cache)', process.execPath, args, 1, ok));
      warm.push(await runMedian('unchanged', process.execPath, args, 1, ok));
      appendFileSync(changed, `\nA paragraph added in run ${r + 1} mentions each CSEC youth.\n`);
      oneChanged.push(await runMedian('one document changed', process.execPath, args, 1, ok));
    }
  } finally {
    rmSync(changed, { force: true });
    rmSync(scratch, { recursive: true, force: true });
  }
  const coldMs = median(cold.map((x) => x.wallMs));
  const warmMs = median(warm.map((x) => x.wallMs));
  const changedMs = median(oneChanged.map((x) => x.wallMs));
  const share = warmMs / coldMs;
  log(`  cold ${fmt(coldMs / 1000)} s, unchanged ${fmt(warmMs / 1000)} s (${fmt(share * 100, 1)}%), one changed ${fmt(changedMs / 1000)} s`);
  results.sections.cache = {
    files: corpus.files.length + 1, bytes: corpus.bytes,
    coldMs: Math.round(coldMs), unchangedMs: Math.round(warmMs), oneChangedMs: Math.round(changedMs), unchangedShare: +fmt(share, 3),
    runs: { cold: cold.flatMap((x) => x.runs), unchanged: warm.flatMap((x) => x.runs), oneChanged: oneChanged.flatMap((x) => x.runs) },
  };
  row('--cache, 1,001 documents: unchanged run / cold run', `${fmt(share * 100, 1)}% (${fmt(warmMs / 1000)} s / ${fmt(coldMs / 1000)} s; one changed ${fmt(changedMs / 1000)} s)`, '≤ 15%', share <= 0.15);
}

// ---------------------------------------------------------------- 5. editor

async function editor() {
  log('\n[5] Editor: didChange → publishDiagnostics on a 300 KB Markdown document, 50 edits (bin/policylint-lsp.js over stdio)');
  const text = markdownDocument(5, 300_000);
  const workDir = mkdtempSync(join(tmpdir(), 'policylint-bench-lsp-'));
  let debounceMs;
  try {
    debounceMs = (await importDist('lsp/server.js')).DEBOUNCE_MS;
  } catch {
    debounceMs = undefined;
  }
  const { lintText } = await engineCalls();
  const run = await editorLatency({ serverPath: LSP, workDir, text, edits: 50, seed: 7 });
  rmSync(workDir, { recursive: true, force: true });
  // The same document linted in this process, for the server's own share.
  const inProcess = await timeRuns(() => lintText('/bench/editor.md', text, { useConfigFiles: false }), 10, 2);
  const med = median(run.latencies);
  const p95 = percentile(run.latencies, 95);
  const debounce = debounceMs ?? 0;
  const afterDebounce = med - debounce;
  const afterDebounceP95 = p95 - debounce;
  log(`  open → first diagnostics ${fmt(run.openMs, 0)} ms; per edit median ${fmt(med, 1)} ms, p95 ${fmt(p95, 1)} ms; server debounce ${debounceMs ?? 'unknown'} ms; lintText of the same text in process ${fmt(median(inProcess), 1)} ms`);
  results.sections.editor = {
    bytes: Buffer.byteLength(text), edits: run.latencies.length, diagnostics: run.diagnostics,
    debounceMs, openMs: Math.round(run.openMs),
    medianMs: +fmt(med, 1), p95Ms: +fmt(p95, 1),
    medianAfterDebounceMs: +fmt(afterDebounce, 1), p95AfterDebounceMs: +fmt(afterDebounceP95, 1),
    inProcessLintMedianMs: +fmt(median(inProcess), 1),
    latencies: run.latencies.map((x) => +fmt(x, 1)),
  };
  row(`editor, 300 KB .md: didChange → publish (debounce ${debounceMs ?? '?'} ms included)`, `median ${fmt(med, 0)} ms, p95 ${fmt(p95, 0)} ms`, 'info', undefined);
  row('editor: didChange → publish minus debounce', `median ${fmt(afterDebounce, 0)} ms, p95 ${fmt(afterDebounceP95, 0)} ms`, 'median ≤ 50 ms', afterDebounce <= 50);
}

// ------------------------------------------------------------------- main

function printTable() {
  const head = ['figure', 'measured', 'target', 'met?'];
  const body = rows.map((r) => [r.figure, r.measured, r.target, r.met === undefined ? '—' : r.met ? 'yes' : 'NO']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  const out = [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)];
  process.stdout.write(`\n${out.join('\n')}\n`);
  process.stdout.write(`\nPeak RSS measured with ${RSS_METHOD_TEXT}. Medians of ${RUNS} runs unless stated (alex: 2). Machine: ${results.machine.availableParallelism} cores, Node ${process.version}, 1-minute load average ${loadavg()[0].toFixed(1)} at the end (above ${results.machine.availableParallelism} means other work shared the cores: ratios measured side by side still hold, absolute figures and thread speed-ups do not).\n`);
}

const steps = { throughput, realText, findings, alternatives, growth, word, pdf, batch, cache, editor };
mkdirSync(CORPUS, { recursive: true });
let failed = false;
for (const name of SECTIONS) {
  if (!only.has(name)) continue;
  try {
    const loadBefore = loadavg()[0];
    await steps[name]();
    if (results.sections[name]) results.sections[name].loadAverage = { before: +loadBefore.toFixed(2), after: +loadavg()[0].toFixed(2) };
  } catch (e) {
    failed = true;
    log(`  ${name} failed: ${e.stack ?? e}`);
    results.sections[name] = { error: String(e.message ?? e) };
    row(`${name}`, `failed: ${String(e.message ?? e).split('\n')[0]}`, '', false);
  }
}
printTable();
writeFileSync(join(BENCH, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
log(`\nwrote ${join(BENCH, 'results.json')}`);
process.exitCode = failed ? 1 : 0;
