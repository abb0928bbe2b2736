// Plain text → PolicyDocument. Paragraphs are separated by blank lines; a
// short single-line paragraph that looks like a numbered or capitalised
// heading ("4.2 Multidisciplinary Team (MDT)", "MANDATED REPORTING") is a heading.
// The first paragraph is the title when every line of it looks like a title line
// ("TULE BASIN COUNTY PROBATION DEPARTMENT" over "POLICY 7.14: YOUTH WHO MAY BE
// TRAFFICKED"). Directive comments (`<!-- policylint-disable … -->`) are
// recognised wherever the Markdown reader recognises them — own paragraph, own
// line, end of a line — and are cut out of the text, so no rule reads or fixes
// the words inside them.
import { type Block, type Directive, type PolicyDocument, type Segment } from '../model.js';
import { Locator } from '../locator.js';
import { directiveComments } from './directives.js';
import { finishDocument } from './structure.js';

const NUMBERED = /^(?:(?:section|article|part)\s+)?(\d+(?:\.\d+)*)\.?\s+\S|^([IVXLC]+|[A-Z])\.\s+\S/i;
const BULLET = /^\s*(?:[-*•◦▪]|\(?[a-z0-9]{1,3}[.)])\s+/i;
/** At most this many lines make a title; longer opening paragraphs are text. */
const TITLE_MAX_LINES = 3;
/** Words a Title Case line leaves in lower case. */
const MINOR_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'but', 'by', 'for', 'from', 'in', 'into', 'nor', 'of', 'on', 'or', 'per', 'the', 'to', 'under', 'upon', 'via', 'with']);

/** A line that could be a heading: short, and not ending as a sentence or a lead-in does. */
function shortLine(text: string): boolean {
  return text.length > 0 && text.length <= 90 && !/[.;,:]$/.test(text);
}

function headingLevel(line: string): number | undefined {
  const text = line.trim();
  if (!shortLine(text)) return undefined;
  const words = text.split(/\s+/);
  const numbered = NUMBERED.exec(text);
  if (numbered) {
    if (words.length > 12) return undefined;
    return numbered[1] ? numbered[1].split('.').length : 1;
  }
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 4 && letters === letters.toUpperCase() && words.length <= 12) return 1;
  return undefined;
}

/** A line of a title: short, no final period, in capitals or Title Case ("Policy 7.14: Youth Who May Be Trafficked"). */
function titleLine(line: string): boolean {
  const text = line.trim();
  if (!shortLine(text) || BULLET.test(text)) return false;
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length < 4) return false;
  if (letters === letters.toUpperCase()) return true;
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  const major = words.filter((w, i) => i === 0 || !MINOR_WORDS.has(w.toLowerCase()));
  return major.length > 0 && major.every((w) => /^[^\p{L}]*\p{Lu}/u.test(w));
}

/** The opening paragraph is the title when it has a few lines and each looks like a title line. */
function looksLikeTitle(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return lines.length <= TITLE_MAX_LINES && lines.every(titleLine);
}

type Cut = readonly [from: number, to: number];

/** The source span [from, to) without the cut spans (in order; none before `first` reaches `from`), trimmed, as block text and its segments. */
function textWithout(source: string, from: number, to: number, cuts: Cut[], first: number): { text: string; segments: Segment[] } {
  let text = '';
  let segments: Segment[] = [];
  let at = from;
  const keep = (end: number) => {
    if (end <= at) return;
    segments.push({ textStart: text.length, sourceStart: at, length: end - at });
    text += source.slice(at, end);
  };
  for (let i = first; i < cuts.length && cuts[i][0] < to; i++) {
    const [a, b] = cuts[i];
    if (b <= at) continue;
    keep(a);
    at = Math.max(at, b);
  }
  keep(to);
  const lead = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  if (lead === 0 && end === text.length) return { text, segments };
  segments = segments.flatMap((s) => {
    const a = Math.max(s.textStart, lead);
    const b = Math.min(s.textStart + s.length, end);
    return b > a ? [{ textStart: a - lead, sourceStart: s.sourceStart + (a - s.textStart), length: b - a }] : [];
  });
  return { text: text.slice(lead, Math.max(lead, end)), segments };
}

export function readText(filePath: string, text: string): PolicyDocument {
  const locator = Locator.of(text);
  const blocks: Block[] = [];
  const directives: Directive[] = [];
  const cuts: Cut[] = [];
  for (const { directive, at, length } of directiveComments(text)) {
    // Column 1, as the Markdown reader gives: a directive covers its whole line.
    directives.push({ ...directive, line: locator.lineOf(at), column: 1 });
    cuts.push([at, at + length]);
  }
  const paragraph = /[^\n]*\S[^\n]*(?:\r?\n[^\n]*\S[^\n]*)*/g;
  let firstCut = 0;
  for (let m = paragraph.exec(text); m; m = paragraph.exec(text)) {
    while (firstCut < cuts.length && cuts[firstCut][1] <= m.index) firstCut++;
    const { text: body, segments } = textWithout(text, m.index, m.index + m[0].length, cuts, firstCut);
    if (body === '') continue;
    const single = !body.includes('\n');
    let level = single ? headingLevel(body) : undefined;
    if (level === undefined && blocks.length === 0 && looksLikeTitle(body)) level = 1;
    blocks.push({
      kind: level ? 'heading' : BULLET.test(body) ? 'list-item' : 'paragraph',
      level,
      text: body,
      headingPath: [],
      section: -1,
      line: locator.lineOf(segments[0].sourceStart),
      segments,
    });
  }
  return finishDocument({ filePath, format: 'text', title: undefined, blocks, source: { kind: 'text', text, locator }, directives });
}
