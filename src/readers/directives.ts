// Inline control comments: `<!-- policylint-disable term/csec, provision/mdt-labor -->`.
// The same words open a Word comment (see the Word reader).
import type { Directive } from '../model.js';

const DIRECTIVE = /^\s*(?:<!--)?\s*policylint-(disable-next-line|disable-line|disable|enable)\b([^>]*?)\s*(?:-->)?\s*$/;

/** The directive a comment holds, without its position; undefined for any other comment. */
export function parseDirective(comment: string): Omit<Directive, 'line' | 'column'> | undefined {
  const m = DIRECTIVE.exec(comment);
  if (!m) return undefined;
  // "-- reason" after the rule list is a note for people, as in ESLint.
  const list = m[2].split(/\s--\s/)[0];
  const rules = list.split(/[\s,]+/).map((r) => r.trim()).filter(Boolean);
  return { type: m[1] as Directive['type'], rules };
}

const COMMENT = /<!--[\s\S]*?-->/g;

/** A directive comment found in text: the directive, and the comment's offset and length there. */
export interface DirectiveComment {
  directive: Omit<Directive, 'line' | 'column'>;
  at: number;
  length: number;
}

/** Every HTML comment in `text` that holds a directive (other comments are left alone). */
export function directiveComments(text: string): DirectiveComment[] {
  const found: DirectiveComment[] = [];
  for (const m of text.matchAll(COMMENT)) {
    const directive = parseDirective(m[0]);
    if (directive) found.push({ directive, at: m.index, length: m[0].length });
  }
  return found;
}
