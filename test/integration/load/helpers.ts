import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach } from 'vitest';
import { LoadGenerator, type LoadGeneratorOptions } from '../../../electron/lab/load/load-generator';

/** The worker as `npx electron-vite build` leaves it. */
export const WORKER = resolve(import.meta.dirname, '../../../out/main/load-worker.js');

const started: LoadGenerator[] = [];

/** Register the teardown once per file: every generator a test made is shut down (its worker killed), even when it failed. */
export function useGenerators(): void {
  afterEach(async () => {
    await Promise.all(started.splice(0).map((g) => g.shutdown()));
  });
}

/** A generator forking the built worker. */
export function generator(options: LoadGeneratorOptions = {}): LoadGenerator {
  if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run \`npx electron-vite build\` first`);
  const g = new LoadGenerator({ workerPath: WORKER, ...options });
  started.push(g);
  return g;
}

/** Whether a process with this pid still exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
