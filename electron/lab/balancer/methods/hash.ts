import { consistentHashPick } from '../consistent-hash';
import { buildRing } from '../hash-ring';
import type { Method } from './method';

/** nginx's `hash <key> consistent` (ngx_http_upstream_hash_module.c), on the key `hashKey` chooses. */
export const hash: Method = {
  traits: {
    name: 'hash',
    explain:
      'By key on a consistent-hash ring (ketama, 160 points per weight unit): each key sticks to one backend, and losing 1 of N backends moves only about 1/N of the keys.',
    nginx: [{ code: 'hash $request_uri consistent;' }],
    nginxName: 'hash',
    haproxy: [{ code: 'balance uri' }, ' with ', { code: 'hash-type consistent' }],
    usesWeights: true,
    allowsBackup: false,
    slowStart: false,
    reads: 'hash-key',
    hashKeys: [
      {
        name: 'request-uri',
        label: 'Path and query ($request_uri)',
        explain: 'The whole URL picks the backend: /a?x=1 and /a?x=2 may land on different ones.',
        nginx: [{ code: 'hash $request_uri consistent;' }],
        haproxy: [{ code: 'balance uri whole' }],
      },
      {
        name: 'path',
        label: 'Path only ($uri)',
        explain: 'Only the path picks the backend; the query string is ignored.',
        nginx: [{ code: 'hash $uri consistent;' }],
        haproxy: [{ code: 'balance uri' }],
      },
      {
        name: 'client',
        label: 'Client address ($remote_addr)',
        explain: 'Each client address picks the backend (all of it, unlike ip-hash’s /24).',
        nginx: [{ code: 'hash $remote_addr consistent;' }],
        haproxy: [{ code: 'balance source' }, ' with ', { code: 'hash-type consistent' }],
      },
    ],
  },
  createPicker({ peers, baseWeight }) {
    // Built once per configure: nginx builds its ring when it reads the config.
    const ring = buildRing(peers, baseWeight);
    return ({ request, context, weightOf }) => consistentHashPick(ring, request?.hashKey ?? '', context(), weightOf);
  },
};
