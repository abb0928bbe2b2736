// What every reader does last: link blocks to the headings above them and find the title.
import { titleText, type Block, type PolicyDocument } from '../model.js';

/** The heading path of a block before any heading (shared and frozen, as every path made here is). */
export const NO_HEADINGS: string[] = Object.freeze([]) as unknown as string[];

export function finishDocument(doc: PolicyDocument): PolicyDocument {
  const stack: { level: number; index: number }[] = [];
  // The blocks of one section share one path: a table of a million cells under one heading holds one array, not a
  // million. Frozen, so that no block's change is every block's.
  let path = NO_HEADINGS;
  const pathOfStack = () => Object.freeze(stack.map((h) => doc.blocks[h.index].text.trim())) as string[];
  doc.blocks.forEach((block: Block, index) => {
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
    const title = headings.find((b) => b.level === 1) ?? headings[0];
    doc.title = title && titleText(title.text);
  }
  return doc;
}
