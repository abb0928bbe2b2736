// Whether a term sits inside the title of a law or of another document ("… Strengthening Families Act",
// "a 2018 study, Sex Trafficking in Harbor County, found …"): the words are that title's, not the author's.
// A year often opens a document's title ("the 2018 Sex Trafficking of Minors Response Guide"); an acronym in
// parentheses often sits inside one ("… Children (CSEC) Protocols").
const TITLE_WORD = /^(?:[\p{Lu}][\p{L}'’.-]*|of|and|for|the|on|in|to|&|\(?[A-Z]{2,}\)?|(?:19|20)\d\d)$/u;
/** How far on each side of a match the words of a title are looked for. */
const TITLE_REACH = 120;
/** Words that make a run of capitalised words the title of a law, a published resource or an agreement. */
const LAW_OR_DOCUMENT =
  /\b(?:Act|Acts|Report|Toolkit|Framework|Handbook|Guide|Guidelines|Manual|Study|Bill|Memorandum|MOU|Agreement|Infographic|Fact Sheet|Poster|Series|Webinar|Curriculum|Summit|Conference|Symposium|Forum|Awareness Month|Awareness Week|Awareness Day)\b/;
/** Kinds of recurring event, which may follow their capitalised name in lower case ("… Lunch and Learn series"). */
const EVENT_KIND = 'series|webinars?|conference|summit|symposium|forum';
const EVENT_AFTER = new RegExp(`^(?:${EVENT_KIND})$`);
const EVENT_NEAR = new RegExp(`\\b(?:${EVENT_KIND})\\b`);
/** Titles that are names even when the term opens them: a law, or a recurring event. */
const NAMED_FROM_ITS_FIRST_WORD = /\b(?:Act|Summit|Conference|Symposium|Forum|Awareness\s+(?:Month|Week|Day))\b/;
/** The kind of work a title follows ("the report, …", "a study titled …"); a course or training named so may be the author's own. */
const WORK_WORD = /\b(?:study|report|toolkit|handbook|manual|article|book|paper|brief|publication|infographic|fact sheet|poster)\b/i;
/** Words that say a title follows, whatever kind of work it names ("a guide titled …", "the session entitled …"). */
const TITLED = /\b(?:titled|entitled)\b/;
// With its article ("a 2018 study, …", "the report …"), so that "Report CSEC referrals …" is not read as a title.
const BEFORE_TITLE = new RegExp(`(?:\\b(?:the|a|an|this|that|its|their|our)\\s+(?:[\\w-]+\\s+)?${WORK_WORD.source}(?:,|\\s+(?:titled|entitled|called|named))?|${TITLED.source})\\s+["“]?$`, 'i');
/** An owner other than the author right before a title ("the state's … Guide"): another body's work, not the county's own. */
const OTHER_OWNER = /\b(?:the|a|an)\s+(?:state(?:'s|’s)?|statewide|national|federal|non-?profit)\s+$/i;
const CAPITAL = /^\p{Lu}/u;
const CONNECTOR = /^(?:of|and|for|the|on|in|to|&)$/;

/** A heading that ends with one of these names a published resource ("… On-Ramps Fact Sheet"), not a section. */
const RESOURCE_HEADING = /\b(?:Infographic|Fact Sheets?|Poster|Series|Series Events|Webinar|Toolkit|Brief|Video|Podcast)\s*$/;

/**
 * The match sits inside the title of a law or of another document ("… Strengthening Families Act"). A heading is
 * one when it names a published resource; other headings are all capitalised words and say nothing by that.
 */
export function inCitedTitle(text: string, start: number, end: number, heading: boolean): boolean {
  if (heading) return RESOURCE_HEADING.test(text);
  // Most matches have no "Act", "Report"… within reach, and are not capitalised after a "study" or "report": those
  // answers need no word splitting ("report" is common in policies; a capital is not).
  const leftText = text.slice(Math.max(0, start - TITLE_REACH), start);
  const around = text.slice(Math.max(0, start - TITLE_REACH), end + TITLE_REACH);
  const named = LAW_OR_DOCUMENT.test(around) || EVENT_NEAR.test(around);
  const capital = CAPITAL.test(text[start] ?? '');
  if (!named && !(capital && (WORK_WORD.test(leftText) || TITLED.test(leftText)))) return false;
  const left = leftText.split(/(\s+)/);
  const right = text.slice(end, end + TITLE_REACH).split(/(\s+)/);
  const words: string[] = [];
  // A bracket standing alone next to the match ("… Children (CSEC) Protocols") is part of the title.
  const skipped = (w: string) => /^\s*$|^[()]+$/.test(w);
  // Where in leftText the title's words begin: at a capitalised word, since a title never opens with a connecting
  // word ("a report on CSEC" is a report about it, not one titled "on CSEC").
  let runStart = leftText.length;
  for (let i = left.length - 1, offset = leftText.length; i >= 0; i--) {
    offset -= left[i].length;
    if (skipped(left[i])) continue;
    if (!TITLE_WORD.test(left[i])) break;
    words.unshift(left[i]);
    if (!CONNECTOR.test(left[i])) runStart = offset;
  }
  // A title named right after the kind of work it is ("a 2018 study, Sex Trafficking in Harbor County, found …").
  if (capital && BEFORE_TITLE.test(leftText.slice(0, runStart))) return true;
  const leftCount = words.length;
  /** The first word after the title's capitalised words. */
  let after = '';
  for (const w of right) {
    if (skipped(w)) continue;
    // Closing punctuation ends the title; a closing bracket without its opening one is not part of the word.
    const bare = w.replace(/[,;:.]+$/, '').replace(/^([^(]*)\)+$/, '$1');
    if (!TITLE_WORD.test(bare)) {
      after = bare;
      break;
    }
    words.push(bare);
    if (bare !== w) break;
  }
  // Connecting words at its ends ("Report … to the") belong to the sentence, not to a title.
  let first = 0;
  let last = words.length;
  while (first < leftCount && CONNECTOR.test(words[first])) first++;
  while (last > leftCount && CONNECTOR.test(words[last - 1])) last--;
  const kept = words.slice(first, last);
  const title = kept.join(' ');
  // A run of two or more capitalised words with the term, then the kind of event: "Sex Trafficking Prevention Lunch and Learn series".
  if (last === words.length && EVENT_AFTER.test(after) && kept.length + 1 >= 3) return true;
  if (!LAW_OR_DOCUMENT.test(title)) return false;
  // "the CSEC Act" is short enough to be a name, and an event's name may open with the term ("Sex Trafficking
  // Awareness Summit"), as may another body's work ("the state's Sex Trafficking Response Guide"); otherwise a
  // sentence-start capital alone is not a title.
  return kept.length + 1 >= 3 && (leftCount - first > 0 || NAMED_FROM_ITS_FIRST_WORD.test(title) || OTHER_OWNER.test(leftText.slice(0, runStart)));
}

/** Short words a title leaves in lower case. */
const TITLE_LOWER = /^(?:with|from|into|onto|upon|over|about|than|that)$/;

/**
 * A link's words that read as the title of the page or document it opens ("Sex Trafficking Warning Signs for
 * Parents"): two words or more, every word of four letters or more capitalised. A link inside a sentence's own
 * wording ("read more about sex trafficking here") is judged as the sentence is.
 */
export function isTitleLike(words: string): boolean {
  const list = words.trim().split(/\s+/);
  return list.length >= 2 && list.every((w) => !/^\p{L}{4,}/u.test(w) || /^[\p{Lu}\d]/u.test(w) || TITLE_LOWER.test(w));
}
