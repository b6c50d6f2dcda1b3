import { z } from 'zod';

/**
 * When a failed attempt goes to the next server: nginx's `proxy_next_upstream`
 * values (HAProxy: `retry-on`). `error` and `timeout` are the connection's
 * failures; `http_NNN` a response with that status; `non_idempotent` lets
 * POST, PATCH and LOCK go on after they reached a server.
 */
export const NEXT_UPSTREAM_CONDITIONS = ['error', 'timeout', 'http_500', 'http_502', 'http_503', 'http_504', 'http_429', 'non_idempotent'] as const;
export type NextUpstreamCondition = (typeof NEXT_UPSTREAM_CONDITIONS)[number];

/** The proxy's timeouts and retry conditions, named after nginx's directives. */
export interface ProxySettings {
  /** nginx `proxy_connect_timeout` / HAProxy `timeout connect`, in ms. */
  connectTimeoutMs: number;
  /**
   * nginx `proxy_read_timeout` / HAProxy `timeout server`, in ms: the longest
   * wait for the response to start, and between two reads of it.
   */
  readTimeoutMs: number;
  /** nginx `proxy_next_upstream`; `[]` is nginx's `off`. */
  nextUpstream: NextUpstreamCondition[];
  /** nginx `proxy_next_upstream_tries` / HAProxy `retries` + 1: attempts per request, the first included; 0 = no limit. */
  nextUpstreamTries: number;
}

/** The defaults, in one place: nginx's own, except the 1 s connect timeout the lab's tutorials use. */
export const DEFAULT_PROXY_SETTINGS: Readonly<ProxySettings> = Object.freeze<ProxySettings>({
  connectTimeoutMs: 1000,
  readTimeoutMs: 60_000,
  nextUpstream: ['error', 'timeout'],
  nextUpstreamTries: 0,
});

/** The longest delay Node timers honour; a longer one silently fires after 1 ms. */
const MAX_TIMER_MS = 2_147_483_647;
const timeoutMs = z.number().int('must be a whole number of ms').min(1, 'must be at least 1 ms').max(MAX_TIMER_MS);

/**
 * A partial update of the settings (`PUT /api/proxy`): strict, at least one
 * field; fields left out keep their value. `nextUpstream` lists each
 * condition at most once.
 */
export const proxySettingsPatchSchema = z
  .strictObject({
    connectTimeoutMs: timeoutMs.optional(),
    readTimeoutMs: timeoutMs.optional(),
    nextUpstream: z
      .array(z.enum(NEXT_UPSTREAM_CONDITIONS))
      .max(NEXT_UPSTREAM_CONDITIONS.length)
      .refine((list) => new Set(list).size === list.length, 'lists a condition twice')
      .optional(),
    nextUpstreamTries: z.number().int('must be a whole number').min(0, 'must be 0 (no limit) or more').max(1000).optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change: give connectTimeoutMs, readTimeoutMs, nextUpstream or nextUpstreamTries');

export type ProxySettingsPatch = z.infer<typeof proxySettingsPatchSchema>;
