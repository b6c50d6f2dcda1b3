import { resourcePath } from '../resource-path';

/** Absolute path of the bundled sample backend. */
export function sampleBackendPath(): string {
  return resourcePath('backend', 'sample-backend.mjs');
}
