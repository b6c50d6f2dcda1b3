import { smoothWeightedPick } from '../smooth-weighted';
import type { Method } from './method';
import { roundRobinFamily } from './round-robin-family';

/** nginx's smooth weighted round-robin (ngx_http_upstream_round_robin.c). */
export const weighted: Method = {
  traits: {
    name: 'weighted',
    explain: 'By weight, interleaved (smooth weighted round-robin): 4:6 gives 40% / 60%, and 5,1,1 gives a a b a c a a.',
    nginx: [{ code: 'server … weight=N;' }, ' (smooth weighted round-robin)'],
    nginxName: 'round-robin with weight=',
    haproxy: [{ code: 'balance roundrobin' }, ' with ', { code: 'weight N' }],
    usesWeights: true,
    allowsBackup: true,
    slowStart: true,
    reads: 'nothing',
    hashKeys: [],
  },
  createPicker: roundRobinFamily(smoothWeightedPick),
};
