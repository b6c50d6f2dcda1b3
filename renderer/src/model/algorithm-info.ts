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
};
