// A one-line progress bar on standard error while many files are linted. It
// is drawn only on a terminal: piped or redirected output, CI logs and --quiet
// runs get nothing extra. The line is erased when linting ends, so the report
// that follows starts on a clean line.

export interface ProgressOptions {
  total: number;
  quiet?: boolean;
}

export interface Progress {
  /** One more file is done; `label` names it. */
  tick(label: string): void;
  /** Erase the bar. */
  done(): void;
}

const BAR_WIDTH = 20;

/** The bar for `done` of `total` files, fitted to `columns` (the label is shortened from the left). */
export function renderProgress(done: number, total: number, label: string, columns: number): string {
  const share = total > 0 ? Math.min(done / total, 1) : 1;
  const filled = Math.round(share * BAR_WIDTH);
  const count = `${done}/${total}`;
  const bar = `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${count.padStart(String(total).length * 2 + 1)}`;
  // Leave the last column empty: writing into it makes some terminals wrap.
  const room = columns - bar.length - 3;
  if (room < 4 || label === '') return bar.slice(0, Math.max(columns - 1, 0));
  const shown = label.length <= room ? label : `…${label.slice(label.length - room + 1)}`;
  return `${bar}  ${shown}`;
}

const NOTHING: Progress = { tick: () => undefined, done: () => undefined };

export function createProgress(stream: Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean; columns?: number }, options: ProgressOptions): Progress {
  if (!stream.isTTY || options.quiet || options.total < 2) return NOTHING;
  let count = 0;
  let drawn = false;
  return {
    tick(label) {
      count++;
      stream.write(`\r${renderProgress(count, options.total, label, stream.columns || 80)}\u001b[K`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\u001b[K');
      drawn = false;
    },
  };
}
