import { app } from 'electron';
import type { Lab } from '../lab/lab';

/**
 * Quitting stops every backend before the process exits: the first
 * before-quit is held back until the lab has shut down, then quit resumes.
 * Ctrl-C in the terminal becomes a normal quit; 'exit' is the last resort.
 */
export function setupQuit(lab: Lab): void {
  let state: 'running' | 'stopping' | 'done' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'done') return;
    event.preventDefault();
    if (state === 'stopping') return;
    state = 'stopping';
    lab
      .shutdown()
      .catch((error: unknown) => console.error('lab shutdown failed:', error))
      .finally(() => {
        state = 'done';
        app.quit();
      });
  });
  app.on('window-all-closed', () => app.quit());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
  process.on('exit', () => lab.killAllSync());
}
