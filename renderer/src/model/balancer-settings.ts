import type { SetBalancerInput } from '../../../electron/shared/types';

/** The balancer settings as the snapshot shows them, every field present. */
export type BalancerSettings = Required<SetBalancerInput>;
