import { smoothWeightedPick } from '../smooth-weighted';
import type { Method } from './method';
import { roundRobinFamily } from './round-robin-family';

/** nginx's default: smooth weighted round-robin with every weight taken as 1. */
export const roundRobin: Method = {
  traits: {
    name: 'round-robin',
    explain: 'Every backend in turn; weights ignored (a weight of 0 still takes none).',
    nginx: ['default round-robin (all weights 1)'],
    nginxName: 'round-robin',
    haproxy: [{ code: 'balance roundrobin' }],
    usesWeights: false,
    allowsBackup: true,
    slowStart: true,
    reads: 'nothing',
    hashKeys: [],
  },
  createPicker: roundRobinFamily(smoothWeightedPick),
};
