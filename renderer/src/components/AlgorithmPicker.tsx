import { memo, useId } from 'react';
import { ALGORITHMS, type Algorithm, type LabApi } from '../../../electron/shared/types';
import { useBalancerChange } from '../hooks/use-balancer-change';
import { useChosen } from '../hooks/use-chosen';
import { useMethodTraits } from '../model/algorithm-info';
import type { BalancerSettings } from '../model/balancer-settings';
import { Equivalents } from './Equivalents';
import { FieldError } from './FieldError';

export interface AlgorithmPickerProps {
  api: LabApi;
  /** The lab's balancer settings; a new method is sent with the rest unchanged. */
  settings: BalancerSettings;
}

/**
 * The balancing method: a labelled select, and what the method does with its
 * nginx / HAProxy name, from the lab's method traits (MethodsContext).
 */
export const AlgorithmPicker = memo(function AlgorithmPicker({ api, settings }: AlgorithmPickerProps) {
  const id = useId();
  const { command, send } = useBalancerChange(api);
  // The choice shows at once; the lab's next snapshot confirms it.
  const chosen = useChosen(settings.algorithm);
  const info = useMethodTraits(chosen.shown);

  const choose = async (next: Algorithm): Promise<void> => {
    chosen.choose(next);
    const result = await send({ algorithm: next });
    if (!result.ok) chosen.forget();
  };

  return (
    <div className="algorithm">
      <label htmlFor={id}>Balancing method</label>
      <select
        id={id}
        value={chosen.shown}
        aria-busy={command.pending || undefined}
        onChange={(e) => void choose(e.target.value as Algorithm)}
        aria-describedby={command.error ? `${id}-explain ${id}-error` : `${id}-explain`}
      >
        {ALGORITHMS.map((a) => (
          <option key={a} value={a}>
            {a}
          </option>
        ))}
      </select>
      <p id={`${id}-explain`} className="algorithm__explain">
        {info && (
          <>
            {info.explain} <Equivalents nginx={info.nginx} haproxy={info.haproxy} />
          </>
        )}
      </p>
      <FieldError id={`${id}-error`} message={command.error} />
    </div>
  );
});
