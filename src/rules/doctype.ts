// Guesses a document's type (protocol, MOU, charter…) from cue phrases in its
// title (strong) and its opening text (weak). The guess is shown to the user,
// who can set `docType` in configuration or pass --doc-type instead.
//
// A wrong narrow guess is the costly mistake: a screening tool, training plan,
// charter or MOU makes most provisions "not applicable", so their missing
// language goes unreported, while a wrong broad guess only reports provisions
// a person can see do not fit. So:
// - a type the title names wins over any type only the text names;
// - each title cue counts TITLE_WEIGHT, each distinct opening-text cue 1 (a table of contents
//   listing "Indicators" five times is one cue); the highest score wins;
// - a narrow type with no cue in the title needs at least NARROW_TEXT_CUES text cues
//   (one "indicators" in a policy's opening does not make it a screening tool);
// - on a tie, a type the title names beats one it does not; between types the title
//   names alike, the narrower wins (an MOU that calls itself a protocol is still an
//   MOU); between types only the text names, the broad type wins.
import { DOC_TYPES, type DocType } from '../types.js';
import { titleHeading } from '../model.js';
import type { Analysis } from './analysis.js';

/** Order among title-named ties: types more specific than "protocol" first. */
const PRIORITY: DocType[] = ['mou', 'charter', 'training', 'screening', 'guideline', 'protocol', 'policy'];
/** Types every provision applies to (rules/provisions.yaml `appliesTo`); the others leave provisions out. */
const BROAD: ReadonlySet<DocType> = new Set(['protocol', 'policy', 'guideline']);
const TITLE_WEIGHT = 10;
const NARROW_TEXT_CUES = 2;
/** How far into a document its opening runs: where type cues, and a memo's labelled title line, are looked for. */
export const OPENING_BLOCKS = 25;
/** A title that ends with the name of a kind of body. */
const BODY_TITLE = /\b(?:Committee|Subcommittee|Council|Commission|Task\s+Force|Work\s*[Gg]roup|Coalition|Collaborative|Advisory\s+Board)\s*$/;

export function guessDocType(analysis: Analysis): DocType {
  const titleCues = new Map<DocType, number>(DOC_TYPES.map((t) => [t, 0]));
  const textCues = new Map<DocType, number>(DOC_TYPES.map((t) => [t, 0]));
  const { doc } = analysis;
  const titleBlock = titleHeading(doc);
  const titleHits = titleBlock >= 0 ? analysis.hits(titleBlock) : doc.title ? analysis.set.matcher.match(doc.title) : [];
  for (const h of titleHits) {
    if (h.owner.kind === 'doctype' && h.owner.id.startsWith('title:')) {
      const t = h.owner.id.slice(6) as DocType;
      titleCues.set(t, titleCues.get(t)! + 1);
    }
  }
  // A title whose head noun is a body ("… CSEC Steering Committee", "Youth Safety Council") is that body's page or
  // charter; a body's protocol or policy ("Task Force Protocol") has another head noun.
  if (doc.title !== undefined && BODY_TITLE.test(doc.title)) titleCues.set('charter', titleCues.get('charter')! + 1);
  const seen = new Set<string>();
  // A board item or cover memo that names an agreement is typed as the agreement it approves (annotation guide).
  const approving = new Set<string>();
  const named = new Set<string>();
  for (let b = 0; b < Math.min(OPENING_BLOCKS, doc.blocks.length); b++) {
    for (const h of analysis.hits(b)) {
      if (h.owner.kind !== 'doctype') continue;
      if (h.owner.id.startsWith('approval:')) approving.add(h.owner.id.slice(9));
      else if (h.owner.id.startsWith('title:')) named.add(h.owner.id.slice(6));
      if (!h.owner.id.startsWith('text:')) continue;
      // One cue whatever its number: "indicator" and "indicators" are the same cue.
      const cue = `${h.owner.id}\u0000${doc.blocks[b].text.slice(h.start, h.end).toLowerCase().replace(/s$/, '')}`;
      if (seen.has(cue)) continue;
      seen.add(cue);
      const t = h.owner.id.slice(5) as DocType;
      textCues.set(t, textCues.get(t)! + 1);
    }
  }
  for (const t of approving) if (named.has(t)) textCues.set(t as DocType, textCues.get(t as DocType)! + NARROW_TEXT_CUES);
  const titled = PRIORITY.some((t) => titleCues.get(t)! > 0);
  const candidates = PRIORITY.filter((t) => {
    if (titleCues.get(t)! > 0) return true;
    return !titled && textCues.get(t)! >= (BROAD.has(t) ? 1 : NARROW_TEXT_CUES);
  }).map((t) => ({ type: t, score: titleCues.get(t)! * TITLE_WEIGHT + textCues.get(t)!, titled: titleCues.get(t)! > 0 }));
  if (candidates.length === 0) return 'protocol';
  const best = Math.max(...candidates.map((c) => c.score));
  const tied = candidates.filter((c) => c.score === best);
  const tiedTitled = tied.filter((c) => c.titled);
  // PRIORITY order puts narrow types first: the narrower wins among title-named ties.
  if (tiedTitled.length > 0) return tiedTitled[0].type;
  return (tied.find((c) => BROAD.has(c.type)) ?? tied[0]).type;
}
