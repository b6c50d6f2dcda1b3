import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const found = new Map<string, string>();

/**
 * Absolute path of a file or folder under the project's `resources/`, found
 * by walking up from this module: works from electron/lab/*.ts (tests) and
 * from the bundled out/main/*.js (after `electron-vite build`) alike.
 */
export function resourcePath(...parts: string[]): string {
  const relative = join('resources', ...parts);
  const cached = found.get(relative);
  if (cached !== undefined) return cached;
  const here = dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = dirname(dir)) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) {
      found.set(relative, candidate);
      return candidate;
    }
    if (dirname(dir) === dir) break;
  }
  throw new Error(`cannot find ${relative} above ${here}`);
}
