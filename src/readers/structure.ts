// What every reader does last: link blocks to the headings above them and find the title.
import { titleText, type Block, type PolicyDocument } from '../model.js';
import { flatString } from '../flat-string.js';

/** The heading path of a block before any heading (shared and frozen, as every path made here is). */
export const NO_HEADINGS: string[] = Object.freeze([]) as unknown as string[];

export function finishDocument(doc: PolicyDocument): PolicyDocument {
  const stack: { level: number; index: number }[] = [];
  // The blocks of one section share one path: a table of a million cells under one heading holds one array, not a
  // million. Frozen, so that no block's change is every block's.
  let path = NO_HEADINGS;
  const pathOfStack = () => Object.freeze(stack.map((h) => doc.blocks[h.index].text.trim())) as string[];
  doc.blocks.forEach((block: Block, index) => {
    block.text = flatString(block.text);
    if (block.kind === 'heading') {
      const level = block.level ?? 1;
      while (stack.length > 0 && stack[stack.length - 1].level >= level) stack.pop();
      block.headingPath = pathOfStack();
      block.section = index;
      stack.push({ level, index });
      path = pathOfStack();
    } else {
      block.headingPath = path;
      block.section = stack.length > 0 ? stack[stack.length - 1].index : -1;
    }
  });
  if (doc.title === undefined) {
    const headings = doc.blocks.filter((b) => b.kind === 'heading');
    const title = headings.find((b) => b.level === 1) ?? (headings[0] && opensDocument(doc.blocks, headings[0]) ? headings[0] : undefined);
    doc.title = title && titleText(title.text);
  }
  return doc;
}

/** Running text: a paragraph of several sentences' worth of words, which a title never follows. */
const RUNNING_TEXT_WORDS = 20;

/**
 * Whether a heading below the top level can be the document's title: no running text comes before it (a lower
 * heading after the opening paragraphs names a section, however first it is).
 */
function opensDocument(blocks: Block[], heading: Block): boolean {
  for (const block of blocks) {
    if (block === heading) return true;
    if (block.kind !== 'heading' && block.text.split(/\s+/).length >= RUNNING_TEXT_WORDS) return false;
  }
  return true;
}
