import type { LabApi, Result } from '../../../electron/shared/types';
import type { SetBalancerInput } from '../../../electron/shared/types';
import { useCommand, type CommandState } from './use-command';

/** One balancer control's command: sends only what it changes, so two quick toggles never undo each other. */
export function useBalancerChange(api: LabApi): { command: CommandState; send(change: SetBalancerInput): Promise<Result<null>> } {
  const command = useCommand();
  return { command, send: (change) => command.run(() => api.setBalancer(change)) };
}
