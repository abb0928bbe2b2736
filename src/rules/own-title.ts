// The document's own title as the inclusive-title provision reads it: the words
// the author chose for what the whole document is (annotation guide: "its cover,
// page title or first heading"). Forms wrap that title in their own furniture, so
// the first heading is not always it:
// - a memo's or board item's labelled subject line ("Subject: …", "RE: …") names
//   what the document is, where its first heading is often the form's letterhead;
// - a heading that only names the form ("Agenda Item", "Board Letter",
//   "Minutes", "Table of Contents") is a label, and a heading that only names
//   the agency (a letterhead, a slide deck's first slide) is the author, not
//   the title: a short line right under such a heading is the title;
// - a board item (its opening names a board, an agenda, a recommendation, a
//   resolution or minutes) with no title heading is titled by its first
//   recommended action ("Approve the agreement with …", "Adopt Resolution No. …
//   to …"), which is what the agenda lists it as.
import { titleHeading, TITLE_LABEL, type Block, type PolicyDocument } from '../model.js';
import { OPENING_BLOCKS } from './doctype.js';

export interface TitleSpan {
  block: number;
  start: number;
  end: number;
}

/** A labelled title line, tried at the start of each line (sticky: a long block is not scanned for it). */
const TITLE_LINE = new RegExp(`[ \\t]*${TITLE_LABEL}[ \\t]*:[ \\t]*(?=\\S)[^\\n]*`, 'y');

/** The span of the block's labelled title line, if one of its lines is one. */
function titleLineIn(text: string): { start: number; end: number } | undefined {
  for (let at = 0; ; ) {
    TITLE_LINE.lastIndex = at;
    if (TITLE_LINE.test(text)) return { start: at, end: TITLE_LINE.lastIndex };
    const newline = text.indexOf('\n', at);
    if (newline === -1) return undefined;
    at = newline + 1;
  }
}

/** A heading that names only the form it heads. */
const FORM_LABEL = /^(?:(?:table\s+of\s+)?contents|agenda\s+item|board\s+(?:letter|memo|memorandum|report|order)|staff\s+report|memorandum|memo|minutes|recommendations?|recommended\s+actions?)\W*$/i;

/** A heading that names only an organization: a department, agency, office or county (the author, not the work). */
const ORGANIZATION =
  /^(?:\d+\s+)?(?:(?:County|City|State|Department|Office|Bureau|Division)\s+of\s+[\p{Lu}][\p{L}\s.&'’-]*|[\p{Lu}][\p{L}.&'’-]*(?:\s+(?:of|and|&|[\p{Lu}][\p{L}.&'’-]*))*\s+(?:Department|Agency|Office|Bureau|Division|County|Services))$/u;

/** A recommended action that opens a board item, after an optional list marker ("a.", "1)"). */
const RECOMMENDED_ACTION = /^(?:[\p{L}\d]{1,2}[.)]\s+)?(?:approve|adopt|authorize|authorise|accept|ratify|execute)\b/iu;
/** What says a document is a board's item: only there is a recommended action its title. */
const BOARD_ITEM = /\b(?:board|agenda|recommend(?:s|ed|ation|ations)?|resolution|minutes)\b/i;

/** A line short enough to be a title and not a sentence: no full stop at its end. */
function titleLike(block: Block | undefined): boolean {
  if (!block || block.kind !== 'paragraph') return false;
  const text = block.text.trim();
  return text.length > 0 && text.length <= 160 && !/[.:;]$/.test(text) && !text.includes('\n\n');
}

/** The title's block and its span of text, or undefined when the document shows none. */
export function ownTitle(doc: PolicyDocument): TitleSpan | undefined {
  const { blocks } = doc;
  const opening = Math.min(OPENING_BLOCKS, blocks.length);
  const whole = (block: number): TitleSpan => ({ block, start: 0, end: blocks[block].text.length });
  for (let b = 0; b < opening; b++) {
    const line = titleLineIn(blocks[b].text);
    if (line) return { block: b, ...line };
  }
  const heading = titleHeading(doc);
  if (heading !== -1) {
    const text = blocks[heading].text.trim();
    if (ORGANIZATION.test(text) && titleLike(blocks[heading + 1])) return whole(heading + 1);
    if (!FORM_LABEL.test(text)) return whole(heading);
  }
  const action = blocks.findIndex((block, b) => b < opening && block.kind !== 'heading' && RECOMMENDED_ACTION.test(block.text.trim()));
  if (action !== -1 && blocks.slice(0, opening).some((block) => BOARD_ITEM.test(block.text))) return whole(action);
  return undefined;
}
