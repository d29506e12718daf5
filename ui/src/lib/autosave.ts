// When to save: within `idleMs` of the last change, and at least every `maxMs` while changes
// keep coming. Never while an input-method composition is open (that would cut a Hangul
// syllable in half): the save waits for the composition to end.

export interface AutosaveOptions {
  idleMs?: number;
  maxMs?: number;
  /** True while the editor has an open IME composition. */
  composing?: () => boolean;
  now?: () => number;
}

export class Autosaver {
  private dirtySince: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private readonly idleMs: number;
  private readonly maxMs: number;
  private readonly composing: () => boolean;
  private readonly now: () => number;

  constructor(
    private readonly save: () => Promise<void>,
    opts: AutosaveOptions = {},
  ) {
    this.idleMs = opts.idleMs ?? 1500;
    this.maxMs = opts.maxMs ?? 10000;
    this.composing = opts.composing ?? (() => false);
    this.now = opts.now ?? (() => Date.now());
  }

  /** True when a change has not been handed to `save` yet. */
  get dirty(): boolean {
    return this.dirtySince !== null;
  }

  /** Call on every change. */
  touch(): void {
    if (this.dirtySince === null) this.dirtySince = this.now();
    const waited = this.now() - this.dirtySince;
    this.schedule(Math.max(0, Math.min(this.idleMs, this.maxMs - waited)));
  }

  /** Saves now if anything is unsaved (after the running save, if any); resolves when done. */
  async flush(): Promise<void> {
    this.clear();
    if (this.running) await this.running.catch(() => {});
    if (this.dirtySince === null) return;
    if (this.composing()) {
      this.schedule(100);
      return;
    }
    this.dirtySince = null;
    this.running = this.save().finally(() => {
      this.running = null;
    });
    try {
      await this.running;
    } catch (e) {
      // Not saved: keep it dirty so the next change or flush tries again.
      if (this.dirtySince === null) this.dirtySince = this.now();
      throw e;
    }
  }

  /** Forgets pending work (the article was closed after a successful flush, or replaced). */
  cancel(): void {
    this.clear();
    this.dirtySince = null;
  }

  private schedule(ms: number): void {
    this.clear();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch(() => {});
    }, ms);
  }

  private clear(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
