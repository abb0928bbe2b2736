// The documents open on the page, each with the analyst's decisions, and how
// they are kept in this browser (persist.ts) soon after each change.
import type { DocumentView } from '../view.js';
import { $ } from './dom.js';
import { findingKey, loadReview, saveReview, saveReviewer, type ExceptionKind, type SavedDecision, type SavedReview } from './persist.js';

export interface Review {
  view: DocumentView;
  /** The file as chosen: re-sent after a reload, and written into the review file. */
  bytes: Uint8Array;
  decisions: Map<number, SavedDecision>;
  /** Chosen replacement per finding (index into its choices), kept while undecided too. */
  choices: Map<number, number>;
  /** The analyst's own wording per finding, while it differs from the chosen replacement. */
  custom: Map<number, string>;
  /** Rejected findings marked as the county's name of record or an allowed phrase. */
  exceptions: Map<number, ExceptionKind>;
  /** Each step the analyst took, for undo: the findings it changed and their decisions before. */
  history: { index: number; before?: SavedDecision }[][];
  /** Position in view.findings of the selected finding. */
  selected: number;
  /** Position of the finding rejected last: the panel offers to mark it as the county's own after moving on. */
  lastRejected?: number;
  /** Provisions to add as comments in the Word redline. */
  comments: Set<string>;
  /** The text as shown: blocks are put on the page in chunks, as the analyst scrolls (a large document's first findings show at once). */
  text?: TextView;
}

export interface TextView {
  article: HTMLElement;
  /** Blocks on the page so far: 0 … rendered-1. */
  rendered: number;
  /** Findings of each block, in order, by position in view.findings. */
  byBlock: Map<number, number[]>;
  marks: Map<number, HTMLElement>;
  sentinel: HTMLElement;
}

/** Every document opened on the page, by its id on the server. */
export const reviews = new Map<string, Review>();

export function newReview(view: DocumentView, bytes: Uint8Array): Review {
  const saved = loadReview(view.hash);
  const open = view.provisions.filter((p) => p.status === 'partial' || p.status === 'absent').map((p) => p.id);
  const r: Review = {
    view, bytes, decisions: new Map(), choices: new Map(), custom: new Map(), exceptions: new Map(), history: [], selected: 0,
    comments: new Set(saved ? saved.comments.filter((c) => open.includes(c)) : open),
  };
  if (saved) {
    for (const f of view.findings) {
      const key = findingKey(f);
      const d = saved.decisions[key];
      if (d && (d.state === 'rejected' || f.choices[d.choice] !== undefined)) {
        r.decisions.set(f.index, d);
        r.choices.set(f.index, d.choice);
        if (d.text !== undefined) r.custom.set(f.index, d.text);
      }
      const x = saved.exceptions[key];
      if (x) r.exceptions.set(f.index, x);
    }
    // Resume at the first finding still to review.
    const next = view.findings.findIndex((f) => !r.decisions.has(f.index));
    r.selected = next === -1 ? 0 : next;
  }
  return r;
}

export function savedOf(r: Review): SavedReview {
  const keys = new Map(r.view.findings.map((f) => [f.index, findingKey(f)]));
  return {
    name: r.view.name,
    decisions: Object.fromEntries([...r.decisions].map(([i, d]) => [keys.get(i)!, d])),
    exceptions: Object.fromEntries([...r.exceptions].map(([i, x]) => [keys.get(i)!, x])),
    comments: [...r.comments],
  };
}

const unsaved = new Set<Review>();
let saveTimer: ReturnType<typeof setTimeout> | undefined;

/** Keeps the review in this browser: soon after a change, and at once when the page goes away. */
export function remember(r: Review): void {
  unsaved.add(r);
  saveTimer ??= setTimeout(flush, 150);
}

export function flush(): void {
  if (saveTimer) clearTimeout(saveTimer);
  saveTimer = undefined;
  for (const r of unsaved) saveReview(r.view.hash, savedOf(r));
  unsaved.clear();
}

export function setReviewer(name: string): void {
  saveReviewer(name);
  ($('reviewer-name') as HTMLInputElement).value = name;
}

export const reviewer = () => ($('reviewer-name') as HTMLInputElement).value.trim();
