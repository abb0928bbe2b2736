// The workbench page: choose documents, go through the findings, download
// the results. All the linting happens on the server (the same core as the
// command line); this page only shows its answers and sends back the
// analyst's decisions. Document text is only ever set as text, never as markup.
import type { CellStatus, DocumentView, FindingView, MatrixView, ProvisionView, ServerSettings } from '../view.js';
import { severityLabel } from '../../severity.js';
import { plural } from '../../report/words.js';
import { $, clearMessages, errorOf, h, postJson, present, say, sizeText, type Child } from './dom.js';
import { downloadButtons } from './downloads.js';
import { asReviewFile, fromBase64, loadFile, loadOpen, loadReviewer, saveFile, saveOpen, saveReview, saveReviewer, type ExceptionKind, type ReviewFile, type SavedDecision, type State } from './persist.js';
import { flush, newReview, remember, reviews, setReviewer, type Review, type TextView } from './store.js';

/** Blocks put on the page at a time: enough to fill a screen many times over, few enough to show at once. */
const CHUNK = 200;

/** Document types as a sentence names them ("Checked as an MOU"). */
const DOC_TYPE_NAMES: Record<string, string> = {
  protocol: 'a protocol', policy: 'a policy', mou: 'an MOU', charter: 'a charter', training: 'training material', screening: 'a screening tool', guideline: 'a guideline',
};
/** The server's limits and the status legend; loaded before anything is shown. */
const settings: Promise<ServerSettings> = fetch('/api/settings').then((res) => {
  if (!res.ok) throw new Error(`settings: ${res.status}`);
  return res.json() as Promise<ServerSettings>;
});
let legend: ServerSettings['legend'];
let batch: { ids: string[]; matrix?: MatrixView } = { ids: [] };
let current: Review | undefined;

/** Sends one file to the server and opens its review, resuming what this browser kept of it; undefined when refused (said on the page). */
async function openFile(name: string, bytes: Uint8Array): Promise<Review | undefined> {
  const { extensions, readable, maxBytes } = await settings;
  const ext = name.slice(name.lastIndexOf('.')).toLowerCase();
  if (!extensions.includes(ext)) {
    say(`${name}: policylint reads ${readable} files, and review files (.json).`, 'error');
    return undefined;
  }
  if (bytes.length > maxBytes) {
    say(`${name} is larger than the ${sizeText(maxBytes)} limit (start policylint serve with --max-size to change it).`, 'error');
    return undefined;
  }
  say(`Reading ${name}…`);
  let res: Response;
  try {
    res = await fetch('/api/documents', { method: 'POST', headers: { 'X-File-Name': encodeURIComponent(name) }, body: new Blob([bytes as Uint8Array<ArrayBuffer>]) });
  } catch {
    say(`${name} could not be sent to the workbench. Is policylint serve still running?`, 'error');
    return undefined;
  }
  $('messages').lastElementChild?.remove();
  if (!res.ok) {
    say(await errorOf(res), 'error');
    return undefined;
  }
  const view = (await res.json()) as DocumentView;
  const review = newReview(view, bytes);
  reviews.set(view.id, review);
  saveFile(view.hash, name, bytes).catch(() => undefined); // Without IndexedDB a reload cannot reopen it; the review file still can.
  return review;
}

/** Shows what was opened: one document for review, several as the coverage matrix; remembered for a reload. */
async function showOpened(opened: Review[], shown?: string): Promise<void> {
  if (opened.length === 0) return;
  const ids = opened.map((r) => r.view.id);
  batch = { ids };
  const target = opened.find((r) => r.view.hash === shown);
  saveOpen(opened.map((r) => r.view.hash), opened.length === 1 ? opened[0].view.hash : target?.view.hash);
  if (opened.length === 1 || target) {
    if (opened.length > 1) await loadMatrix(ids);
    go(`doc=${(target ?? opened[0]).view.id}`);
    return;
  }
  if (await loadMatrix(ids)) go('matrix');
}

async function loadMatrix(ids: string[]): Promise<boolean> {
  const res = await postJson('/api/matrix', { ids });
  if (!res.ok) {
    say(await errorOf(res), 'error');
    return false;
  }
  batch.matrix = (await res.json()) as MatrixView;
  return true;
}

