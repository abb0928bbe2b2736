// Paragraph styles from styles.xml, reduced to what the model needs: is a
// style a heading (and of which level), the title, or a list? Custom styles
// count when they set an outline level or are based on a heading style, as
// Word's navigation pane treats them.
import { isWordNs, walkXml, wAttr } from '../docx/xml.js';

interface RawStyle {
  name: string;
  basedOn?: string;
  /** w:outlineLvl: 0–8 are heading levels 1–9, 9 is body text. */
  outlineLvl?: number;
  /** w:numPr/w:numId; "0" turns numbering off. */
  numId?: string;
}

export interface ParagraphStyleInfo {
  /** Heading level 1–6 (deeper outline levels are folded into 6). */
  headingLevel?: number;
  /** Word's Title style (or a style based on it). */
  title: boolean;
  /** The style numbers its paragraphs (a list style such as List Bullet). */
  numbered: boolean;
}

/** Heading level from an outline level; undefined for body text. */
export function levelOfOutline(outlineLvl: number | undefined): number | undefined {
  if (outlineLvl === undefined || !(outlineLvl >= 0 && outlineLvl <= 8)) return undefined;
  return Math.min(outlineLvl + 1, 6);
}

const BUILT_IN_HEADING = /^heading\s*([1-9])$/i;
const MAX_CHAIN = 32;

export class StyleSheet {
  private readonly styles = new Map<string, RawStyle>();
  private readonly resolved = new Map<string, ParagraphStyleInfo>();
  private defaultStyle: string | undefined;

  /** Parses styles.xml; an absent part gives an empty sheet (every paragraph is body text). */
  constructor(filePath?: string, partName?: string, xml?: string) {
    if (filePath === undefined || partName === undefined || xml === undefined) return;
    let current: RawStyle | undefined;
    let currentId = '';
    let inPPr = 0;
    // Revision records (w:pPrChange) hold the *old* properties: ignore them.
    let inChange = 0;
    walkXml(filePath, partName, xml, {
      open: (tag) => {
        if (!isWordNs(tag.uri)) return;
        switch (tag.local) {
          case 'style':
            if (wAttr(tag, 'type') === 'paragraph' || wAttr(tag, 'type') === undefined) {
              currentId = wAttr(tag, 'styleId') ?? '';
              current = { name: '' };
              const isDefault = wAttr(tag, 'default');
              if (isDefault === '1' || isDefault === 'true' || isDefault === 'on') this.defaultStyle ??= currentId;
            }
            break;
          case 'name':
            if (current && !inPPr) current.name = wAttr(tag, 'val') ?? '';
            break;
          case 'basedOn':
            if (current && !inPPr) current.basedOn = wAttr(tag, 'val');
            break;
          case 'pPr':
            inPPr++;
            break;
          case 'pPrChange':
            inChange++;
            break;
          case 'outlineLvl':
            if (current && inPPr && !inChange) current.outlineLvl = Number(wAttr(tag, 'val'));
            break;
          case 'numId':
            if (current && inPPr && !inChange) current.numId = wAttr(tag, 'val');
            break;
        }
      },
      close: (tag) => {
        if (!isWordNs(tag.uri)) return;
        if (tag.local === 'style' && current) {
          if (currentId !== '') this.styles.set(currentId, current);
          current = undefined;
        } else if (tag.local === 'pPr') inPPr--;
        else if (tag.local === 'pPrChange') inChange--;
      },
    });
  }

  /** What a paragraph's style (or the default style when it names none) makes of it. */
  info(styleId: string | undefined): ParagraphStyleInfo {
    const id = styleId ?? this.defaultStyle ?? '';
    let info = this.resolved.get(id);
    if (!info) {
      info = this.resolve(id);
      this.resolved.set(id, info);
    }
    return info;
  }

  private resolve(id: string): ParagraphStyleInfo {
    let headingLevel: number | undefined;
    let outlineSettled = false;
    let title = false;
    let numbered: boolean | undefined;
    const seen = new Set<string>();
    // Walk the basedOn chain: the nearest style that says something wins.
    for (let at: string | undefined = id, n = 0; at !== undefined && n < MAX_CHAIN && !seen.has(at); n++) {
      seen.add(at);
      const style = this.styles.get(at);
      if (!style) {
        // A style id with no definition: Word's built-in ids still say what they are.
        if (!outlineSettled) headingLevel = builtInLevel(at);
        if (/^title$/i.test(at)) title = true;
        break;
      }
      if (!outlineSettled) {
        if (style.outlineLvl !== undefined && Number.isFinite(style.outlineLvl)) {
          headingLevel = levelOfOutline(style.outlineLvl);
          outlineSettled = true;
        } else if (BUILT_IN_HEADING.test(style.name)) {
          headingLevel = Math.min(Number(BUILT_IN_HEADING.exec(style.name)![1]), 6);
          outlineSettled = true;
        }
      }
      if (/^title$/i.test(style.name)) title = true;
      if (numbered === undefined && style.numId !== undefined) numbered = style.numId !== '0';
      at = style.basedOn;
    }
    if (title && headingLevel === undefined) headingLevel = 1;
    return { headingLevel, title, numbered: numbered ?? false };
  }
}

function builtInLevel(styleId: string): number | undefined {
  const m = /^heading\s*([1-9])$/i.exec(styleId);
  return m ? Math.min(Number(m[1]), 6) : undefined;
}
