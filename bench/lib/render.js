// Renders generated policy documents (policy-text.js) as Markdown or Word.
import { AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';

const INLINE = /\{(b|i|code|link):([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}/g;

function inlineMarkdown(text) {
  return text.replace(INLINE, (_, mark, body) => {
    if (mark === 'b') return `**${body}**`;
    if (mark === 'i') return `*${body}*`;
    if (mark === 'code') return `\`${body}\``;
    const [label, url] = body.split('|');
    return `[${label}](${url})`;
  });
}

function plain(text) {
  return text.replace(INLINE, (_, mark, body) => (mark === 'link' ? body.split('|')[0] : body));
}

/** Soft-wraps a paragraph at about `width` columns, as people write Markdown. */
function wrap(text, width, indent = '') {
  const words = text.split(' ');
  const lines = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.join(`\n${indent}`);
}

export function toMarkdown(blocks, rng) {
  const out = [];
  if (rng.chance(0.3)) out.push(`---\ncounty: generated\nrevised: 20${rng.int(15, 25)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}\n---\n`);
  for (const b of blocks) {
    switch (b.type) {
      case 'heading':
        out.push(`${'#'.repeat(b.level)} ${plain(b.text)}\n`);
        break;
      case 'para':
        out.push(`${wrap(inlineMarkdown(b.text), 88)}\n`);
        break;
      case 'quote':
        out.push(`> ${wrap(inlineMarkdown(b.text), 86, '> ')}\n`);
        break;
      case 'list':
        out.push(b.items.map((item, i) => {
          const marker = b.ordered ? `${i + 1}.` : '-';
          return `${marker} ${wrap(inlineMarkdown(item), 84, ' '.repeat(marker.length + 1))}`;
        }).join('\n') + '\n');
        break;
      case 'table': {
        const [head, ...rows] = b.rows;
        const line = (cells) => `| ${cells.map((c) => inlineMarkdown(c).replace(/\|/g, '\\|')).join(' | ')} |`;
        out.push([line(head), `|${head.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n') + '\n');
        break;
      }
      default:
        throw new Error(`unknown block ${b.type}`);
    }
  }
  return out.join('\n');
}

function runs(text) {
  const out = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push(new TextRun(text.slice(last, m.index)));
    const body = m[2];
    if (m[1] === 'b') out.push(new TextRun({ text: body, bold: true }));
    else if (m[1] === 'i') out.push(new TextRun({ text: body, italics: true }));
    else if (m[1] === 'code') out.push(new TextRun({ text: body, font: 'Consolas' }));
    else out.push(new TextRun({ text: body.split('|')[0], underline: {} }));
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(new TextRun(text.slice(last)));
  return out;
}

const HEADING = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 };

/** A .docx of the given documents' blocks, one after another (built with the `docx` package). */
export async function toDocx(blocks) {
  const children = [];
  let listInstance = 0;
  for (const b of blocks) {
    switch (b.type) {
      case 'heading':
        children.push(new Paragraph({ heading: HEADING[b.level], children: runs(b.text) }));
        break;
      case 'para':
        children.push(new Paragraph({ children: runs(b.text), spacing: { after: 120 } }));
        break;
      case 'quote':
        children.push(new Paragraph({ children: runs(b.text), indent: { left: 720 }, style: 'Quote' }));
        break;
      case 'list':
        listInstance++;
        for (const item of b.items) {
          children.push(new Paragraph({
            children: runs(item),
            numbering: { reference: b.ordered ? 'numbered' : 'bullets', level: 0, instance: listInstance },
          }));
        }
        break;
      case 'table':
        children.push(new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: b.rows.map((row, r) => new TableRow({
            tableHeader: r === 0,
            children: row.map((cell) => new TableCell({ children: [new Paragraph({ children: r === 0 ? [new TextRun({ text: plain(cell), bold: true })] : runs(cell) })] })),
          })),
        }));
        children.push(new Paragraph(''));
        break;
      default:
        throw new Error(`unknown block ${b.type}`);
    }
  }
  const doc = new Document({
    creator: 'policylint bench',
    title: plain(blocks.find((b) => b.type === 'heading')?.text ?? 'Policy'),
    numbering: {
      config: [
        { reference: 'bullets', levels: [{ level: 0, format: LevelFormat.BULLET, text: '\u2022', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }] },
        { reference: 'numbered', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }] },
      ],
    },
    paragraphStyles: [{ id: 'Quote', name: 'Quote', basedOn: 'Normal', run: { italics: true } }],
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** Characters of text a document's blocks hold (for pages and MB/s of text). */
export function textLength(blocks) {
  let n = 0;
  for (const b of blocks) n += b.text ? plain(b.text).length : (b.items ?? b.rows.flat()).reduce((s, t) => s + plain(t).length, 0);
  return n;
}
