// Turns text edits on Word paragraphs into tracked changes: the words replaced
// become a w:del (their runs kept, w:t turned into w:delText) and the new
// words a w:ins carrying the formatting (w:rPr) of the run where the replaced
// words begin. Runs are split exactly at the edit's ends, so text around the
// edit keeps its runs and formatting.
//
// An edit is refused (and the caller can offer it as a comment instead) when
// it spans something that is not plain text (a field code, a note mark, a
// picture, a text box), touches someone's earlier tracked insertion, or falls
// where the XML holds markup inside a w:t.
import type { Block, PolicyDocument } from '../model.js';
import type { ParagraphRef, RunChild, RunRef } from '../docx/paragraph-map.js';
import type { TextEdit } from '../types.js';
import { decodeContent, runContent, WordNames } from './docx-markup.js';

/** Replace xml[start, end) with text. Zero-length splices at the same place keep their order. */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** A run rewrite, written when the part is rendered. */
type PendingSplice = Splice | { start: number; end: number; plan: RunPlan };

/** Who and when, and a source of fresh w:id values. */
export interface RevisionStamp {
  author: string;
  date: string;
  nextId(): number;
}

/** Something to write before the first piece of a run at or after `at` (a paragraph text offset). */
interface Anchor {
  at: number;
  /** Edits in the order they were added (left to right), then start mark, insertion, end mark. */
  seq: number;
  order: number;
  xml: () => string;
}

interface RunPlan {
  run: RunRef;
  names: WordNames;
  deletions: { from: number; to: number }[];
  anchors: Anchor[];
}

export class RefusedEdit extends Error {}

/** The Word run map of a block, checked to be one (a Markdown block has none). */
export function paragraphRef(block: Block | undefined): ParagraphRef | undefined {
  const ref = block?.ref as ParagraphRef | undefined;
  return ref && typeof ref.part === 'string' && Array.isArray(ref.runs) && Array.isArray(ref.barriers) ? ref : undefined;
}

function textChildren(ref: ParagraphRef): { run: RunRef; child: RunChild }[] {
  const out: { run: RunRef; child: RunChild }[] = [];
  for (const run of ref.runs) for (const child of run.children) if (child.kind === 'text' && child.length > 0) out.push({ run, child });
  return out;
}

function runTextEnd(run: RunRef): number {
  let end = -1;
  for (const c of run.children) if (c.kind === 'text') end = Math.max(end, c.textStart + c.length);
  return end;
}

/** May a w:t be cut at text offset k? Not inside an entity that stands for two units, nor inside a surrogate pair. */
function canCut(decoded: { text: string; rawAt: number[] }, k: number): boolean {
  if (k <= 0 || k >= decoded.text.length) return true;
  const code = decoded.text.charCodeAt(k);
  return decoded.rawAt[k] !== decoded.rawAt[k - 1] && !(code >= 0xdc00 && code <= 0xdfff);
}

/** Plans tracked changes for the edits of one story part, then writes them as splices of that part's XML. */
export class PartRevisions {
  private readonly plans = new Map<RunRef, RunPlan>();
  private readonly paragraphSplices: Splice[] = [];
  /** Every splice in order of position, once apply() starts writing. */
  private sorted: PendingSplice[] = [];
  private edits = 0;

  constructor(
    readonly part: string,
    private readonly xml: string,
    private readonly stamp: RevisionStamp,
  ) {}

  private plan(run: RunRef, names: WordNames): RunPlan {
    let p = this.plans.get(run);
    if (!p) {
      p = { run, names, deletions: [], anchors: [] };
      this.plans.set(run, p);
    }
    return p;
  }