/** Opens the chosen files; a review file (.json) brings back its documents with their decisions. */
async function upload(files: File[]): Promise<void> {
  clearMessages();
  const opened: Review[] = [];
  for (const file of files) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (!file.name.toLowerCase().endsWith('.json')) {
      const r = await openFile(file.name, bytes);
      if (r) opened.push(r);
      continue;
    }
    let parsed: ReviewFile | undefined;
    try {
      parsed = asReviewFile(JSON.parse(new TextDecoder().decode(bytes)));
    } catch {
      parsed = undefined;
    }
    if (!parsed) {
      say(`${file.name} is not a policylint review file.`, 'error');
      continue;
    }
    if (parsed.reviewer && !loadReviewer()) setReviewer(parsed.reviewer);
    for (const d of parsed.documents) {
      // The review file's decisions are the ones to resume: they replace what this browser kept of the same file.
      saveReview(d.hash, { name: d.name, decisions: d.decisions ?? {}, exceptions: d.exceptions ?? {}, comments: d.comments ?? [] });
      const r = await openFile(d.name, fromBase64(d.data));
      if (r) opened.push(r);
    }
  }
  await showOpened(opened);
}

/** After a reload: the documents that were open, from this browser's store, with their decisions. */
async function reopen(): Promise<void> {
  const { hashes, shown } = loadOpen();
  if (hashes.length === 0) return;
  const opened: Review[] = [];
  for (const hash of hashes) {
    const file = await loadFile(hash).catch(() => undefined);
    if (!file) continue;
    const r = await openFile(file.name, new Uint8Array(file.bytes));
    if (r) opened.push(r);
  }
  await showOpened(opened, shown);
}

function go(hash: string): void {
  if (location.hash === `#${hash}`) route();
  else location.hash = hash;
}

function route(): void {
  const params = new URLSearchParams(location.hash.slice(1));
  const id = params.get('doc');
  const review = id ? reviews.get(id) : undefined;
  if (review) {
    if (batch.ids.length > 1) saveOpen(batch.ids.map((i) => reviews.get(i)!.view.hash), review.view.hash);
    return showReview(review, params.get('provision') ?? undefined);
  }
  if (params.has('matrix') && batch.matrix) saveOpen(batch.ids.map((i) => reviews.get(i)!.view.hash));
  if (params.has('matrix') && batch.matrix) return showMatrix(batch.matrix);
  current = undefined;
}

// ---------------------------------------------------------------- matrix

function statusMark(status: CellStatus): Child[] {
  const l = legend[status];
  return [h('span', { 'aria-hidden': 'true' }, l.symbol), h('span', { class: 'sr' }, l.label)];
}

function showMatrix(m: MatrixView): void {
  current = undefined;
  const columns = m.areas.flatMap((a) => a.provisions.map((p, i) => ({ ...p, areaStart: i === 0 })));
  const head1 = h('tr', {}, h('th', { scope: 'col', rowspan: 2 }, 'Document'), ...m.areas.map((a) => h('th', { scope: 'colgroup', colspan: a.provisions.length, class: 'area area-start' }, a.label)));
  const head2 = h('tr', {}, ...columns.map((c) => h('th', { scope: 'col', class: `provision${c.areaStart ? ' area-start' : ''}`, title: c.title }, h('span', {}, c.title))));
  const rows = m.documents.map((d) =>
    h(
      'tr',
      { 'data-document': d.name, 'data-testid': 'doc-row' },
      h('th', { scope: 'row' }, h('a', { href: `#doc=${d.id}` }, d.title), d.title !== d.name && h('div', { class: 'path' }, d.name)),
      ...columns.map((c) => {
        const status = d.statuses[c.id] ?? 'not-checked';
        const label = `${d.title}: ${c.title}: ${legend[status].label}`;
        return h(
          'td',
          { class: `cell s-${status}${c.areaStart ? ' area-start' : ''}`, 'data-provision-id': c.id, 'data-status': status },
          h('a', { href: `#doc=${d.id}&provision=${c.id}`, title: label, 'aria-label': label }, ...statusMark(status)),
        );
      }),
    ),
  );
  const key = h(
    'ul',
    { class: 'legend' },
    ...(['present', 'partial', 'absent', 'not-applicable'] as const).map((s) => h('li', {}, h('span', { class: `swatch s-${s}`, 'aria-hidden': 'true' }, legend[s].symbol), ` ${legend[s].label}`)),
  );
  $('view').replaceChildren(
    h(
      'section',
      { class: 'matrix-view' },
      h('div', { class: 'bar' }, h('h2', {}, `Coverage of ${plural(m.documents.length, 'document')}`), downloadButtons(undefined, batch.ids)),
      h('p', { class: 'note' }, 'Each cell opens the document at that provision. Columns are grouped by the key areas of the PACT ten-county study.'),
      key,
      h('div', { class: 'scroll' }, h('table', { class: 'matrix' }, h('thead', {}, head1, head2), h('tbody', {}, ...rows))),
    ),
  );
  document.title = 'Coverage · policylint workbench';
}

