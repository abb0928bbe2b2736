// Delays work per key (one document URI) until changes stop for a moment, so a
// burst of keystrokes costs one lint, not one per keystroke.

export class Debouncer<K> {
  private readonly timers = new Map<K, NodeJS.Timeout>();

  constructor(private readonly delayMs: number) {}

  /** Runs `run` once `delayMs` after the last call for `key`; earlier calls are dropped. */
  schedule(key: K, run: () => void): void {
    this.cancel(key);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      run();
    }, this.delayMs);
    this.timers.set(key, timer);
  }

  cancel(key: K): void {
    const timer = this.timers.get(key);
    if (timer !== undefined) {
      clearTimeout(timer);
      this.timers.delete(key);
    }
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
