import { randomTwoPick } from '../random-two';
import type { Method } from './method';

/** nginx's `random two least_conn` (ngx_http_upstream_random_module.c). */
export const randomTwo: Method = {
  traits: {
    name: 'random-two',
    explain: 'Two backends drawn at random (by weight), then the less busy of the two: the "power of two choices".',
    nginx: [{ code: 'random two least_conn;' }],
    nginxName: 'random',
    haproxy: [{ code: 'balance random(2)' }],
    usesWeights: true,
    allowsBackup: false,
    slowStart: false,
    reads: 'nothing',
    hashKeys: [],
  },
  createPicker:
    ({ random }) =>
    ({ peers, weightOf, context }) =>
      randomTwoPick(peers, peers.map(weightOf), random, context()),
};