// ---------------------------------------------------------------- one document

function choiceOf(r: Review, f: FindingView): number {
  return r.choices.get(f.index) ?? 0;
}

function counts(r: Review): string {
  const accepted = [...r.decisions.values()].filter((d) => d.state === 'accepted').length;
  const rejected = r.decisions.size - accepted;
  return `${plural(r.view.findings.length, 'finding')} · ${accepted} accepted · ${rejected} rejected · ${r.view.findings.length - r.decisions.size} to review`;
}

/** The block's text with each finding in a <mark>; an overlapping finding marks only what is left of it. */
function blockContent(r: Review, t: TextView, blockIndex: number, text: string, positions: number[]): Child[] {
  const out: Child[] = [];
  let at = 0;
  for (const pos of positions) {
    const f = r.view.findings[pos];
    const start = Math.max(f.start, at);
    const end = Math.max(f.end, start);
    out.push(text.slice(at, start));
    const mark = h('mark', { 'data-testid': 'finding', 'data-rule-id': f.ruleId, 'data-line': f.line, 'data-pos': pos, 'data-block': blockIndex, tabindex: -1, class: `sev-${f.severity}` });
    mark.append(text.slice(start, end) || '•');
    mark.addEventListener('click', () => select(r, pos));
    t.marks.set(pos, mark);
    out.push(mark);
    at = end;
  }
  out.push(text.slice(at));
  return out;
}

/** The document's text: the first chunk of blocks now, the next ones as the analyst scrolls near the end. */
function renderText(r: Review): HTMLElement {
  const byBlock = new Map<number, number[]>();
  r.view.findings.forEach((f, pos) => {
    const list = byBlock.get(f.block);
    if (list) list.push(pos);
    else byBlock.set(f.block, [pos]);
  });
  for (const list of byBlock.values()) list.sort((x, y) => r.view.findings[x].start - r.view.findings[y].start);
  const article = h('article', { class: 'doc-text', 'aria-label': 'Document text' });
  const sentinel = h('div', { class: 'more', 'aria-hidden': 'true' });
  article.append(sentinel);
  const t: TextView = { article, rendered: 0, byBlock, marks: new Map(), sentinel };
  r.text = t;
  renderUpTo(r, CHUNK - 1);
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting) || r.text !== t) return;
      renderUpTo(r, t.rendered + CHUNK - 1);
      // Observed afresh, the sentinel reports where it is now: a reader already at the new end gets the next chunk too
      // (an observer only reports changes, and a fast scroll can leave it near the end throughout).
      observer.unobserve(sentinel);
      if (sentinel.isConnected) observer.observe(sentinel);
    },
    { root: article, rootMargin: '0px 0px 1500px 0px' },
  );
  observer.observe(sentinel);
  return article;
}

/** Puts blocks on the page up to `last` (a finding or provision further down is about to be shown). */
function renderUpTo(r: Review, last: number): void {
  const t = r.text;
  if (!t) return;
  const end = Math.min(last + 1, r.view.blocks.length);
  if (end <= t.rendered) return;
  const chunk = document.createDocumentFragment();
  const added: number[] = [];
  for (let i = t.rendered; i < end; i++) {
    const b = r.view.blocks[i];
    const positions = t.byBlock.get(i) ?? [];
    const tag = b.kind === 'heading' ? (`h${Math.min((b.level ?? 1) + 1, 6)}` as 'h2') : 'p';
    chunk.append(h(tag, { class: `block ${b.kind}`, 'data-block': i, 'data-line': b.line }, ...blockContent(r, t, i, b.text, positions)));
    added.push(...positions);
  }
  t.sentinel.before(chunk);
  t.rendered = end;
  if (end === r.view.blocks.length) t.sentinel.remove();
  for (const pos of added) refreshMark(r, pos);
}

function markOf(r: Review, pos: number): HTMLElement | undefined {
  return r.text?.marks.get(pos);
}

