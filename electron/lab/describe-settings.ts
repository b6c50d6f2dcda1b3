import type { Routing } from './proxy/request-info';
import type { ProxySettings } from '../shared/proxy-settings';
import type { Algorithm, HealthCheckSettings } from '../shared/types';

/**
 * The event log's line for a new balancing method and how requests are read:
 * the method, then what is on, and what was just turned off
 * ("balancing method: ip-hash; client address from X-Forwarded-For; sticky cookie off").
 */
export function describeBalancer(algorithm: Algorithm, routing: Routing, previous: Routing): string {
  const parts = [`balancing method: ${algorithm}`];
  if (algorithm === 'hash' || routing.hashKey !== previous.hashKey) parts.push(`hash key: ${routing.hashKey}`);
  if (routing.trustForwardedFor) parts.push('client address from X-Forwarded-For');
  else if (previous.trustForwardedFor) parts.push('client address from the connection');
  if (routing.sticky) parts.push('sticky cookie on');
  else if (previous.sticky) parts.push('sticky cookie off');
  return parts.join('; ');
}

/** The event log's line for new health check settings, with the HAProxy lines that mean the same. */
export function describeHealth(settings: HealthCheckSettings): string {
  if (!settings.enabled) return 'health checks off';
  const { path, intervalMs, rise, fall } = settings;
  return (
    `health checks on: GET ${path} every ${intervalMs} ms; out after ${fall} failed, back after ${rise} passed ` +
    `(HAProxy \`option httpchk GET ${path}\` + \`check inter ${intervalMs} rise ${rise} fall ${fall}\`)`
  );
}

/** The event log's line for new timeouts and retry conditions, named as nginx has them; only what changed. */
export function describeProxySettings(after: ProxySettings, before: ProxySettings): string {
  const parts: string[] = [];
  if (after.connectTimeoutMs !== before.connectTimeoutMs) parts.push(`proxy_connect_timeout ${after.connectTimeoutMs}ms`);
  if (after.readTimeoutMs !== before.readTimeoutMs) parts.push(`proxy_read_timeout ${after.readTimeoutMs}ms`);
  if (after.nextUpstream.join() !== before.nextUpstream.join()) parts.push(`proxy_next_upstream ${after.nextUpstream.length > 0 ? after.nextUpstream.join(' ') : 'off'}`);
  if (after.nextUpstreamTries !== before.nextUpstreamTries) parts.push(`proxy_next_upstream_tries ${after.nextUpstreamTries}`);
  return parts.length > 0 ? `proxy: ${parts.join('; ')}` : 'proxy settings unchanged';
}
