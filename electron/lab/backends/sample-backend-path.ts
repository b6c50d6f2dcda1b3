import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RELATIVE = join('resources', 'backend', 'sample-backend.mjs');

let cached: string | null = null;

/**
 * Absolute path of the bundled sample backend, found by walking up from this
 * module: works from electron/lab/backends/*.ts (tests) and from the bundled
 * out/main/*.js (after `electron-vite build`) alike.
 */
export function sampleBackendPath(): string {
  if (cached !== null) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, RELATIVE);
    if (existsSync(candidate)) return (cached = candidate);
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`cannot find ${RELATIVE} above ${dirname(fileURLToPath(import.meta.url))}`);
}
