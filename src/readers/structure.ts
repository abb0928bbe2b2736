// What every reader does last: link blocks to the headings above them and find the title.
import { titleText, type Block, type PolicyDocument } from '../model.js';

export function finishDocument(doc: PolicyDocument): PolicyDocument {
  const stack: { level: number; index: number }[] = [];
  doc.blocks.forEach((block: Block, index) => {
    if (block.kind === 'heading') {
      const level = block.level ?? 1;
      while (stack.length > 0 && stack[stack.length - 1].level >= level) stack.pop();
      block.headingPath = stack.map((h) => doc.blocks[h.index].text.trim());
      block.section = index;
      stack.push({ level, index });
    } else {
      block.headingPath = stack.map((h) => doc.blocks[h.index].text.trim());
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
