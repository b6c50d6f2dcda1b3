import type { LoadPlan, LoadProgress } from '../../shared/load';
import type { LoadTarget } from './load-run';

/** Parent -> worker. */
export type ToWorker = { type: 'start'; plan: LoadPlan; target: LoadTarget; progressIntervalMs: number } | { type: 'stop' };

/** Worker -> parent: progress while running, then one `end` with the final state and result. */
export type FromWorker = { type: 'progress'; progress: LoadProgress } | { type: 'end'; progress: LoadProgress };
