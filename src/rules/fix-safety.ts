// Whether a term's replacement is safe to make without a person reading the
// sentence (the finding's `fix`, made by --fix, a redline and "fix all"), or
// only to offer (its suggestions). A fix must keep the sentence's meaning and
// its grammar; where either is in doubt the replacement stays a suggestion.
// The checks read the words around the match, never a list of terms, so a
// county pack's terms are held by the same rules (docs/fixes.md).
import { clauses } from './sentences.js';

/** Why a replacement is left for a person. */
export type FixHold = 'rejected-label' | 'dated-record' | 'explained-word' | 'compound' | 'grammar' | 'coordination' | 'same-phrase';

/** What a finding says when its replacement is held, after "--fix leaves it: ". */
export const HOLD_REASONS: Record<FixHold, string> = {
  'rejected-label': 'the sentence rejects the label',
  'dated-record': 'a dated record names it as it was then',
  'explained-word': 'the sentence is about the word itself',
  compound: 'it is part of a compound word or a name',
  grammar: 'the new words do not fit this phrase',
  coordination: 'the new words would run into the words after them',
  'same-phrase': 'another finding is in the same phrase',
};

/** A match and its replacement, as numbers into the block's text. */
export interface FixPlace {
  text: string;
  /** The span the finding covers (and its fix replaces, apart from a changed article). */
  start: number;
  end: number;
  sentenceStart: number;
  sentenceEnd: number;
  /** The words found. */
  found: string;
  /** The first replacement as fitted into the sentence (with its article when it changes one). */
  replacement: string;
  possessive: boolean;
  /** Another of the block's term matches stands right beside this one (sideBySide). */
  besideAnother: boolean;
}

/** Two matches with only spaces, a hyphen or a slash between them modify one noun ("CSEC DMST cases"). */
export function sideBySide(text: string, firstEnd: number, secondStart: number): boolean {
  return firstEnd <= secondStart && secondStart - firstEnd <= 3 && /^[\s\-‐‑/]*$/.test(text.slice(firstEnd, secondStart));
}

/**
 * A pattern written to end where the match starts (`…$`), tried once at that place as a sticky look-behind, as
 * condition.ts does for `when` patterns: it reads back only as far as it needs instead of being tried at every
 * position of the text before the match (a table of a million cells has a million findings).
 */
function endingHere(re: RegExp): (before: string) => boolean {
  const sticky = new RegExp(`(?<=(?:${re.source}))`, `${re.flags}y`);
  return (before) => {
    sticky.lastIndex = before.length;
    return sticky.test(before);
  };
}

/** How far on each side of a match the words that decide are looked for (a paragraph may be one long sentence). */
const REACH = 240;

const DETERMINER = String.raw`(?:an?|the|their|his|her|its|our|your|my|them)`;
const QUOTE_OPEN = String.raw`["“‘']?`;

// ------------------------------------------------------------ compounds and names
/** "CSEC-specific", "CSEC-IT", "CSEC/labor", "CSEC- and labor-", "CSEC 101", "CSEC®". */
const COMPOUND_AFTER = /^(?:[-‐‑/](?=[\p{L}\p{N}])|[-‐‑]\s+(?:and|or|to)\b|[ \t]*\d|[®™])/u;
/** "anti-CSEC", "sex/CSEC". */
const COMPOUND_BEFORE = endingHere(/[\p{L}\p{N}][-‐‑/]$/u);

// ------------------------------------------------------------ grammar
/** A word for a person right after the match: a replacement ending in a noun would stack onto it ("child trafficking youth"). */
const PERSON_AFTER = /^[ \t]+(?:youth|youths|child|children|kids?|girls?|boys?|minors?|teens?|teenagers?|adolescents?|juveniles?|clients?|individuals?|persons?|people|population|famil(?:y|ies)|parents?|caregivers?|students?)\b/iu;
/** The replacement ends in a noun ("… trafficking", "… exploitation"), not a word that describes ("trafficked"). */
const ENDS_IN_NOUN = /(?:ing|tion|ment|ery|ism)$/i;
/** A replacement whose head noun comes first and is described after it: a possessive cannot follow it. */
const POSTMODIFIED = /\s(?:who|that|which|whom|affected\s+by|at\s+risk|of|with|from|in)\s/i;
/** A singular determiner right before the match. */
const SINGULAR_BEFORE = endingHere(/\b(?:a|an|each|every|one|this|that|another|either|neither)\s+$/i);
/** A replacement that names more than one: "children and youth …", "minors …". */
const PLURAL_HEAD = /^(?:(?:a|an)\s+)?(?:children|minors|youths|clients|individuals|people|victims|survivors|girls|boys|teens|families|populations)\b/iu;

