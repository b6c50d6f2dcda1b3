import { dialog } from 'electron';
import type { Lab } from '../lab/lab';

/** Starts the lab once; a failed start may be tried again. */
export interface LabStarter {
  /** True once a start succeeded. */
  readonly started: boolean;
  /** Resolves true when the lab is running; on failure shows the error and resolves false. */
  start(): Promise<boolean>;
}

/**
 * A start that never crashes the app: if the lab cannot start (its proxy
 * port is taken, say), the person is shown why and what to do, the error
 * is logged, and the window stays open so they can fix it and try again.
 * Concurrent calls share one attempt; after a success, start() is a no-op.
 */
export function labStarter(lab: Pick<Lab, 'start'>, advice: string): LabStarter {
  let started = false;
  let attempt: Promise<boolean> | null = null;
  const run = async (): Promise<boolean> => {
    try {
      await lab.start();
      started = true;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      console.error('the lab could not start:', error);
      dialog.showErrorBox('The lab could not start', `${reason.replace(/\.?$/, '.')}\n\n${advice}`);
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
