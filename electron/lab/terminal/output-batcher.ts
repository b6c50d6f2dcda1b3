import type { Clock } from '../clock';

export interface OutputBatcherOptions {
  /** How long output may wait for more before it goes out. */
  delayMs: number;
  /** Pending characters that make it go out at once. */
  maxChars: number;
  clock: Pick<Clock, 'after'>;
}

/**
 * Collects text and hands it to `sink` in batches: after `delayMs` or once
 * `maxChars` are pending, whichever comes first (Hyper's and VS Code's
 * terminal data bufferers do the same), so a chatty process costs one
 * message per few milliseconds, not one per read.
 */
export class OutputBatcher {
  private pending = '';
  private cancel: (() => void) | null = null;

  constructor(
    private readonly sink: (text: string) => void,
    private readonly options: OutputBatcherOptions,
  ) {}

  push(text: string): void {
    if (text === '') return;
    this.pending += text;
    if (this.pending.length >= this.options.maxChars) this.flush();
    else this.cancel ??= this.options.clock.after(this.options.delayMs, () => {
      this.cancel = null;
      this.flush();
    });
  }

  /** Sends what is pending now. */
  flush(): void {
    this.cancel?.();
    this.cancel = null;
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    this.sink(text);
  }

  /** Drops what is pending and stops the timer. */
  dispose(): void {
    this.cancel?.();
    this.cancel = null;
    this.pending = '';
  }
}