  /**
   * Plans one edit. Throws RefusedEdit (with a reason for a person) when it cannot be a
   * tracked change. `comment`, when given, is anchored on the change: the id of a comment
   * the caller writes to comments.xml.
   */
  addEdit(doc: PolicyDocument, edit: TextEdit, comment?: number): void {
    const block = doc.blocks[edit.block];
    const ref = paragraphRef(block);
    if (!block || !ref) throw new RefusedEdit('the block has no Word source');
    this.checkSource(doc, ref);
    const { start: s, end: e } = edit;
    if (!(Number.isInteger(s) && Number.isInteger(e) && 0 <= s && s <= e && e <= block.text.length)) throw new RefusedEdit('the edit lies outside its paragraph');
    if (ref.barriers.some((b) => s < b && b < e)) throw new RefusedEdit('the words run across a field, a note mark or an object');
    const texts = textChildren(ref);
    const touched =
      s < e
        ? texts.filter(({ child }) => child.textStart < e && child.textStart + child.length > s)
        : texts.filter(({ child }) => child.textStart < s && s <= child.textStart + child.length).slice(-1).concat(s === 0 ? texts.slice(0, 1) : []);
    if (touched.length === 0) throw new RefusedEdit('no text run holds that place');
    for (const { run, child } of touched) {
      if (run.tracked) throw new RefusedEdit('the words are in an earlier tracked change; accept or reject it first');
      if (child.local !== 't') continue;
      const decoded = decodeContent(this.xml.slice(child.contentStart, child.contentEnd));
      if (!decoded) throw new RefusedEdit('the words hold XML markup Word does not write');
      if (decoded.text !== block.text.slice(child.textStart, child.textStart + child.length)) {
        throw new Error(`${doc.filePath}: the document model does not match the Word file (${this.part}); read the file again before redlining`);
      }
      if (!canCut(decoded, s - child.textStart) || !canCut(decoded, e - child.textStart)) throw new RefusedEdit('the edit would split a character');
    }
    const names = new WordNames(ref.prefix, ref.ns);
    const runs = [...new Set(touched.map((t) => t.run))];
    const first = runs[0];
    // Deletions: the edit's share of each run.
    if (s < e) {
      for (const run of runs) {
        const from = Math.max(s, run.children.find((c) => c.kind === 'text' && c.length > 0)!.textStart);
        const to = Math.min(e, runTextEnd(run));
        if (from < to) this.plan(run, names).deletions.push({ from, to });
      }
    }
    // The insertion follows the last deleted run that shares the first run's parent, so
    // replacing words that run into a hyperlink does not put the new words inside the link.
    const host = runs.filter((r) => r.parent === first.parent).pop()!;
    const at = s < e ? Math.min(e, runTextEnd(host)) : s;
    const rPrChild = first.children.find((c) => c.kind === 'rPr');
    const rPr = rPrChild ? this.xml.slice(rPrChild.start, rPrChild.end) : '';
    const stamp = this.stamp;
    const seq = this.edits++;
    if (comment !== undefined) {
      this.plan(first, names).anchors.push({ at: s, seq, order: 0, xml: () => `<${names.n('commentRangeStart')}${names.decl} ${names.a('id', comment)}/>` });
    }
    if (edit.text !== '') {
      this.plan(host, names).anchors.push({
        at,
        seq,
        order: 1,
        xml: () =>
          `<${names.n('ins')}${names.decl} ${names.a('id', stamp.nextId())} ${names.a('author', stamp.author)} ${names.a('date', stamp.date)}>` +
          `<${names.n('r')}>${rPr}${runContent(edit.text, names)}</${names.n('r')}></${names.n('ins')}>`,
      });
    }
    if (comment !== undefined) {
      this.plan(host, names).anchors.push({ at, seq, order: 2, xml: () => commentEnd(names, comment) });
    }
  }

  /** The run map must index this very XML: a model read from other bytes would splice garbage. */
  private checkSource(doc: PolicyDocument, ref: ParagraphRef): void {
    if (ref.part !== this.part || ref.partLength !== this.xml.length) {
      throw new Error(`${doc.filePath}: the document model does not match the Word file (${this.part}); read the file again before redlining`);
    }
  }

  /** Anchors a comment on a whole paragraph. */
  addParagraphComment(doc: PolicyDocument, ref: ParagraphRef, comment: number): void {
    this.checkSource(doc, ref);
    const names = new WordNames(ref.prefix, ref.ns);
    this.paragraphSplices.push({ start: ref.contentStart, end: ref.contentStart, text: `<${names.n('commentRangeStart')}${names.decl} ${names.a('id', comment)}/>` });
    this.paragraphSplices.push({ start: ref.closeStart, end: ref.closeStart, text: commentEnd(names, comment) });
  }

  /** The part's XML with every planned change written in. */
  apply(): string {
    const splices: PendingSplice[] = [...this.paragraphSplices];
    for (const plan of this.plans.values()) splices.push({ start: plan.run.start, end: plan.run.end, plan });
    // Zero-length insertions at a run's start come before the run's rewrite.
    this.sorted = splices.sort((a, b) => a.start - b.start || a.end - a.start - (b.end - b.start));
    return this.render(0, this.xml.length);
  }

