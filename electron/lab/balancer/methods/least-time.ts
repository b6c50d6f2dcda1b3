import { leastTimePick } from '../least-time';
import type { Method } from './method';
import { roundRobinFamily } from './round-robin-family';

/** The idea of nginx Plus's `least_time header` (closed source; the formula is the lab's, see least-time.ts). */
export const leastTime: Method = {
  traits: {
    name: 'least-time',
    explain: 'Fewest requests in flight, weighted by a moving average of time to first byte (the "fair" idea).',
    nginx: [{ code: 'least_time header;' }, ' (nginx Plus)'],
    nginxName: 'least_time',
    haproxy: ['no direct equivalent; closest is ', { code: 'balance leastconn' }],
    usesWeights: true,
    allowsBackup: true,
    slowStart: true,
    reads: 'nothing',
    hashKeys: [],
  },
  createPicker: roundRobinFamily(leastTimePick),
};
