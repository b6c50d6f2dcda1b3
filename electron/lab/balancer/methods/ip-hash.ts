import { clientAddressBytes } from '../client-address';
import { ipHashPick } from '../ip-hash';
import type { Method } from './method';

/** nginx's `ip_hash` (ngx_http_upstream_ip_hash_module.c). */
export const ipHash: Method = {
  traits: {
    name: 'ip-hash',
    explain:
      'Each client address always to the same backend (IPv4: its /24; IPv6: the whole address), so a logged-in session stays put; a down backend’s clients move on, the others stay.',
    nginx: [{ code: 'ip_hash;' }],
    nginxName: 'ip_hash',
    haproxy: [{ code: 'balance source' }],
    usesWeights: true,
    allowsBackup: false,
    slowStart: false,
    reads: 'client-address',
    hashKeys: [],
  },
  createPicker:
    () =>
    ({ peers, weightOf, request, context }) =>
      ipHashPick(peers, peers.map(weightOf), clientAddressBytes(request?.clientKey, request?.clientKeyFrom), context()),
};
