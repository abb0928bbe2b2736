// The one-line message of a provision finding: how the document falls short, in a few words, and what to add.
// The long message (rules/provisions.yaml `messages`: the reasons, the study's recommendation, the statute) stays
// the finding's `detail`, shown once by `policylint explain`, the editor's hover, the HTML report and --verbose.
import type { ProvisionStatus } from '../types.js';
import type { ProvisionEntry } from './pack.js';

/** Longest message a finding gets; ESLint's and Vale's are one line, and a policy analyst reads them in a list. */
export const MESSAGE_LIMIT = 200;

/** Which of a provision's long messages the finding was given. */
export type ShortFall = 'absent' | 'confusable' | 'partial' | 'narrow' | 'negated';

export interface ProvisionShortfall {
  fall: ShortFall;
  /** What the section does not mention (partial). */
  missing?: string;
  /** The line of a different duty often mistaken for this one (confusable). */
  confusableLine?: number;
}

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A provision's long messages as provisions.ts fills them in (`fill` there), worked out once per provision. */
interface Templates {
  negated?: string;
  narrow?: string;
  /** The partial message around its `{missing}`. */
  partial: [string, string];
  confusable?: string;
}

const templates = new WeakMap<ProvisionEntry, Templates>();
function templatesOf(p: ProvisionEntry): Templates {
  let t = templates.get(p);
  if (!t) {
    const filled = (template: string | undefined) => template?.replace(/\{missing\}/g, '').trim();
    const [before, after = ''] = p.messages.partial.trimStart().split('{missing}');
    t = { negated: filled(p.messages.negated), narrow: filled(p.messages.narrow), partial: [before, after.trimEnd()], confusable: filled(p.messages.confusable) };
    templates.set(p, t);
  }
  return t;
}

/**
 * Which long message `message` is, told by comparing it with the provision's templates: the rule logic in
 * provisions.ts keeps returning the long text and needs to know nothing of the short one.
 */
export function shortfallOf(p: ProvisionEntry, status: ProvisionStatus, message: string): ProvisionShortfall {
  const t = templatesOf(p);
  if (status === 'absent') {
    const line = /\(line (\d+)\)$/.exec(message);
    if (t.confusable && line && message.includes(t.confusable)) return { fall: 'confusable', confusableLine: Number(line[1]) };
    return { fall: 'absent' };
  }
  if (message === t.negated) return { fall: 'negated' };
  if (message === t.narrow) return { fall: 'narrow' };
  const [before, after] = t.partial;
  if (message.startsWith(before) && message.endsWith(after) && message.length >= before.length + after.length) {
    const missing = message.slice(before.length, message.length - after.length).trim();
    return { fall: 'partial', missing: missing || undefined };
  }
  return { fall: 'partial' };
}

const words = new WeakMap<ProvisionEntry, { action: string; title: string }>();
/** A provision's title and what to add, on one line each, worked out once per provision. */
function wordsOf(p: ProvisionEntry): { action: string; title: string } {
  let w = words.get(p);
  if (!w) {
    w = { action: flat(p.short ?? `add the model language (policylint explain provision/${p.id})`), title: flat(p.title).replace(/\.$/, '') };
    words.set(p, w);
  }
  return w;
}

/** "<title>: <how it falls short>; <what to add> (<where>)." — the optional parts dropped, in order, until it fits. */
export function shortMessage(p: ProvisionEntry, shortfall: ProvisionShortfall, place?: string): string {
  const { action, title } = wordsOf(p);
  // A concept's description may explain itself in parentheses; the message names it only.
  const missing = shortfall.missing?.replace(/\s*\([^()]*\)/g, '');
  const state = {
    absent: 'not found',
    confusable: `not found (line ${shortfall.confusableLine} is a different duty)`,
    partial: missing ? `does not mention ${missing}` : 'incomplete',
    narrow: 'sex trafficking only',
    negated: 'labor trafficking appears excluded',
  }[shortfall.fall];
  const where = place ? ` (${place})` : '';
  for (const candidate of [`${title}: ${state}; ${action}${where}.`, `${title}: ${state}; ${action}.`, `${title}: ${state}.`]) {
    if (candidate.length <= MESSAGE_LIMIT) return candidate;
  }
  return `${title.slice(0, MESSAGE_LIMIT - state.length - 4)}…: ${state}.`;
}
