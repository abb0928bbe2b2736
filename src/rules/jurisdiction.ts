// Which state a document belongs to: the state its title and opening name most.
// A state agency's manual names its state ("Under Ohio law …", "the Ohio
// Department of …") far more often in its opening than any other, and a county
// protocol names its own state. The answer picks the state laws in `laws` whose
// duties the document restates without citing them (a context's `stateLaw`).
import type { PolicyDocument } from '../model.js';
import { OPENING_BLOCKS } from './doctype.js';

/** The states and the District of Columbia by the two-letter code `laws` entries use. */
const STATES: Readonly<Record<string, string>> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado', CT: 'Connecticut',
  DE: 'Delaware', DC: 'District of Columbia', FL: 'Florida', GA: 'Georgia', HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois',
  IN: 'Indiana', IA: 'Iowa', KS: 'Kansas', KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine', MD: 'Maryland',
  MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota', MS: 'Mississippi', MO: 'Missouri', MT: 'Montana',
  NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey', NM: 'New Mexico', NY: 'New York',
  NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio', OK: 'Oklahoma', OR: 'Oregon', PA: 'Pennsylvania',
  RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota', TN: 'Tennessee', TX: 'Texas', UT: 'Utah',
  VT: 'Vermont', VA: 'Virginia', WA: 'Washington', WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming',
};

const CODE_OF = new Map(Object.entries(STATES).map(([code, name]) => [name.toLowerCase(), code]));

// A state's name is a proper noun: capitalised, or in a heading's capitals. "West Virginia" is not also "Virginia":
// the longest name wins at a place. Case-sensitive literals keep this one cheap pass over the opening.
const NAME = new RegExp(
  `\\b(${Object.values(STATES)
    .sort((a, b) => b.length - a.length)
    .flatMap((n) => [n, n.toUpperCase()])
    .map((n) => n.replace(/ /g, '[ \\t\\n]+'))
    .join('|')})\\b`,
  'g',
);

const CAPITAL_DISTRICT = /^,?\s*D\.?\s?C\b/;
const OPENING_CHARACTERS = 3000;

/** The two-letter code of the state the document's title and opening blocks name most; undefined on a tie or none. */
export function documentState(doc: PolicyDocument): string | undefined {
  const counts = new Map<string, number>();
  // The opening: its first blocks, as far as the first few thousand characters (a long first paragraph is read in part).
  const opening: string[] = [];
  let room = OPENING_CHARACTERS;
  for (const block of doc.blocks.slice(0, OPENING_BLOCKS)) {
    if (room <= 0) break;
    opening.push(block.text.length > room ? block.text.slice(0, room) : block.text);
    room -= block.text.length;
  }
  for (const text of [doc.title ?? '', ...opening]) {
    for (const m of text.matchAll(NAME)) {
      const code = CODE_OF.get(m[1].replace(/\s+/g, ' ').toLowerCase())!;
      // "Washington, D.C." is where a federal agency sits, not the state.
      if (code === 'WA' && CAPITAL_DISTRICT.test(text.slice(m.index! + m[0].length, m.index! + m[0].length + 8))) continue;
      counts.set(code, (counts.get(code) ?? 0) + 1);
    }
  }
  let best: string | undefined;
  let top = 0;
  let tied = false;
  for (const [code, n] of counts) {
    if (n > top) [best, top, tied] = [code, n, false];
    else if (n === top) tied = true;
  }
  return tied ? undefined : best;
}
