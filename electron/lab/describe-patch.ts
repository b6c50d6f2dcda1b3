import type { PatchBackendInput } from '../shared/types';

/**
 * A live change of one backend in the plain words of the event log, with
 * the nginx or HAProxy name of each flag, e.g. "24501 draining (HAProxy
 * `drain`): no new requests; in-flight ones and sticky clients finish".
 */
export function describePatch(port: number, changes: PatchBackendInput): string {
  const parts: string[] = [];
  if (changes.down === true) parts.push('marked down by you (nginx `down`, HAProxy `maint`): no requests; the process keeps running and hash mappings of the others stay');
  if (changes.down === false) parts.push('no longer marked down');
  if (changes.drain === true) parts.push('draining (HAProxy `drain`): no new requests; in-flight ones and sticky clients finish');
  if (changes.drain === false) parts.push('no longer draining');
  if (changes.backup === true) parts.push('now a backup (nginx `backup`): used only while no primary can take a request');
  if (changes.backup === false) parts.push('now a primary');
  if (changes.weight !== undefined) parts.push(`weight ${changes.weight}`);
  if (changes.maxFails !== undefined) parts.push(`max_fails ${changes.maxFails}`);
  if (changes.failTimeoutMs !== undefined) parts.push(`fail_timeout ${changes.failTimeoutMs} ms`);
  if (changes.maxConns !== undefined) parts.push(changes.maxConns === 0 ? 'max_conns off' : `max_conns ${changes.maxConns}`);
  if (changes.slowStartMs !== undefined) parts.push(changes.slowStartMs === 0 ? 'slow start off' : `slow start ${changes.slowStartMs} ms`);
  return `${port} ${parts.join('; ')}`;
}
