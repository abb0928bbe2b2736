// A term form's `when` condition, compiled: regular expressions tested on the
// block text just before and just after a match.
//
// Pack authors write `before` patterns as if matched against everything before
// the match, anchored at its end (`\s+$`). Run that way, the RegExp engine tries
// the pattern at every position of the prefix: O(block) for each hit, which
// made long paragraphs cost the square of their length. Compiled instead as a
// sticky look-behind `(?<=…)` tried at the one position where the match
// starts, it reads backwards only as far as the pattern needs, with the same
// meaning: `^` is still the start of the block and `$` the start of the match.
import type { Condition } from './pack.js';

export interface CompiledCondition {
  /** Whether the text around [start, end) of `text` meets every part of the condition. */
  test(text: string, start: number, end: number): boolean;
}

/** Tests `pattern` as a look-behind ending exactly at `at` (see above). */
function endsAt(pattern: string): (text: string, at: number) => boolean {
  const re = new RegExp(`(?<=(?:${pattern}))`, 'uy');
  return (text, at) => {
    re.lastIndex = at;
    // The slice is O(1) in V8 (a view, not a copy); it makes `$` in the pattern mean "where the match starts".
    return re.test(text.slice(0, at));
  };
}

/** Tests `pattern` anchored where the match ends; `$` is the end of the block. */
function startsAt(pattern: string): (text: string, at: number) => boolean {
  const re = new RegExp(`^(?:${pattern})`, 'u');
  return (text, at) => re.test(text.slice(at));
}

export function compileCondition(c: Condition | undefined): CompiledCondition | undefined {
  if (!c) return undefined;
  const checks: ((text: string, start: number, end: number) => boolean)[] = [];
  if (c.before !== undefined) {
    const before = endsAt(c.before);
    checks.push((text, start) => before(text, start));
  }
  if (c.notBefore !== undefined) {
    const notBefore = endsAt(c.notBefore);
    checks.push((text, start) => !notBefore(text, start));
  }
  if (c.after !== undefined) {
    const after = startsAt(c.after);
    checks.push((text, _start, end) => after(text, end));
  }
  if (c.notAfter !== undefined) {
    const notAfter = startsAt(c.notAfter);
    checks.push((text, _start, end) => !notAfter(text, end));
  }
  return { test: (text, start, end) => checks.every((check) => check(text, start, end)) };
}
