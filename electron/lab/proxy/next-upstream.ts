import type { NextUpstreamCondition, ProxySettings } from '../../shared/proxy-settings';

/** nginx does not pass these on once they reached a server, unless `non_idempotent` is listed (ngx_http_upstream_next). */
const NON_IDEMPOTENT = new Set(['POST', 'PATCH', 'LOCK']);

/** The statuses `proxy_next_upstream` can name here, and their conditions (nginx's ngx_http_upstream_next_errors). */
const STATUS_CONDITIONS: ReadonlyMap<number, NextUpstreamCondition> = new Map([
  [500, 'http_500'],
  [502, 'http_502'],
  [503, 'http_503'],
  [504, 'http_504'],
  [429, 'http_429'],
]);

/** `proxy_next_upstream` and `proxy_next_upstream_tries`, compiled once per settings change for the hot path. */
export interface RetryPolicy {
  readonly conditions: ReadonlySet<NextUpstreamCondition>;
  /** The listed statuses and their conditions; null when none is listed, so a response costs one test. */
  readonly statuses: ReadonlyMap<number, NextUpstreamCondition> | null;
  /** Attempts per request, the first included; 0 = no limit. */
  readonly tries: number;
}

export function retryPolicy(settings: ProxySettings): RetryPolicy {
  const conditions = new Set(settings.nextUpstream);
  const statuses = new Map([...STATUS_CONDITIONS].filter(([, condition]) => conditions.has(condition)));
  return { conditions, statuses: statuses.size > 0 ? statuses : null, tries: settings.nextUpstreamTries };
}

/**
 * Whether a failed attempt may go to the next server, as nginx's
 * ngx_http_upstream_next / ngx_http_upstream_test_next decide it: the
 * condition must be listed; a request that reached the server (`sent`) with
 * a non-idempotent method also needs `non_idempotent`; and the tries limit
 * must leave another attempt. Whether an untried server is left is the
 * balancer's to say.
 */
export function mayRetry(policy: RetryPolicy, condition: NextUpstreamCondition, sent: boolean, method: string | undefined, attempts: number): boolean {
  if (policy.tries !== 0 && attempts >= policy.tries) return false;
  if (!policy.conditions.has(condition)) return false;
  return !sent || !NON_IDEMPOTENT.has(method ?? 'GET') || policy.conditions.has('non_idempotent');
}
