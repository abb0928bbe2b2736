// The page's few DOM and fetch helpers: elements made from attributes and
// children (text is only ever set as text), the message area, sizes in words,
// and JSON posts with the server's error line.
export type Child = Node | string | undefined | false;

/** An element with attributes and children; strings become text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | number | boolean | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== undefined && c !== false) el.append(c);
  return el;
}

/** Children without the absent ones, for replaceChildren. */
export const present = (...children: Child[]): (Node | string)[] => children.filter((c): c is Node | string => c !== undefined && c !== false);
export const $ = (id: string) => document.getElementById(id)!;

export function say(text: string, kind: 'info' | 'error' = 'info'): void {
  $('messages').append(h('p', { class: kind }, text));
}

export function clearMessages(): void {
  $('messages').replaceChildren();
}

export function sizeText(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Number(mb.toFixed(1))} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

export async function errorOf(res: Response): Promise<string> {
  try {
    return ((await res.json()) as { error?: string }).error ?? res.statusText;
  } catch {
    return res.statusText || `error ${res.status}`;
  }
}

export async function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}
