import type { LabApi } from '../../../electron/shared/types';
import { useBalancerChange } from '../hooks/use-balancer-change';
import { useChosen } from '../hooks/use-chosen';
import type { BalancerSettings } from '../model/balancer-settings';
import { TRUST_FORWARDED_FOR_INFO } from '../model/option-info';
import { OptionCheckbox } from './OptionCheckbox';

/** Whether the client address (for ip-hash, or hash by client) comes from X-Forwarded-For. */
export function TrustForwardedForOption({ api, settings }: { api: LabApi; settings: BalancerSettings }) {
  const { command, send } = useBalancerChange(api);
  const chosen = useChosen(settings.trustForwardedFor);
  const toggle = async (trustForwardedFor: boolean): Promise<void> => {
    chosen.choose(trustForwardedFor);
    if (!(await send({ trustForwardedFor })).ok) chosen.forget();
  };
  return (
    <OptionCheckbox info={TRUST_FORWARDED_FOR_INFO} checked={chosen.shown} pending={command.pending} error={command.error} onChange={(on) => void toggle(on)} />
  );
}
