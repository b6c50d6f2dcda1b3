import type { LabApi } from '../../../electron/shared/types';
import { useBalancerChange } from '../hooks/use-balancer-change';
import { useChosen } from '../hooks/use-chosen';
import type { BalancerSettings } from '../model/balancer-settings';
import { STICKY_INFO } from '../model/option-info';
import { OptionCheckbox } from './OptionCheckbox';

/** Sticky sessions by cookie, on or off, whatever the method. */
export function StickyOption({ api, settings }: { api: LabApi; settings: BalancerSettings }) {
  const { command, send } = useBalancerChange(api);
  const chosen = useChosen(settings.sticky);
  const toggle = async (sticky: boolean): Promise<void> => {
    chosen.choose(sticky);
    if (!(await send({ sticky })).ok) chosen.forget();
  };
  return <OptionCheckbox info={STICKY_INFO} checked={chosen.shown} pending={command.pending} error={command.error} onChange={(on) => void toggle(on)} />;
}
