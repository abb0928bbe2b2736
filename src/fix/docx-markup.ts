// Small pieces of WordprocessingML writing shared by the redline writer:
// element and attribute names in the prefix the part already uses, escaping,
// and mapping offsets in a w:t's escaped content to offsets in its text.

/** Names for new elements placed inside an element that uses `prefix` for the WordprocessingML namespace. */
export class WordNames {
  /** Declaration to put on each new top-level element (only when the part uses a default namespace). */
  readonly decl: string;
  private readonly el: string;
  private readonly at: string;

  constructor(prefix: string, ns: string) {
    this.el = prefix ? `${prefix}:` : '';
    // Unprefixed attributes belong to no namespace, so a default-namespace part needs a prefix of our own for them.
    this.at = prefix ? `${prefix}:` : 'plw:';
    this.decl = prefix ? '' : ` xmlns:plw="${ns}"`;
  }

  /** A qualified element name. */
  n(local: string): string {
    return this.el + local;
  }

  /** A qualified attribute `name="value"` pair. */
  a(local: string, value: string | number): string {
    return `${this.at}${local}="${escapeAttr(String(value))}"`;
  }
}

// Characters XML 1.0 cannot hold at all (C0 controls other than tab, newline, carriage return; lone surrogates; U+FFFE/F).
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeText(s: string): string {
  return s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** Run content for plain text: tabs and line breaks become w:tab and w:br, the rest w:t. */
export function runContent(text: string, names: WordNames): string {
  let out = '';
  for (const part of text.split(/(\t|\r\n|\n|\r)/)) {
    if (part === '') continue;
    if (part === '\t') out += `<${names.n('tab')}/>`;
    else if (/^[\r\n]+$/.test(part)) out += `<${names.n('br')}/>`;
    else out += `<${names.n('t')} xml:space="preserve">${escapeText(part)}</${names.n('t')}>`;
  }
  return out;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Decodes the escaped content of a w:t and maps every text offset to its raw
 * offset (one entry per UTF-16 unit, plus the end). Undefined when the content
 * holds markup (CDATA, comments) that a splice could cut through.
 */
export function decodeContent(raw: string): { text: string; rawAt: number[] } | undefined {
  if (raw.includes('<')) return undefined;
  let text = '';
  const rawAt: number[] = [];
  for (let i = 0; i < raw.length; ) {
    const c = raw[i];
    if (c === '&') {
      const semi = raw.indexOf(';', i);
      if (semi === -1) return undefined;
      const name = raw.slice(i + 1, semi);
      let value: string | undefined;
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        value = Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
      } else value = NAMED[name];
      if (value === undefined) return undefined;
      for (let k = 0; k < value.length; k++) rawAt.push(i);
      text += value;
      i = semi + 1;
    } else if (c === '\r') {
      // XML reads "\r\n" and a lone "\r" as one "\n".
      rawAt.push(i);
      text += '\n';
      i += raw[i + 1] === '\n' ? 2 : 1;
    } else {
      rawAt.push(i);
      text += c;
      i++;
    }
  }
  rawAt.push(raw.length);
  return { text, rawAt };
}