function refreshMark(r: Review, pos: number): void {
  const f = r.view.findings[pos];
  const mark = markOf(r, pos);
  if (!f || !mark) return;
  const d = r.decisions.get(f.index);
  mark.classList.toggle('accepted', d?.state === 'accepted');
  mark.classList.toggle('rejected', d?.state === 'rejected');
  mark.classList.toggle('selected', pos === r.selected);
  mark.setAttribute('tabindex', pos === r.selected ? '0' : '-1');
  const replacement = d?.state === 'accepted' ? wordingOf(f, d) : undefined;
  // An accepted change reads as it will in the redline: the found words struck through, the new ones after them.
  const shown = mark.nextElementSibling?.classList.contains('replacement') ? mark.nextElementSibling : undefined;
  if (replacement === undefined) shown?.remove();
  else if (shown) shown.textContent = replacement;
  else mark.after(h('ins', { class: 'replacement', 'aria-label': `replaced by ${replacement}` }, replacement));
  mark.title = replacement !== undefined ? `Accepted: “${replacement}”` : d?.state === 'rejected' ? 'Rejected: left as written' : f.message;
  mark.dataset.state = d?.state ?? 'open';
  mark.dataset.decision = d?.state ?? 'pending';
}

/** The words an accepted finding puts in: the analyst's own, or the replacement chosen. */
function wordingOf(f: FindingView, d: SavedDecision): string {
  return d.text ?? f.choices[d.choice];
}

function select(r: Review, pos: number, focus = true): void {
  if (r.view.findings.length === 0) return renderPanel(r);
  const previous = r.selected;
  r.selected = Math.max(0, Math.min(pos, r.view.findings.length - 1));
  renderUpTo(r, r.view.findings[r.selected].block);
  refreshMark(r, previous);
  refreshMark(r, r.selected);
  renderPanel(r);
  const mark = markOf(r, r.selected);
  if (mark && focus) {
    mark.focus({ preventScroll: true });
    mark.scrollIntoView({ block: 'center' });
  }
}

function decide(r: Review, positions: number[], state: State): void {
  const step: Review['history'][number] = [];
  for (const pos of positions) {
    const f = r.view.findings[pos];
    if (!f) continue;
    if (state === 'accepted' && f.choices.length === 0) continue;
    step.push({ index: f.index, before: r.decisions.get(f.index) });
    const text = state === 'accepted' ? r.custom.get(f.index) : undefined;
    r.decisions.set(f.index, { state, choice: choiceOf(r, f), ...(text !== undefined ? { text } : {}) });
    refreshMark(r, pos);
  }
  if (step.length) r.history.push(step);
  $('counts').textContent = counts(r);
  remember(r);
}

/** Takes back the last decision (or the last accept-all / reject-all) and selects its finding. */
function undo(r: Review): void {
  const step = r.history.pop();
  if (!step) return;
  for (const { index, before } of step) {
    if (before) r.decisions.set(index, before);
    else r.decisions.delete(index);
    const pos = r.view.findings.findIndex((f) => f.index === index);
    refreshMark(r, pos);
  }
  $('counts').textContent = counts(r);
  remember(r);
  select(r, r.view.findings.findIndex((f) => f.index === step[0].index));
}

function decideSelected(r: Review, state: State): void {
  const f = r.view.findings[r.selected];
  if (!f || (state === 'accepted' && f.choices.length === 0)) return;
  decide(r, [r.selected], state);
  r.lastRejected = state === 'rejected' ? r.selected : undefined;
  // On to the next finding still to review, if any, as a reviewer reads on.
  const next = r.view.findings.findIndex((g, pos) => pos > r.selected && !r.decisions.has(g.index));
  if (next !== -1) select(r, next);
  else renderPanel(r);
}

