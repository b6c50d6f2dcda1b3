import type { Algorithm } from '../../../electron/shared/types';

/** A run of plain words and `code` fragments, rendered inline. */
export type InlineText = ReadonlyArray<string | { code: string }>;

/** What a balancing method does, in one line, and what nginx and HAProxy call it. */
export interface AlgorithmInfo {
  summary: string;
  nginx: InlineText;
  haproxy: InlineText;
}

export const ALGORITHM_INFO: Record<Algorithm, AlgorithmInfo> = {
  'round-robin': {
    summary: 'Every backend in turn; weights ignored (0 still takes none).',
    nginx: ['default round-robin (all weights 1)'],
    haproxy: [{ code: 'balance roundrobin' }],
  },
  weighted: {
    summary: 'By weight, interleaved: 4:6 gives 40% / 60%.',
    nginx: [{ code: 'server … weight=N;' }, ' (smooth weighted round-robin)'],
    haproxy: [{ code: 'balance roundrobin' }, ' with ', { code: 'weight N' }],
  },
  'least-conn': {
    summary: 'The backend with the fewest in-flight requests per weight.',
    nginx: [{ code: 'least_conn;' }],
    haproxy: [{ code: 'balance leastconn' }],
  },
  'ip-hash': {
    summary: 'Each client (its /24 for IPv4) always to the same backend, so a logged-in session stays put.',
    nginx: [{ code: 'ip_hash;' }],
    haproxy: [{ code: 'balance source' }],
  },
  hash: {
    summary: 'By URL on a consistent-hash ring: each path sticks to one backend; losing 1 of N moves only ~1/N of paths.',
    nginx: [{ code: 'hash $request_uri consistent;' }],
    haproxy: [{ code: 'balance uri' }, ' with ', { code: 'hash-type consistent' }],
  },
  'random-two': {
    summary: 'Two backends at random (by weight), then the less busy of the two: the "power of two choices".',
    nginx: [{ code: 'random two least_conn;' }],
    haproxy: [{ code: 'balance random(2)' }],
  },
  'least-time': {
    summary: 'Fewest in-flight requests, weighted by a moving average of time to first byte (the "fair" idea).',
    nginx: [{ code: 'least_time header;' }, ' (nginx Plus)'],
    haproxy: ['no direct equivalent; closest is ', { code: 'balance leastconn' }],
  },
};
