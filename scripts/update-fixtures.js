#!/usr/bin/env node
// Regenerates fixtures/: the Word samples (built with the `docx` package from
// the descriptions in WORD_FIXTURES below, byte for byte reproducibly) and
// every <sample>.expected.json (what the built CLI reports, normalised).
//
//   node scripts/update-fixtures.js          rebuild .docx samples, rewrite expectations, print a summary
//   node scripts/update-fixtures.js --check  write nothing; exit 1 if anything would change
//
// Needs a built dist/ (`npm run build`). Afterwards READ the diff of fixtures/
// before committing: an expectation change is a behaviour change and is reviewed
// like code (docs/fixtures.md). test/fixtures.test.ts imports the helpers
// exported here, so the test and this script normalise results the same way.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO = fileURLToPath(new URL('..', import.meta.url));
export const FIXTURES = join(REPO, 'fixtures');
export const BIN = join(REPO, 'bin', 'policylint.js');
/** Sample documents are the files policylint reads; everything else in fixtures/ must be an expectation. */
export const SAMPLE_EXTENSIONS = ['.md', '.markdown', '.txt', '.docx'];
export const EXPECTED_SUFFIX = '.expected.json';
/** The options every fixture is linted with: no config files, JSON output. */
export const LINT_ARGS = ['--no-config-lookup', '-f', 'json'];

/** Sample file names in fixtures/, sorted. */
export function listSamples() {
  return readdirSync(FIXTURES)
    .filter((f) => SAMPLE_EXTENSIONS.includes(extname(f).toLowerCase()))
    .sort();
}

/** Expectation file names in fixtures/, sorted. */
export function listExpectations() {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith(EXPECTED_SUFFIX))
    .sort();
}

/** `county-procedure.docx` → `county-procedure.expected.json` (so two samples may not share a name). */
export function expectedNameFor(sample) {
  return sample.slice(0, sample.length - extname(sample).length) + EXPECTED_SUFFIX;
}

/** The sample an expectation file belongs to, or undefined when there is none. */
export function sampleFor(expectedName, samples = listSamples()) {
  return samples.find((s) => expectedNameFor(s) === expectedName);
}

/** Path relative to the repository, with forward slashes. */
export function repoPath(file) {
  return relative(REPO, isAbsolute(file) ? file : resolve(REPO, file)).split(sep).join('/');
}

/** The text a term finding is about (the JSON reporter's `found`), with line breaks as spaces. */
function foundOf(message) {
  return typeof message.found === 'string' ? message.found.replace(/\s+/g, ' ') : undefined;
}

/** One CLI JSON result → what an expectation file holds. */
export function normaliseResult(result) {
  return {
    file: repoPath(result.filePath),
    docType: result.docType ?? null,
    provisions: (result.provisions ?? []).map((p) => ({ id: p.id, status: p.status, line: p.line })),
    messages: result.messages.map((m) => {
      const out = { ruleId: m.ruleId, severity: m.severity, line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn };
      const found = foundOf(m);
      if (found !== undefined) out.found = found;
      if (m.status) out.status = m.status;
      // A term's first replacement; for a provision, what inserting its model language is called.
      if (m.suggestions?.length) out.suggestion = m.suggestions[0].text ?? m.suggestions[0].desc;
      if (m.fatal) out.fatal = true;
      return out;
    }),
  };
}