/** The replacements to choose from, the analyst's own wording (what Accept puts in), and a warning where --fix would not make it. */
function replacementControls(r: Review, f: FindingView): { choices: HTMLElement; unsafe?: HTMLElement; own?: HTMLElement } {
  const choice = choiceOf(r, f);
  // The analyst's own wording: starts as the replacement chosen; what is typed here is what Accept puts in.
  const ownWording = h('input', { type: 'text', id: 'custom-replacement', 'data-testid': 'custom-replacement', value: r.custom.get(f.index) ?? f.choices[choice] ?? '', autocomplete: 'off', spellcheck: true });
  ownWording.addEventListener('input', () => {
    const text = ownWording.value.trim();
    if (text && text !== f.choices[choiceOf(r, f)]) r.custom.set(f.index, text);
    else r.custom.delete(f.index);
  });
  ownWording.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') decideSelected(r, 'accepted');
  });
  const choices = f.choices.length
    ? h(
        'fieldset',
        { class: 'choices' },
        h('legend', {}, 'Replace with'),
        ...f.choices.map((c, i) => {
          const input = h('input', { type: 'radio', name: 'choice', value: i, id: `choice-${i}`, checked: i === choice });
          input.addEventListener('change', () => {
            r.choices.set(f.index, i);
            r.custom.delete(f.index);
            ownWording.value = c;
            if (r.decisions.get(f.index)?.state === 'accepted') decide(r, [r.selected], 'accepted');
          });
          return h('div', {}, input, h('label', { for: `choice-${i}` }, c));
        }),
      )
    : h('p', { class: 'note' }, 'No replacement wording: change this by hand in your copy.');
  // A wording --fix would not make (docs/fixes.md): the analyst reads the sentence before accepting it, one by one.
  const unsafe = f.choices.length > 0 && !f.safe ? h('p', { class: 'note', 'data-testid': 'unsafe' }, 'Read the sentence before accepting: policylint does not make this change by itself, and Accept all leaves it.') : undefined;
  const own = f.choices.length ? h('p', { class: 'own' }, h('label', { for: 'custom-replacement' }, 'Your wording'), ownWording) : undefined;
  return { choices, unsafe, own };
}

/** Accept or reject every finding of the rule in this document at once. */
function ruleWide(r: Review, f: FindingView): HTMLElement {
  const same = r.view.findings.map((g, pos) => ({ g, pos })).filter(({ g }) => g.ruleId === f.ruleId).map(({ pos }) => pos);
  // Accepting many at once takes only the safe ones, as --fix does; the others are decided one by one.
  const safeSame = same.filter((pos) => r.view.findings[pos].safe);
  const acceptAll = h(
    'button',
    { type: 'button', class: 'button small', 'data-testid': 'accept-rule', disabled: safeSame.length === 0 },
    safeSame.length === same.length ? `Accept all ${same.length}` : `Accept the ${safeSame.length} safe`,
  );
  const rejectAll = h('button', { type: 'button', class: 'button small', 'data-testid': 'reject-rule' }, `Reject all ${same.length}`);
  acceptAll.addEventListener('click', () => {
    decide(r, safeSame, 'accepted');
    renderPanel(r);
  });
  rejectAll.addEventListener('click', () => {
    decide(r, same, 'rejected');
    renderPanel(r);
  });
  return h('div', { class: 'rule-wide' }, h('span', {}, `Every “${f.ruleId}” finding in this document:`), acceptAll, rejectAll);
}

