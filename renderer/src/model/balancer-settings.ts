import type { SetBalancerInput } from '../../../electron/shared/types';

/** Everything `setBalancer` takes, all of it: every control sends the whole set, so none resets another. */
export type BalancerSettings = Required<SetBalancerInput>;
