// Plain text → PolicyDocument. Paragraphs are separated by blank lines; a
// short single-line paragraph that looks like a numbered or capitalised
// heading ("4.2 Multidisciplinary Team (MDT)", "MANDATED REPORTING") is a heading.
import { lineAt, lineStartsOf, type Block, type PolicyDocument } from '../model.js';
import { parseDirective } from './directives.js';
import { finishDocument } from './structure.js';

const NUMBERED = /^(?:(?:section|article|part)\s+)?(\d+(?:\.\d+)*)\.?\s+\S|^([IVXLC]+|[A-Z])\.\s+\S/i;
const BULLET = /^\s*(?:[-*•◦▪]|\(?[a-z0-9]{1,3}[.)])\s+/i;

function headingLevel(line: string): number | undefined {
  const text = line.trim();
  if (text.length === 0 || text.length > 90 || /[.;,:]$/.test(text)) return undefined;
  const words = text.split(/\s+/);
  const numbered = NUMBERED.exec(text);
  if (numbered) {
    if (words.length > 12) return undefined;
    return numbered[1] ? numbered[1].split('.').length : 1;
  }
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 4 && letters === letters.toUpperCase() && words.length <= 12) return 1;
  return undefined;
}

export function readText(filePath: string, text: string): PolicyDocument {
  const lineStarts = lineStartsOf(text);
  const blocks: Block[] = [];
  const directives: PolicyDocument['directives'] = [];
  const paragraph = /[^\n]*\S[^\n]*(?:\r?\n[^\n]*\S[^\n]*)*/g;
  for (let m = paragraph.exec(text); m; m = paragraph.exec(text)) {
    const lead = m[0].length - m[0].trimStart().length;
    const body = m[0].trim();
    const start = m.index + lead;
    const line = lineAt(lineStarts, start);
    const directive = parseDirective(body);
    if (directive && /^<!--/.test(body)) {
      directives.push({ ...directive, line, column: 1 });
      continue;
    }
    const single = !body.includes('\n');
    const level = single ? headingLevel(body) : undefined;
    blocks.push({
      kind: level ? 'heading' : BULLET.test(body) ? 'list-item' : 'paragraph',
      level,
      text: body,
      headingPath: [],
      section: -1,
      line,
      segments: [{ textStart: 0, sourceStart: start, length: body.length }],
    });
  }
  return finishDocument({ filePath, format: 'text', title: undefined, blocks, source: { kind: 'text', text, lineStarts }, directives });
}