/** Runs the built CLI once on the given files (paths relative to the repo) and returns the parsed JSON results. */
export function lintFiles(files, extraArgs = []) {
  const run = spawnSync(process.execPath, [BIN, ...LINT_ARGS, ...extraArgs, ...files], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  // 0: clean, 1: findings. Anything else (2: a file could not be read, a crash) is a failure.
  if (run.status !== 0 && run.status !== 1) {
    throw new Error(`policylint exited with status ${run.status}:\n${run.stderr}`);
  }
  return JSON.parse(run.stdout);
}

export function formatExpected(normalised) {
  return `${JSON.stringify(normalised, null, 2)}\n`;
}

// ---------------------------------------------------------------------------
// Word samples. Each is described as a list of blocks:
//   { title: text }            the document title (Title style)
//   { h1 | h2 | h3: text }     headings
//   { p: runs }                a paragraph; runs is a string or a list of
//                              strings and { ins }, { del }, { footnote: n },
//                              { comment: id, text } (text anchored on comment id)
//   { bullets: [text…] }       a bulleted list
//   { numbered: [text…] }      a numbered list
//   { table: [[cell…]…] }      a table, first row as header
// `comments` are Word comments (a comment starting with policylint-disable is
// a directive); `footnotes` are numbered footnote texts.
// ---------------------------------------------------------------------------
const AUTHOR = 'County Policy Analyst';
const DATE = '2024-03-01T09:00:00Z';

export const WORD_FIXTURES = {
  'county-procedure.docx': {
    footnotes: {
      1: 'Staff may consult the CSEC Coordinator about any referral, day or night.',
    },
    body: [
      { title: 'Redwood Bay County Procedure 31-07: Responding to CSEC Referrals' },
      { p: 'Fictional county; written as a policylint test fixture (Word: heading hierarchy, table, lists, a footnote).' },
      { h1: '1. Purpose' },
      { p: ['This procedure tells Hotline and Emergency Response staff how to respond to referrals of commercially sexually exploited youth.', { footnote: 1 }] },
      { h1: '2. Roles and Responsibilities' },
      {
        table: [
          ['Unit', 'Responsibility'],
          ['Hotline', 'Screens each referral with the CSE-IT.'],
          ['Emergency Response', 'Responds in person within 24 hours to each CSEC referral.'],
          ['CSEC Unit', 'Assigns a CSEC Navigator to each youth within two business days.'],
        ],
      },
      { h1: '3. Response Steps' },
      { h2: '3.1 Hotline' },
      {
        numbered: [
          'Ask the reporting party whether the child has a pimp or a much older boyfriend.',
          'Complete the CSE-IT Brief Version with the reporting party.',
          'Notify law enforcement the same day.',
        ],
      },
      { h2: '3.2 Emergency Response' },
      {
        bullets: [
          'Interview the child in a safe, private place.',
          'Never interview the child in front of a suspected exploiter.',
          'Place the child with a resource family experienced in caring for youth who have been exploited.',
        ],
      },
      { h2: '3.3 Mandated Reporting' },
      { h3: '3.3.1 Timelines' },
      { p: 'Staff who reasonably suspect sex trafficking call the Child Abuse Hotline immediately and send a written report within 36 hours.' },
      { h1: '4. Multidisciplinary Team' },
      { p: 'The CSEC Navigator requests an MDT meeting for each child identified as a victim of sex or labor trafficking.' },
      { h1: '5. Services for CSEC Youth' },
      { p: 'Each youth is offered an advocate, a safety plan and a referral to behavioral health.' },
    ],
  },

  'reviewed-protocol.docx': {
    comments: [
      { id: 0, text: 'policylint-disable term/csec-body -- unit name set by Board Resolution 2019-12; renaming is pending' },
      { id: 1, text: 'Reviewer: confirm the five-day timeline with Probation.' },
    ],
    body: [
      { title: 'Mariposa Valley County Child Trafficking Interagency Protocol (Draft Revision 2)' },
      { p: 'Fictional county; written as a policylint test fixture (Word: tracked changes and comments).' },
      { h1: '1. Scope' },
      {
        p: [
          'This protocol applies to ',
          { del: 'CSEC youth' },
          { ins: 'children and youth who have experienced or are at risk of sex or labor trafficking' },
          '.',
        ],
      },
      {
        p: [
          'No ',
          { del: 'child prostitute' },
          { ins: 'child who has experienced commercial sexual exploitation' },
          ' is arrested or detained for prostitution.',
        ],
      },
      { h1: '2. Mandated Reporting' },
      {
        p: [
          'Staff who reasonably suspect ',
          { del: 'commercial sexual exploitation of children' },
          { ins: 'any form of child trafficking, sex or labor,' },
          ' call the Child Abuse Hotline immediately and send a written report within 36 hours.',
        ],
      },
      { h1: '3. Multidisciplinary Team' },
      { p: [{ comment: 0, text: 'The CSEC Unit convenes the multidisciplinary team (MDT) for each referral.' }] },
      { p: 'The MDT serves any youth who has experienced or is at risk of sex or labor trafficking.' },
      { p: ['Probation also refers youth to the MDT. ', { ins: 'Probation refers CSEC youth to the MDT within five days.' }] },
      { h1: '4. Advocacy' },
      { p: [{ comment: 1, text: 'Each CSEC victim is assigned an advocate within five days.' }] },
    ],
  },
};

/** Builds one Word sample from its description. */
export async function buildDocx(spec) {
  const docx = await import('docx');
  const {
    AlignmentType, CommentRangeEnd, CommentRangeStart, CommentReference, DeletedTextRun, Document, FootnoteReferenceRun,
    HeadingLevel, InsertedTextRun, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
  } = docx;
  let revision = 100;
  const runsOf = (runs) =>
    (typeof runs === 'string' ? [runs] : runs).flatMap((r) => {
      if (typeof r === 'string') return [new TextRun(r)];
      if ('ins' in r) return [new InsertedTextRun({ text: r.ins, id: revision++, author: AUTHOR, date: DATE })];
      if ('del' in r) return [new DeletedTextRun({ text: r.del, id: revision++, author: AUTHOR, date: DATE })];
      if ('footnote' in r) return [new FootnoteReferenceRun(r.footnote)];
      if ('comment' in r) {
        return [new CommentRangeStart(r.comment), new TextRun(r.text), new CommentRangeEnd(r.comment), new TextRun({ children: [new CommentReference(r.comment)] })];
      }
      throw new Error(`unknown run ${JSON.stringify(r)}`);
    });
  const heading = { title: HeadingLevel.TITLE, h1: HeadingLevel.HEADING_1, h2: HeadingLevel.HEADING_2, h3: HeadingLevel.HEADING_3 };
  const children = [];
  for (const block of spec.body) {
    const kind = Object.keys(block)[0];
    if (kind in heading) children.push(new Paragraph({ text: block[kind], heading: heading[kind] }));
    else if (kind === 'p') children.push(new Paragraph({ children: runsOf(block.p) }));
    else if (kind === 'bullets') for (const item of block.bullets) children.push(new Paragraph({ children: runsOf(item), bullet: { level: 0 } }));
    else if (kind === 'numbered') for (const item of block.numbered) children.push(new Paragraph({ children: runsOf(item), numbering: { reference: 'steps', level: 0 } }));
    else if (kind === 'table') {
      children.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: block.table.map(
            (row, i) => new TableRow({ tableHeader: i === 0, children: row.map((cell) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: cell, bold: i === 0 })] })] })) }),
          ),
        }),
      );
      children.push(new Paragraph(''));
    } else throw new Error(`unknown block ${JSON.stringify(block)}`);
  }
  const document = new Document({
    creator: AUTHOR,
    lastModifiedBy: AUTHOR,
    title: spec.body.find((b) => b.title)?.title,
    numbering: { config: [{ reference: 'steps', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }] }] },
    footnotes: Object.fromEntries(Object.entries(spec.footnotes ?? {}).map(([n, text]) => [n, { children: [new Paragraph(text)] }])),
    comments: { children: (spec.comments ?? []).map((c) => ({ id: c.id, author: AUTHOR, date: new Date(DATE), children: [new Paragraph(c.text)] })) },
    sections: [{ children }],
  });
  return reproducible(new Uint8Array(await Packer.toBuffer(document)));
}

