import type { Peer } from './types';

/**
 * nginx's `backup` (the `failed:` path of ngx_http_upstream_get_round_robin_peer
 * and of least_conn): a request is served from the primary peers while any
 * of them is usable for it; when none is, it switches to the backup list
 * and stays there for its remaining retries (nginx: `rrp->peers =
 * peers->next`). Whether a request already switched is read from `tried`:
 * it did if it tried a backup.
 *
 * @param choose runs the balancing method over one list; null when nothing there is usable.
 */
export function pickWithBackup(
  peers: readonly Peer[],
  tried: ReadonlySet<Peer> | null,
  choose: (list: readonly Peer[]) => Peer | null,
): Peer | null {
  const backups = peers.filter((peer) => peer.backup);
  const switched = backups.some((peer) => tried?.has(peer));
  if (!switched) {
    const primary = choose(peers.filter((peer) => !peer.backup));
    if (primary !== null || backups.length === 0) return primary;
  }
  return choose(backups);
}