function renderPanel(r: Review): void {
  const panel = $('finding-panel');
  const f = r.view.findings[r.selected];
  if (!f) {
    panel.replaceChildren(h('h2', {}, 'No findings'), h('p', {}, 'policylint found no wording to change in this document. The provision checklist shows what it covers.'));
    return;
  }
  const rule = r.view.rules[f.ruleId];
  const citations = f.citations ?? rule?.citations ?? [];
  const d = r.decisions.get(f.index);
  const { choices, unsafe, own } = replacementControls(r, f);
  const accept = h('button', { type: 'button', class: 'button primary', 'data-testid': 'accept', disabled: f.choices.length === 0, 'aria-keyshortcuts': 'a' }, 'Accept ', h('kbd', {}, 'a'));
  const reject = h('button', { type: 'button', class: 'button', 'data-testid': 'reject', 'aria-keyshortcuts': 'r' }, 'Reject ', h('kbd', {}, 'r'));
  accept.addEventListener('click', () => decideSelected(r, 'accepted'));
  reject.addEventListener('click', () => decideSelected(r, 'rejected'));
  const undoButton = h('button', { type: 'button', class: 'button', 'data-testid': 'undo', disabled: r.history.length === 0, 'aria-keyshortcuts': 'u' }, 'Undo ', h('kbd', {}, 'u'));
  undoButton.addEventListener('click', () => undo(r));
  const prev = h('button', { type: 'button', class: 'button small', 'aria-keyshortcuts': 'k p' }, '◀ Previous');
  const next = h('button', { type: 'button', class: 'button small', 'aria-keyshortcuts': 'j n' }, 'Next ▶');
  prev.addEventListener('click', () => select(r, r.selected - 1));
  next.addEventListener('click', () => select(r, r.selected + 1));
  const state = d ? (d.state === 'accepted' ? `Accepted: “${wordingOf(f, d)}”` : 'Rejected: left as written') : 'Not yet decided';
  panel.replaceChildren(
    ...present(
    h('div', { class: 'nav' }, prev, h('span', {}, `Finding ${r.selected + 1} of ${r.view.findings.length}`), next),
    h('h2', {}, rule?.title ?? f.ruleId),
    h('p', { class: 'meta' }, h('span', { class: `sev sev-${f.severity}` }, severityLabel(f.severity)), ` ${r.view.placeNoun === 'paragraph' ? 'Paragraph' : 'Line'} ${f.line} · `, h('code', {}, f.ruleId)),
    f.found ? h('p', { class: 'found' }, 'Found: ', h('q', {}, f.found)) : undefined,
    h('p', {}, f.message),
    choices,
    unsafe,
    own,
    h('div', { class: 'actions' }, accept, reject, undoButton),
    h('p', { class: `state ${d?.state ?? 'open'}`, 'data-testid': 'decision' }, state),
    d?.state === 'rejected' ? exceptionChoices(r, f) : undefined,
    d?.state !== 'rejected' && r.lastRejected !== undefined && r.decisions.get(r.view.findings[r.lastRejected]?.index)?.state === 'rejected'
      ? exceptionChoices(r, r.view.findings[r.lastRejected], true)
      : undefined,
    ruleWide(r, f),
    rule?.why ? h('details', { class: 'why', open: true }, h('summary', {}, 'Why'), h('p', {}, rule.why)) : undefined,
    citations.length ? h('details', { class: 'sources', open: true }, h('summary', {}, 'Sources'), h('ul', {}, ...citations.map((c) => h('li', {}, c)))) : undefined,
    ),
  );
}

const EXCEPTION_LABEL: Record<ExceptionKind, string> = {
  'name-of-record': 'This is our name of record',
  allow: 'Always allow this phrase in this county',
};

/** After a reject: mark the words as the county's own, for the rule-pack fragment (download-exceptions). */
function exceptionChoices(r: Review, f: FindingView, previous = false): HTMLElement {
  const buttons = (Object.keys(EXCEPTION_LABEL) as ExceptionKind[]).map((kind) => {
    const on = r.exceptions.get(f.index) === kind;
    const b = h('button', { type: 'button', class: 'button small', 'data-testid': `exception-${kind}`, 'aria-pressed': String(on) }, `${on ? '✔ ' : ''}${EXCEPTION_LABEL[kind]}`);
    b.addEventListener('click', () => {
      if (r.exceptions.get(f.index) === kind) r.exceptions.delete(f.index);
      else r.exceptions.set(f.index, kind);
      remember(r);
      renderPanel(r);
    });
    return b;
  });
  const label = previous ? `Just rejected “${f.found ?? ''}”, not a finding here:` : 'Not a finding here:';
  return h('div', { class: 'exceptions', role: 'group', 'aria-label': label }, h('span', {}, label), ...buttons);
}

function provisionItem(r: Review, p: ProvisionView): HTMLElement {
  const l = legend[p.status];
  const item = h('li', { 'data-testid': 'provision', 'data-provision-id': p.id, 'data-status': p.status, id: `provision-${p.id}`, tabindex: -1 });
  const summary = h('summary', {}, h('span', { class: `badge s-${p.status}` }, h('span', { 'aria-hidden': 'true' }, l.symbol), ` ${l.label}`), ' ', p.title);
  const details = h('details', {}, summary);
  details.append(h('p', {}, p.message));
  if (p.block >= 0) {
    const show = h('button', { type: 'button', class: 'button small' }, `Show ${r.view.placeNoun === 'paragraph' ? 'paragraph' : 'line'} ${p.line}`);
    show.addEventListener('click', () => {
      renderUpTo(r, p.block);
      const el = document.querySelector<HTMLElement>(`.doc-text [data-block="${p.block}"]`);
      if (!el) return;
      el.scrollIntoView({ block: 'center' });
      el.classList.add('flash');
      setTimeout(() => el.classList.remove('flash'), 1600);
    });
    details.append(show);
  }
  if (p.model) {
    details.append(h('p', { class: 'label' }, 'Model language to add:'), h('blockquote', { class: 'model' }, p.model));
    if (r.view.fixMode === 'redline') {
      const box = h('input', { type: 'checkbox', id: `comment-${p.id}`, checked: r.comments.has(p.id) });
      box.addEventListener('change', () => (box.checked ? r.comments.add(p.id) : r.comments.delete(p.id)));
      details.append(h('p', { class: 'check' }, box, h('label', { for: `comment-${p.id}` }, ' Add as a comment in the Word redline')));
    }
  }
  if (p.citations.length) details.append(h('div', { class: 'sources' }, 'Sources', h('ul', {}, ...p.citations.map((c) => h('li', {}, c)))));
  item.append(details);
  return item;
}

