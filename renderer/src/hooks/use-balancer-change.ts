import type { LabApi, Result } from '../../../electron/shared/types';
import type { BalancerSettings } from '../model/balancer-settings';
import { useCommand, type CommandState } from './use-command';

/** One balancer control's command: sends the lab's whole balancer settings with `change` applied. */
export function useBalancerChange(api: LabApi, settings: BalancerSettings): { command: CommandState; send(change: Partial<BalancerSettings>): Promise<Result<null>> } {
  const command = useCommand();
  return { command, send: (change) => command.run(() => api.setBalancer({ ...settings, ...change })) };
}
