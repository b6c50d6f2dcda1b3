import type { CompareSide } from '../../shared/compare';
import type { Algorithm } from '../../shared/types';

/** What a side is called when it has no label: its method and whatever else it changes, in words. */
export function sideLabel(side: CompareSide, algorithm: Algorithm): string {
  if (side.label) return side.label;
  const words: string[] = [algorithm];
  const { balancer, proxy } = side;
  if (balancer?.hashKey !== undefined) words.push(`key ${balancer.hashKey}`);
  if (balancer?.sticky !== undefined) words.push(balancer.sticky ? 'sticky' : 'not sticky');
  if (balancer?.trustForwardedFor !== undefined) words.push(balancer.trustForwardedFor ? 'trusting X-Forwarded-For' : 'ignoring X-Forwarded-For');
  if (proxy?.connectTimeoutMs !== undefined) words.push(`connect timeout ${proxy.connectTimeoutMs} ms`);
  if (proxy?.readTimeoutMs !== undefined) words.push(`read timeout ${proxy.readTimeoutMs} ms`);
  if (proxy?.nextUpstream !== undefined) words.push(proxy.nextUpstream.length > 0 ? `retry on ${proxy.nextUpstream.join(' ')}` : 'no retries');
  if (proxy?.nextUpstreamTries !== undefined) words.push(`${proxy.nextUpstreamTries === 0 ? 'unlimited' : proxy.nextUpstreamTries} tries`);
  return words.join(', ');
}

/** Two sides must not read alike in a verdict. */
export function distinctLabels(a: string, b: string): { a: string; b: string } {
  return a === b ? { a: `${a} (a)`, b: `${b} (b)` } : { a, b };
}
