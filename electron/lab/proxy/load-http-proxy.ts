import { createRequire } from 'node:module';
import util from 'node:util';
import type HttpProxy from 'http-proxy';

type LegacyUtil = { _extend: (target: object, source: object | null) => object };

/**
 * Load http-proxy 1.18.1 without its DEP0060 warning on Node 22+ (Electron's
 * main process). The package captures `util._extend` once, at load time, to
 * copy plain header objects; hand it an equivalent for that moment only, and
 * put Node's own back at once so nothing else in the process is affected.
 */
export function loadHttpProxy(): typeof HttpProxy {
  const legacy = util as unknown as LegacyUtil;
  const original = legacy._extend;
  legacy._extend = (target, source) => (source === null || typeof source !== 'object' ? target : Object.assign(target, source));
  try {
    return createRequire(import.meta.url)('http-proxy') as typeof HttpProxy;
  } finally {
    legacy._extend = original;
  }
}
