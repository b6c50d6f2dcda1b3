import type { SetBalancerInput } from '../../../electron/shared/types';

/** Everything `setBalancer` takes, all of it: every control sends the whole set, so none resets another. */
export type BalancerSettings = Required<SetBalancerInput>;

/** Whether the client address is what gets hashed: ip-hash always, hash with the client key. */
export function hashesClientAddress(settings: Pick<BalancerSettings, 'algorithm' | 'hashKey'>): boolean {
  return settings.algorithm === 'ip-hash' || (settings.algorithm === 'hash' && settings.hashKey === 'client');
}
