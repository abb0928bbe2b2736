// What the browser keeps of a review, so a reload or the same file dropped
// again resumes where the analyst left off: each document's bytes in
// IndexedDB and its decisions in localStorage, both under the SHA-256 of the
// file's bytes (the server's `hash`), plus which documents were open and the
// reviewer's name. Nothing leaves this computer; the review file is the
// analyst's own download to keep or hand on.

export type State = 'accepted' | 'rejected';
export type ExceptionKind = 'name-of-record' | 'allow';

export interface SavedDecision {
  state: State;
  choice: number;
  /** The analyst's own wording, when it differs from the offered one. */
  text?: string;
}

/** One document's review, with findings named by a key that does not depend on their order (see findingKey). */
export interface SavedReview {
  name: string;
  decisions: Record<string, SavedDecision>;
  exceptions: Record<string, ExceptionKind>;
  /** Provisions to add as Word comments. */
  comments: string[];
}

/** A review file: what `download-review` writes and the file input reads back. */
export interface ReviewFile {
  policylintReview: 1;
  reviewer?: string;
  documents: (SavedReview & { hash: string; data: string })[];
}

const REVIEW = (hash: string) => `policylint:review:${hash}`;
const OPEN = 'policylint:open';
const REVIEWER = 'policylint:reviewer';

/** Rule, block and place: the same finding in the same file, whatever else was found around it. */
export const findingKey = (f: { ruleId: string; block: number; start: number }) => `${f.ruleId}@${f.block}:${f.start}`;

export function loadReview(hash: string): SavedReview | undefined {
  try {
    const raw = localStorage.getItem(REVIEW(hash));
    return raw ? (JSON.parse(raw) as SavedReview) : undefined;
  } catch {
    return undefined;
  }
}

export function saveReview(hash: string, review: SavedReview): void {
  try {
    localStorage.setItem(REVIEW(hash), JSON.stringify(review));
  } catch {
    // Storage full or off (a private window): the review file still saves the work.
  }
}

export function loadOpen(): { hashes: string[]; shown?: string } {
  try {
    return (JSON.parse(localStorage.getItem(OPEN) ?? 'null') as { hashes: string[]; shown?: string } | null) ?? { hashes: [] };
  } catch {
    return { hashes: [] };
  }
}

export function saveOpen(hashes: string[], shown?: string): void {
  try {
    localStorage.setItem(OPEN, JSON.stringify({ hashes, shown }));
  } catch {
    // See saveReview.
  }
}

export const loadReviewer = (): string => localStorage.getItem(REVIEWER) ?? '';
export const saveReviewer = (name: string): void => localStorage.setItem(REVIEWER, name);

// ---------------------------------------------------------------- file bytes in IndexedDB

function db(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('policylint', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('files');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

export async function saveFile(hash: string, name: string, bytes: Uint8Array): Promise<void> {
  const d = await db();
  await new Promise<void>((resolve, reject) => {
    const tx = d.transaction('files', 'readwrite');
    tx.objectStore('files').put({ name, bytes }, hash);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  d.close();
}

export async function loadFile(hash: string): Promise<{ name: string; bytes: Uint8Array } | undefined> {
  const d = await db();
  const file = await new Promise<{ name: string; bytes: Uint8Array } | undefined>((resolve, reject) => {
    const get = d.transaction('files').objectStore('files').get(hash);
    get.onsuccess = () => resolve(get.result as { name: string; bytes: Uint8Array } | undefined);
    get.onerror = () => reject(get.error);
  });
  d.close();
  return file;
}

// ---------------------------------------------------------------- review files

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(out);
}

export function fromBase64(text: string): Uint8Array {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** A review file's content, or undefined when the JSON is something else. */
export function asReviewFile(value: unknown): ReviewFile | undefined {
  const v = value as Partial<ReviewFile> | null;
  if (!v || v.policylintReview !== 1 || !Array.isArray(v.documents)) return undefined;
  return v.documents.every((d) => d && typeof d.name === 'string' && typeof d.data === 'string' && typeof d.hash === 'string') ? (v as ReviewFile) : undefined;
}
