import { app } from 'electron';
import type { Lab } from '../lab/lab';

export interface QuitOptions {
  lab: Pick<Lab, 'shutdown' | 'killAllSync'>;
  /** Runs first on quit (saving the last session); a failure is logged and the quit goes on. */
  beforeShutdown(): Promise<void>;
  /** Longest wait for a graceful shutdown before every backend is SIGKILLed (default 15 s). */
  shutdownTimeoutMs?: number;
}

const SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
type Signal = keyof typeof SIGNALS;

/**
 * Every way out stops every backend before the process exits. The first
 * 'before-quit' (File > Quit, closing the window, Ctrl-C or SIGTERM in the
 * terminal) is held back while the last session is saved and the lab shuts
 * down; then the app quits for real and that second 'before-quit' passes.
 * A second Ctrl-C while stopping kills the backends and exits at once; the
 * process 'exit' handler is the last resort. Returns the function that
 * removes the process handlers.
 */
export function setupQuit(options: QuitOptions): () => void {
  const { lab, beforeShutdown, shutdownTimeoutMs = 15_000 } = options;
  let state: 'running' | 'stopping' | 'done' = 'running';

  const stop = async (): Promise<void> => {
    await beforeShutdown().catch((error: unknown) => console.error('saving the last session failed:', error));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), shutdownTimeoutMs)));
    try {
      const outcome = await Promise.race([lab.shutdown(), timedOut]);
      if (outcome === 'timeout') {
        console.error(`the lab did not shut down within ${shutdownTimeoutMs} ms; killing its backends`);
        lab.killAllSync();
      }
    } catch (error) {
      console.error('lab shutdown failed; killing its backends:', error);
      lab.killAllSync();
    } finally {
      clearTimeout(timer);
    }
  };

  app.on('before-quit', (event) => {
    if (state === 'done') return;
    event.preventDefault();
    if (state === 'stopping') return;
    state = 'stopping';
    void stop().finally(() => {
      state = 'done';
      app.quit();
    });
  });
  app.on('window-all-closed', () => app.quit());

  const onSignal = (signal: Signal): void => {
    if (state !== 'stopping') return app.quit();
    lab.killAllSync();
    app.exit(SIGNALS[signal]);
  };
  const onExit = (): void => lab.killAllSync();
  for (const signal of Object.keys(SIGNALS) as Signal[]) process.on(signal, onSignal);
  process.on('exit', onExit);
  return () => {
    for (const signal of Object.keys(SIGNALS) as Signal[]) process.off(signal, onSignal);
    process.off('exit', onExit);
  };
}
