import type { LabApi } from '../../../electron/shared/types';
import { useChosen } from '../hooks/use-chosen';
import { useCommand } from '../hooks/use-command';
import { SERVER_FLAG_INFO, type ServerFlag } from '../model/option-info';
import { OptionCheckbox } from './OptionCheckbox';

export interface ServerFlagToggleProps {
  api: LabApi;
  port: number;
  flag: ServerFlag;
  value: boolean;
}

/** One server switch of a port (backup, down, drain): a checkbox that sends patchBackend(port, {flag}) at once. */
export function ServerFlagToggle({ api, port, flag, value }: ServerFlagToggleProps) {
  const command = useCommand();
  const chosen = useChosen(value);
  const toggle = async (on: boolean): Promise<void> => {
    chosen.choose(on);
    const result = await command.run(() => api.patchBackend(port, { [flag]: on }));
    if (!result.ok) chosen.forget();
  };
  return (
    <OptionCheckbox
      info={SERVER_FLAG_INFO[flag]}
      labelSuffix={` for port ${port}`}
      checked={chosen.shown}
      pending={command.pending}
      error={command.error}
      onChange={(on) => void toggle(on)}
    />
  );
}