  /**
   * xml[from, to) with the splices inside it written in. A splice can sit inside
   * another: a text box's paragraph lives in a drawing inside a run that may itself
   * be rewritten, so a run's rewrite renders its copied children the same way.
   */
  private render(from: number, to: number): string {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid].start < from) lo = mid + 1;
      else hi = mid;
    }
    let out = '';
    let cursor = from;
    for (let i = lo; i < this.sorted.length; i++) {
      const sp = this.sorted[i];
      if (sp.start > to || (sp.start === to && (sp.end > sp.start || to !== this.xml.length))) break;
      // Inside the splice before it: that splice renders it.
      if (sp.start < cursor) continue;
      if (sp.end > to) throw new Error(`${this.part}: overlapping changes at ${sp.start}`);
      out += this.xml.slice(cursor, sp.start) + ('plan' in sp ? this.rewriteRun(sp.plan) : sp.text);
      cursor = sp.end;
    }
    return out + this.xml.slice(cursor, to);
  }

  private rewriteRun(plan: RunPlan): string {
    const { run, names } = plan;
    const xml = this.xml;
    const open = xml.slice(run.start, run.openEnd);
    const close = xml.slice(run.closeStart, run.end);
    const rPrChild = run.children.find((c) => c.kind === 'rPr');
    const rPr = rPrChild ? xml.slice(rPrChild.start, rPrChild.end) : '';
    const deleted = (from: number, to: number) => plan.deletions.some((d) => d.from <= from && to <= d.to && from < to);
    const strictlyInside = (at: number) => plan.deletions.some((d) => d.from < at && at < d.to);
    const cuts = [...new Set([...plan.deletions.flatMap((d) => [d.from, d.to]), ...plan.anchors.map((a) => a.at)])].sort((a, b) => a - b);

    // The run's content as pieces in order, each kept or deleted.
    const pieces: { start: number; deleted: boolean; xml: string }[] = [];
    for (const child of run.children) {
      if (child.kind === 'rPr') continue;
      // Copied children are rendered, not sliced: a drawing may hold a text box whose own paragraphs have changes.
      const raw = this.render(child.start, child.end);
      if (child.kind === 'text' && child.local === 't' && child.length > 0) {
        const name = /^<([^\s/>]+)/.exec(raw)![1];
        const prefix = name.includes(':') ? name.slice(0, name.indexOf(':') + 1) : '';
        const content = xml.slice(child.contentStart, child.contentEnd);
        const decoded = decodeContent(content);
        const end = child.textStart + child.length;
        const points = [child.textStart, ...cuts.filter((c) => c > child.textStart && c < end), end];
        for (let i = 0; i + 1 < points.length; i++) {
          const [a, b] = [points[i], points[i + 1]];
          const whole = a === child.textStart && b === end;
          const slice = whole ? content : content.slice(decoded!.rawAt[a - child.textStart], decoded!.rawAt[b - child.textStart]);
          const gone = deleted(a, b);
          pieces.push({
            start: a,
            deleted: gone,
            xml: gone ? `<${prefix}delText xml:space="preserve">${slice}</${prefix}delText>` : whole ? raw : `<${name} xml:space="preserve">${slice}</${name}>`,
          });
        }
      } else if (child.kind === 'text') {
        pieces.push({ start: child.textStart, deleted: deleted(child.textStart, child.textStart + child.length), xml: raw });
      } else {
        pieces.push({ start: child.textStart, deleted: child.kind === 'marker' && strictlyInside(child.textStart), xml: raw });
      }
    }

    const anchors = [...plan.anchors].sort((a, b) => a.at - b.at || a.seq - b.seq || a.order - b.order);
    let out = '';
    let group = '';
    let groupDeleted = false;
    const flush = () => {
      if (group === '') return;
      const r = open + rPr + group + close;
      out += groupDeleted
        ? `<${names.n('del')}${names.decl} ${names.a('id', this.stamp.nextId())} ${names.a('author', this.stamp.author)} ${names.a('date', this.stamp.date)}>${r}</${names.n('del')}>`
        : r;
      group = '';
    };
    let next = 0;
    for (const piece of pieces) {
      if (next < anchors.length && anchors[next].at <= piece.start) {
        flush();
        while (next < anchors.length && anchors[next].at <= piece.start) out += anchors[next++].xml();
      }
      if (piece.deleted !== groupDeleted) flush();
      groupDeleted = piece.deleted;
      group += piece.xml;
    }
    flush();
    while (next < anchors.length) out += anchors[next++].xml();
    return out;
  }
}

function commentEnd(names: WordNames, id: number): string {
  return (
    `<${names.n('commentRangeEnd')}${names.decl} ${names.a('id', id)}/>` +
    `<${names.n('r')}${names.decl}><${names.n('commentReference')} ${names.a('id', id)}/></${names.n('r')}>`
  );
}
