// Colours only on a terminal, and never when NO_COLOR is set (no-color.org).
export interface Palette {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  underline(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export function palette(enabled: boolean): Palette {
  if (!enabled) {
    const id = (s: string) => s;
    return { red: id, yellow: id, green: id, dim: id, bold: id, underline: id };
  }
  return { red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), dim: wrap(2, 22), bold: wrap(1, 22), underline: wrap(4, 24) };
}

export function colorWanted(stream: NodeJS.WriteStream, force?: boolean): boolean {
  if (force !== undefined) return force;
  if ('NO_COLOR' in process.env && process.env.NO_COLOR !== '') return false;
  return Boolean(stream.isTTY);
}
