import type { NextUpstreamCondition } from './setup-schema';

/** nginx's own proxy defaults, which an import fills in where the file sets nothing (ngx_http_proxy_module). */
export const NGINX_PROXY_DEFAULTS = {
  connectTimeoutMs: 60_000,
  readTimeoutMs: 60_000,
  nextUpstream: ['error', 'timeout'] as NextUpstreamCondition[],
  nextUpstreamTries: 0,
} as const;

/** nginx's `server` defaults, which an import fills in and an export always writes out. */
export const SERVER_DEFAULTS = { weight: 1, maxFails: 1, failTimeoutMs: 10_000 } as const;

/** A duration as nginx and HAProxy both read it: whole seconds as `Ns`, anything else as `Nms`. */
export function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
