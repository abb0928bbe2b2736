// Reports server failures to the client's output once each. A failure that
// repeats on every keystroke (a rule that throws on some text) would otherwise
// flood the log; the first report carries the stack, repeats are dropped.

export interface Console {
  error(message: string): void;
}

export class ErrorLog {
  private readonly seen = new Set<string>();

  constructor(private readonly console: Console) {}

  error(what: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    const key = `${what}\0${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const stack = error instanceof Error && error.stack ? `\n${error.stack}` : '';
    try {
      this.console.error(`policylint: ${what} failed: ${message}${stack}`);
    } catch {
      // The connection is gone (the client quit): nothing left to tell.
    }
  }
}