/** The same package with fixed timestamps (core properties and zip entries), so a rebuild is byte-identical. */
async function reproducible(bytes) {
  const { strFromU8, strToU8, unzipSync, zipSync } = await import('fflate');
  const entries = unzipSync(bytes);
  const fixed = {};
  // Local-time fields, so the zip's DOS timestamps do not depend on the time zone.
  const mtime = new Date(2024, 2, 1, 9, 0, 0);
  for (const name of Object.keys(entries).sort()) {
    let data = entries[name];
    if (name === 'docProps/core.xml') {
      data = strToU8(strFromU8(data).replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${DATE}$2`));
    }
    fixed[name] = [data, { mtime, level: 9 }];
  }
  return zipSync(fixed);
}

// ---------------------------------------------------------------------------

function sameBytes(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

async function main() {
  const check = process.argv.includes('--check');
  const changes = [];

  for (const [name, spec] of Object.entries(WORD_FIXTURES)) {
    const target = join(FIXTURES, name);
    const bytes = await buildDocx(spec);
    const old = existsSync(target) ? new Uint8Array(readFileSync(target)) : undefined;
    if (old && sameBytes(old, bytes)) continue;
    changes.push(`${old ? 'rebuilt' : 'created'} fixtures/${name}`);
    if (!check) writeFileSync(target, bytes);
  }

  const samples = listSamples();
  if (samples.length === 0) throw new Error('no sample documents in fixtures/');
  const clash = samples.find((s, i) => samples.findIndex((t) => expectedNameFor(t) === expectedNameFor(s)) !== i);
  if (clash) throw new Error(`fixtures/${clash}: another sample has the same name; its expectations would share ${expectedNameFor(clash)}`);
  const results = lintFiles(samples.map((s) => `fixtures/${s}`));
  const byFile = new Map(results.map((r) => [repoPath(r.filePath), r]));

  const rows = [];
  for (const sample of samples) {
    const result = byFile.get(`fixtures/${sample}`);
    if (!result) throw new Error(`policylint returned no result for fixtures/${sample}`);
    if (result.messages.some((m) => m.fatal)) throw new Error(`fixtures/${sample}: ${result.messages[0].message}`);
    const normalised = normaliseResult(result);
    const text = formatExpected(normalised);
    const target = join(FIXTURES, expectedNameFor(sample));
    const old = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
    const state = old === undefined ? 'new' : old === text ? 'unchanged' : 'CHANGED';
    if (state !== 'unchanged') {
      changes.push(`${state === 'new' ? 'created' : 'updated'} fixtures/${expectedNameFor(sample)}`);
      if (!check) writeFileSync(target, text);
    }
    const terms = normalised.messages.filter((m) => m.ruleId?.startsWith('term/'));
    const count = (status) => normalised.provisions.filter((p) => p.status === status).length;
    rows.push([
      sample,
      normalised.docType ?? '-',
      `${terms.filter((m) => m.severity === 2).length}E/${terms.filter((m) => m.severity === 1).length}W`,
      `${count('present')}/${count('partial')}/${count('absent')}/${count('not-applicable')}`,
      state,
    ]);
  }

  for (const expected of listExpectations()) {
    if (sampleFor(expected, samples)) continue;
    changes.push(`removed fixtures/${expected} (no sample)`);
    if (!check) unlinkSync(join(FIXTURES, expected));
  }

  const header = ['fixture', 'docType', 'terms', 'provisions P/p/A/na', 'expected'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  console.log(`\n${samples.length} fixtures; terms as errors/warnings; provisions present/partial/absent/not-applicable.`);
  if (changes.length === 0) {
    console.log('Nothing changed.');
    return;
  }
  for (const c of changes) console.log(`${check ? 'would be ' : ''}${c}`);
  if (check) {
    console.error('\nfixtures/ is out of date: run `node scripts/update-fixtures.js`, then review the diff.');
    process.exitCode = 1;
  } else {
    console.log('\nReview the diff of fixtures/ (git diff fixtures/) before committing: expectation changes are behaviour changes.');
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
