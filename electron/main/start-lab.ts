import { dialog } from 'electron';
import type { Lab } from '../lab/lab';

/** Starts the lab once; a failed start may be tried again. */
export interface LabStarter {
  /** True once a start succeeded (and its afterStart ran). */
  readonly started: boolean;
  /** Resolves true when the lab is running; on failure shows the error and resolves false. */
  start(): Promise<boolean>;
}

/**
 * A start that never crashes the app: if the lab cannot start (its proxy
 * port is taken, say), the person is shown why and what to do, the error
 * is logged, and the window stays open so they can fix it and try again.
 * Concurrent calls share one attempt; after a success, start() is a no-op.
 * `afterStart` (bringing in the last session's setup) runs once, after the
 * first successful start and before start() resolves; if it fails, the lab
 * still runs, and the person is shown why.
 */
export function labStarter(lab: Pick<Lab, 'start'>, advice: string, afterStart: () => Promise<void> = async () => undefined): LabStarter {
  let started = false;
  let attempt: Promise<boolean> | null = null;
  const run = async (): Promise<boolean> => {
    try {
      await lab.start();
      // Not `started` before the setup is in: a quit meanwhile must not save a half-restored session.
      await afterStart().catch((error: unknown) => {
        console.error('the last session could not be restored:', error);
        dialog.showErrorBox('The last session could not be restored', reasonOf(error));
      });
      started = true;
    } catch (error) {
      console.error('the lab could not start:', error);
      dialog.showErrorBox('The lab could not start', `${reasonOf(error).replace(/\.?$/, '.')}\n\n${advice}`);
    }
    attempt = null;
    return started;
  };
  return {
    get started() {
      return started;
    },
    start() {
      if (started) return Promise.resolve(true);
      attempt ??= run();
      return attempt;
    },
  };
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
