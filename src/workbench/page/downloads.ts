// What the analyst takes away: the Word redline or the fixed text of one
// document, the reports, the review file and the county's exceptions. Each is
// made by the server from the decisions sent with the request.
import type { RedlineRequest, ReportRequest } from '../view.js';
import { plural } from '../../report/words.js';
import { clearMessages, errorOf, h, postJson, say } from './dom.js';
import { toBase64, type ReviewFile } from './persist.js';
import { flush, reviewer, reviews, savedOf, type Review } from './store.js';

function saveAs(blob: Blob, name: string): void {
  const link = h('a', { href: URL.createObjectURL(blob), download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

/** Fetches a download with the decisions and hands it to the browser as a file. */
async function download(url: string, body: unknown): Promise<void> {
  clearMessages();
  const res = await postJson(url, body);
  if (!res.ok) return say(await errorOf(res), 'error');
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const name = decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? 'policylint-download');
  const skipped = Number(res.headers.get('X-Policylint-Skipped') ?? 0);
  saveAs(await res.blob(), name);
  say(`Downloaded ${name}.${skipped ? ` ${plural(skipped, 'accepted change')} run through formatting (a link, emphasis, code) and ${skipped === 1 ? 'was' : 'were'} left for you to make by hand.` : ''}`);
}

function accepted(r: Review): RedlineRequest['accepted'] {
  return [...r.decisions].filter(([, d]) => d.state === 'accepted').map(([finding, d]) => ({ finding, choice: d.choice, ...(d.text !== undefined ? { text: d.text } : {}) }));
}

function reportRequest(ids: string[], format: ReportRequest['format']): ReportRequest {
  const decisions = Object.fromEntries(ids.map((id) => [id, [...reviews.get(id)!.decisions].map(([finding, d]) => ({ finding, ...d }))]));
  return { ids, format, decisions, reviewer: reviewer() || undefined };
}

/** The open documents' review as one file, with the documents themselves, to keep or hand to a colleague. */
function downloadReview(ids: string[]): void {
  flush();
  const file: ReviewFile = {
    policylintReview: 1,
    ...(reviewer() ? { reviewer: reviewer() } : {}),
    documents: ids.map((id) => {
      const r = reviews.get(id)!;
      return { ...savedOf(r), hash: r.view.hash, data: toBase64(r.bytes) };
    }),
  };
  const first = reviews.get(ids[0])!.view.name;
  const name = `${ids.length === 1 ? first.slice(0, first.lastIndexOf('.')) || first : 'policylint'}.review.json`;
  saveAs(new Blob([JSON.stringify(file)], { type: 'application/json' }), name);
  say(`Downloaded ${name}. Choose it with Choose documents… to resume this review, here or on another computer.`);
}

async function downloadExceptions(ids: string[]): Promise<void> {
  const items = ids.flatMap((id) => [...reviews.get(id)!.exceptions].filter(([index]) => reviews.get(id)!.decisions.get(index)?.state === 'rejected').map(([finding, kind]) => ({ id, finding, kind })));
  if (items.length === 0) {
    clearMessages();
    return say('No exceptions yet: reject a finding, then mark it as your name of record or a phrase to always allow.', 'error');
  }
  await download('/api/exceptions', { items });
}

/** The downloads for one document, or for the batch (`batchIds`) when none is shown. */
export function downloadButtons(r: Review | undefined, batchIds: string[]): HTMLElement {
  const group = h('div', { class: 'downloads', role: 'group', 'aria-label': 'Downloads' });
  const button = (label: string, testid: string, action: () => Promise<void>) => {
    const b = h('button', { type: 'button', class: 'button', 'data-testid': testid }, label);
    b.addEventListener('click', () => void action().catch(() => say('The workbench did not answer. Is policylint serve still running?', 'error')));
    group.append(b);
  };
  if (r?.view.readOnly) {
    // No redline or fixed copy: the one line saying why is shown under the title (showReview).
  } else if (r?.view.fixMode === 'redline') {
    button('Word redline (.docx)', 'download-redline', () => download(`/api/documents/${r.view.id}/redline`, { accepted: accepted(r), comments: [...r.comments], reviewer: reviewer() || undefined }));
  } else if (r) {
    button(`Fixed ${r.view.formatName}`, 'download-fixed', () => download(`/api/documents/${r.view.id}/fixed`, { accepted: accepted(r) }));
  }
  const ids = r ? [r.view.id] : batchIds;
  button('Report (HTML)', 'download-report', () => download('/api/report', reportRequest(ids, 'html')));
  button('Report (Markdown)', 'download-report-markdown', () => download('/api/report', reportRequest(ids, 'markdown')));
  // The review and the exceptions cover every open document, from one document's view too.
  button('Review file', 'download-review', async () => downloadReview(batchIds.length ? batchIds : ids));
  button('County exceptions (.yaml)', 'download-exceptions', () => downloadExceptions(batchIds.length ? batchIds : ids));
  return group;
}
