import type { SetBalancerInput } from '../../../electron/shared/types';

/** The balancer settings as the snapshot shows them, every field present. */
export type BalancerSettings = Required<SetBalancerInput>;

/** Whether the client address is what gets hashed: ip-hash always, hash with the client key. */
export function hashesClientAddress(settings: Pick<BalancerSettings, 'algorithm' | 'hashKey'>): boolean {
  return settings.algorithm === 'ip-hash' || (settings.algorithm === 'hash' && settings.hashKey === 'client');
}