// ------------------------------------------------------------ coordination
/** "… or other exploited children", "… and families": a conjunct without its own determiner shares the phrase. */
const BARE_CONJUNCT_AFTER =
  /^\s*,?\s*(?:and\/or|and|or|nor|&)\s+(?!(?:the|a|an|their|his|her|its|our|your|any|all|each|every|this|these|those|that|whose|who|which|whom|are|is|were|was|be|have|has|had|will|shall|may|must|can|should|would|could|do|does|did|not|to|in|at|on|by|for|from|with)\b(?![-‐‑'’]))\p{L}/iu;
/** "at-risk and CSEC youth": a describing word before "and" shares the noun the replacement moves away. */
const DESCRIBING_CONJUNCT_BEFORE = endingHere(/(?:\b[\p{L}]+[-‐‑][\p{L}]+|\b[\p{L}]+(?:ed|ful|less|ous|ive|al)|\b(?:runaway|homeless|foster|young|vulnerable|other|older|younger))\s*,?\s+(?:and\/or|and|or|nor|&)\s+$/iu);

// ------------------------------------------------------------ a label rejected
const NEGATION = String.raw`(?:\b(?:not|never|no\s+longer|cannot|avoid(?:s|ed|ing)?|refrain(?:s|ed|ing)?\s+from|stop(?:s|ped|ping)?)|n['’]t)`;
/** Verbs that put a label on someone through "as": "treated as a …", "referred to … as". */
const AS_VERB = String.raw`(?:treat|consider|deem|view|see|seen|regard|describe|characteri[sz]e|classif(?:y|ie)|identif(?:y|ie)|charge|arrest|prosecute|punish|detain|book|cite|label|labell|brand|refer\s+to|referr?ed\s+to|referring\s+to|refers\s+to|think\s+of|speak\s+of|talk\s+about)(?:s|d|ed|ing)?`;
/** Verbs that name someone directly: "called …", "consider them …". */
const NAMING_VERB = String.raw`(?:call|label|labell|brand|term|name|dub|consider|deem)(?:s|ed|ing|d)?`;
/** Where the label goes after such a verb, ending where the match starts. */
const LABEL_SLOT = String.raw`(?:\b${AS_VERB}(?:\s+[\w'’-]+){0,6}?\s+as|\b${NAMING_VERB}(?:\s+[\w'’-]+){0,3}?)\s+(?:${DETERMINER}\s+)?${QUOTE_OPEN}$`;
const NEGATED_LABEL = endingHere(new RegExp(`${NEGATION}\\s+(?:[\\w'’-]+\\s+){0,4}?${LABEL_SLOT}`, 'iu'));
/** "No child … will be treated as …". */
const NO_ONE_LABELED = endingHere(new RegExp(`\\b(?:no|neither|none|nobody|no\\s+one)\\b(?!\\s+(?:later|more|less|fewer|longer|cost|charge)\\b)[^;:]*?${LABEL_SLOT}`, 'iu'));
/** "treats no child as a …", "call no youth a …". */
const LABELS_NO_ONE = endingHere(new RegExp(
  `\\b(?:${AS_VERB}\\s+(?:no|none\\s+of)\\b(?:\\s+[\\w'’-]+){0,5}?\\s+as|${NAMING_VERB}\\s+(?:no|none\\s+of)\\b(?:\\s+[\\w'’-]+){0,3}?)\\s+(?:${DETERMINER}\\s+)?${QUOTE_OPEN}$`,
  'iu',
));
/** "a victim, not a child prostitute", "rather than CSEC youth". */
const REJECTED_HERE = endingHere(new RegExp(`(?:${NEGATION}|\\b(?:rather\\s+than|instead\\s+of|in\\s+place\\s+of|as\\s+opposed\\s+to))\\s+(?:(?:be|being|as)\\s+)?(?:${DETERMINER}\\s+)?${QUOTE_OPEN}$`, 'iu'));
/** Cheap first look: none of the rejecting words is in the clause. */
const ANY_NEGATION = /\b(?:no|not|never|neither|none|nobody|cannot|avoid\w*|refrain\w*|stop\w*|rather|instead|place|opposed)\b|n['’]t\b/i;

// ------------------------------------------------------------ the word itself
/** "the term …", "words like …", "known as …", "so-called …", "what youth call …". */
const ABOUT_THE_WORD_BEFORE = endingHere(new RegExp(
  String.raw`(?:\b(?:the|this|that|such|a)\s+(?:(?:outdated|old|former|slang|street|harmful|stigmatizing|offensive|common|derogatory|informal|so-called)\s+)*(?:terms?|words?|labels?|phrases?|names?|acronyms?|expressions?|slang)|\b(?:terms?|words?|labels?|phrases?|expressions?|slang|language)\s+(?:like|such\s+as|including)|\bso[-\s]called|\bknown\s+as|\breferred\s+to\s+as|\ba\.?k\.?a\.?|\b(?:also|sometimes|often|commonly|still|once)\s+called|\b(?:is|are|was|were|be|been|being)\s+called|\bnicknamed|\bdubbed|\btermed|\buse\s+of|\bwhat\s+(?:[\w'’-]+\s+){0,3}?(?:call|calls|called|refer\s+to\s+as|mean\s+by))` +
    String.raw`(?:\s+${DETERMINER})?\s*[:,]?\s*${QUOTE_OPEN}$`,
  'iu',
));
/** "call a trafficker their …", "called her a …", "call traffickers …": the naming verb with its object between. */
const CALLED_SOMETHING = endingHere(new RegExp(
  String.raw`\bcall(?:s|ed|ing)?\s+(?:(?:them|him|her|it|themselves|each\s+other|one\s+another|us|me|you|someone)\s+|(?:(?!(?:and|or|about|for|to|with|on|at|in|from|regarding|when|if|after|before|back|out)\b)[\w'’-]+\s+){1,3}(?:their|his|her|my|our|your|a|an)\s+|(?!(?:the|and|or)\b)[\w'’-]+s\s+)${QUOTE_OPEN}$`,
  'iu',
));
/** "… is a slang term", "… is outdated". */
const ABOUT_THE_WORD_AFTER =
  /^["”’']?\s*(?:[),]\s*)?(?:is|are|was|were)\s+(?:(?:an?|the)\s+)?(?:(?:outdated|old|former|slang|street|harmful|stigmatizing|offensive|common|derogatory|informal|older|preferred|legal)\s+)*(?:terms?|words?|labels?|phrases?|names?|slang|acronyms?|expressions?|outdated|derogatory|stigmatizing|offensive)\b/iu;
/** A past name: "formerly the …", "replaces the …", "the CSEC Unit (now …)". */
const PAST_NAME_BEFORE = endingHere(new RegExp(
  String.raw`\b(?:formerly|previously|originally|historically|former|prior|earlier|replac(?:es|ed|ing|e)|supersed(?:es|ed|ing|e)|renam(?:es|ed|ing|e)\s+from|succeed(?:s|ed)?|successor\s+to|changed\s+from)\s+(?:(?:known\s+as|called|named|titled|as|the|a|an|its|their|our|[\w-]+['’]s)\s+)*${QUOTE_OPEN}$`,
  'iu',
));
const PAST_NAME_AFTER = /^["”’']?\s*(?:\(\s*(?:now|later|since\s+renamed|renamed)\b|,\s*(?:now|later|since\s+renamed)\b|(?:was|were|has\s+been|had\s+been|is\s+now|are\s+now|became|becomes)\s+(?:renamed|replaced|retired|dissolved|succeeded|merged|reorganized|known|called))/iu;

// ------------------------------------------------------------ records of the past
const MONTH = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)`;
/** A year, not a bill or code number ("AB 2035"), nor a count ("2000 cases"). */
const YEAR = String.raw`(?<!\b(?:AB|SB|HB|AJR|SJR|ACR|SCR|No\.?|Nos\.?|Section|Sec\.|Code|WIC|PC|Ch\.?|Chapter|Stats\.?|Rule|Form|§)\s*)\b(?:19|20)\d\d\b(?!\s*(?:hours|days|cases|youth|children|people|percent|%))`;
const DATED = new RegExp(`${YEAR}|\\b${MONTH}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?\\b|\\b\\d{1,2}\\/\\d{1,2}\\/\\d{2,4}\\b`, 'u');
/** Something that happened: an approval, a founding, a meeting, a change of name; not a duty to come ("will be adopted"). */
const PAST_EVENT =
  /(?<!\b(?:will|shall|may|must|might|to|be|being|should|can|would|could|is|are|am)\s+)\b(?:was|were|approved|adopted|established|formed|convened|created|founded|launched|signed|ratified|renamed|began|held|met|issued|published|enacted|passed|amended|chartered|organized|organised|dissolved|merged|replaced|funded|awarded|started|opened|became|grew|hosted|released|reviewed|completed|hired|(?:has|have|had)\s+(?:been\s+|\w+ly\s+)?\w+(?:ed|en|met|led|held|run|grown|done|made))\b/iu;
/** An approval or adoption line: "Approved by … on …", "Adopted: …". */
const RECORD_LINE = /^[^\p{L}]*(?:approved|adopted|effective|revised|reviewed|signed|ratified|endorsed|enacted|dated|issued|amended|updated)\b/iu;
/** A body's founding, dated or not: "was established as the …", "were first convened …". */
const FOUNDED = /\b(?:was|were|had\s+been)\s+(?:first\s+|originally\s+|initially\s+)?(?:established|formed|convened|created|founded|launched|chartered|organized|organised|started|renamed|named)\b/iu;
const HAS_DIGIT = /\d/;
const HAS_PAST_BE = /\b(?:was|were|been)\b/i;
/** "the 2015 CSEC Protocol": the thing as it was named that year. */
const YEAR_NAMED_BEFORE = endingHere(new RegExp(`${YEAR}\\s+(?:[\\p{Lu}][\\w'’-]*\\s+)?${QUOTE_OPEN}$`, 'u'));

/** Why the first replacement of a finding is held back from its fix, or undefined when the fix is safe. */
export function fixHold(p: FixPlace): FixHold | undefined {
  const { text, start, end } = p;
  const from = Math.max(p.sentenceStart, start - REACH);
  const before = text.slice(from, start);
  const after = text.slice(end, Math.min(p.sentenceEnd, end + REACH));
  const words = p.replacement.trim();

  if (COMPOUND_AFTER.test(after) || COMPOUND_BEFORE(before)) return 'compound';

  // What the sentence means first: a rejected label, the word itself, a record of the past.
  if (ANY_NEGATION.test(before)) {
    const clauseStarts = clauses(text, [from, start]);
    const clause = text.slice(clauseStarts[clauseStarts.length - 1][0], start);
    if (REJECTED_HERE(clause) || NEGATED_LABEL(clause) || NO_ONE_LABELED(clause) || LABELS_NO_ONE(clause)) return 'rejected-label';
  }

  if (/["“‘']$/.test(before) && /^["”’']/.test(after)) return 'explained-word';
  if (ABOUT_THE_WORD_BEFORE(before) || CALLED_SOMETHING(before) || ABOUT_THE_WORD_AFTER.test(after)) return 'explained-word';
  if (PAST_NAME_BEFORE(before) || PAST_NAME_AFTER.test(after)) return 'explained-word';

  const sentence = before + p.found + after;
  // Every date has a digit and every founding a "was", "were" or "been": most sentences are ruled out by that look.
  const digits = HAS_DIGIT.test(sentence);
  if ((digits && YEAR_NAMED_BEFORE(before)) || (HAS_PAST_BE.test(sentence) && FOUNDED.test(sentence))) return 'dated-record';
  if (digits && DATED.test(sentence) && (PAST_EVENT.test(sentence) || RECORD_LINE.test(text.slice(p.sentenceStart, p.sentenceStart + 80)))) return 'dated-record';

  // Then the grammar of the new words in the phrase.
  if (ENDS_IN_NOUN.test(words) && PERSON_AFTER.test(after)) return 'grammar';
  if (p.possessive && POSTMODIFIED.test(words.replace(/['’]s?$/, ''))) return 'grammar';
  if (SINGULAR_BEFORE(before) && PLURAL_HEAD.test(words)) return 'grammar';

  // Two findings side by side modify one noun ("CSEC DMST cases"): either replacement alone leaves a stack of two.
  if (p.besideAnother) return 'same-phrase';

  const movesHead = POSTMODIFIED.test(` ${words} `) && !POSTMODIFIED.test(` ${p.found} `);
  if (movesHead && (BARE_CONJUNCT_AFTER.test(after) || DESCRIBING_CONJUNCT_BEFORE(before))) return 'coordination';
  return undefined;
}
