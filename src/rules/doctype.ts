// Guesses a document's type (protocol, MOU, charter…) from cue phrases in its
// title (strong) and its opening text (weak). The guess is shown to the user,
// who can set `docType` in configuration or pass --doc-type instead.
import { DOC_TYPES, type DocType } from '../types.js';
import type { Analysis } from './analysis.js';

/** Types more specific than "protocol" win ties: an MOU that calls itself a protocol is still an MOU. */
const PRIORITY: DocType[] = ['mou', 'charter', 'training', 'screening', 'guideline', 'protocol', 'policy'];
const OPENING_BLOCKS = 25;

export function guessDocType(analysis: Analysis): DocType {
  const score = new Map<DocType, number>(DOC_TYPES.map((t) => [t, 0]));
  const { doc } = analysis;
  const titleBlock = doc.blocks.findIndex((b) => b.kind === 'heading' && b.text.trim() === doc.title);
  const titleHits = titleBlock >= 0 ? analysis.hits[titleBlock] : doc.title ? analysis.set.matcher.match(doc.title) : [];
  for (const h of titleHits) {
    if (h.owner.kind === 'doctype' && h.owner.id.startsWith('title:')) {
      const t = h.owner.id.slice(6) as DocType;
      score.set(t, score.get(t)! + 10);
    }
  }
  analysis.hits.slice(0, OPENING_BLOCKS).forEach((hits) => {
    for (const h of hits) {
      if (h.owner.kind === 'doctype' && h.owner.id.startsWith('text:')) {
        const t = h.owner.id.slice(5) as DocType;
        score.set(t, score.get(t)! + 1);
      }
    }
  });
  let best: DocType = 'protocol';
  let bestScore = 0;
  for (const t of PRIORITY) {
    if (score.get(t)! > bestScore) {
      best = t;
      bestScore = score.get(t)!;
    }
  }
  return best;
}