function renderChecklist(r: Review): HTMLElement {
  const order = { absent: 0, partial: 1, present: 2, 'not-applicable': 3 } as const;
  const items = [...r.view.provisions].sort((a, b) => order[a.status] - order[b.status]).map((p) => provisionItem(r, p));
  return h(
    'aside',
    { class: 'checklist', 'aria-label': 'Provision checklist' },
    h('h2', {}, 'Provisions'),
    r.view.docType ? h('p', { class: 'note' }, `Checked as ${DOC_TYPE_NAMES[r.view.docType] ?? `a ${r.view.docType}`}.`) : undefined,
    items.length ? h('ul', { class: 'provisions' }, ...items) : h('p', {}, 'No provisions apply.'),
  );
}

function showReview(r: Review, provision?: string): void {
  current = r;
  const back = batch.ids.length > 1 && batch.ids.includes(r.view.id) ? h('a', { href: '#matrix', class: 'back' }, '← All documents') : undefined;
  $('view').replaceChildren(
    h(
      'section',
      { class: 'review' },
      h(
        'div',
        { class: 'bar' },
        h(
          'div',
          {},
          back,
          h('h2', {}, r.view.title),
          h('p', { class: 'meta' }, r.view.name, ' · ', h('span', { id: 'counts' }, counts(r))),
          r.view.readOnly ? h('p', { class: 'note read-only', 'data-testid': 'read-only' }, r.view.readOnly) : undefined,
        ),
        downloadButtons(r, batch.ids),
      ),
      h('div', { class: 'layout' }, renderText(r), h('aside', { id: 'finding-panel', class: 'panel', 'aria-label': 'Selected finding', 'aria-live': 'polite' }), renderChecklist(r)),
    ),
  );
  document.title = `${r.view.title} · policylint workbench`;
  select(r, r.selected, false);
  if (provision) {
    const item = document.getElementById(`provision-${provision}`);
    item?.querySelector('details')?.setAttribute('open', '');
    item?.scrollIntoView({ block: 'center' });
    item?.focus();
  }
}

// ---------------------------------------------------------------- wiring

function onKey(e: KeyboardEvent): void {
  if (!current || e.ctrlKey || e.metaKey || e.altKey) return;
  const target = e.target as HTMLElement;
  if (target.matches('input[type="text"], input[type="search"], textarea, select, [contenteditable]')) return;
  const r = current;
  switch (e.key) {
    case 'j':
    case 'n':
      select(r, r.selected + 1);
      break;
    case 'k':
    case 'p':
      select(r, r.selected - 1);
      break;
    case 'a':
      decideSelected(r, 'accepted');
      break;
    case 'r':
      decideSelected(r, 'rejected');
      break;
    case 'u':
      undo(r);
      break;
    default:
      return;
  }
  e.preventDefault();
}

function start(): void {
  const input = $('file-input') as HTMLInputElement;
  input.addEventListener('change', () => {
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length) void upload(files);
  });
  const drop = document.body;
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    document.body.classList.add('dragging');
  });
  drop.addEventListener('dragleave', (e) => {
    if (e.target === document.documentElement || e.relatedTarget === null) document.body.classList.remove('dragging');
  });
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    document.body.classList.remove('dragging');
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length) void upload(files);
  });
  document.addEventListener('keydown', onKey);
  const name = $('reviewer-name') as HTMLInputElement;
  name.value = loadReviewer();
  name.addEventListener('change', () => saveReviewer(name.value.trim()));
  window.addEventListener('pagehide', flush);
  window.addEventListener('hashchange', route);
  settings.then(
    (s) => {
      legend = s.legend;
      void reopen();
    },
    () => say('The workbench did not answer. Start policylint serve again and open the address it prints.', 'error'),
  );
}

start();
