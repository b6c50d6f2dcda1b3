import { useEffect, useId, useState } from 'react';
import { ALGORITHMS, type Algorithm, type LabApi } from '../../../electron/shared/types';
import { useCommand } from '../hooks/use-command';
import { ALGORITHM_INFO } from '../model/algorithm-info';
import { FieldError } from './FieldError';
import { InlineCode } from './InlineCode';

export interface AlgorithmPickerProps {
  api: LabApi;
  algorithm: Algorithm;
}

/** The balancing method: a labelled select, what the method does, and its nginx / HAProxy name. */
export function AlgorithmPicker({ api, algorithm }: AlgorithmPickerProps) {
  const id = useId();
  const command = useCommand();
  // The choice shows at once; the lab's next snapshot confirms it.
  const [chosen, setChosen] = useState<Algorithm | null>(null);
  useEffect(() => setChosen(null), [algorithm]);
  const shown = chosen ?? algorithm;
  const info = ALGORITHM_INFO[shown];

  const choose = async (next: Algorithm): Promise<void> => {
    setChosen(next);
    const result = await command.run(() => api.setBalancer({ algorithm: next }));
    if (!result.ok) setChosen(null);
  };

  return (
    <div className="algorithm">
      <label htmlFor={id}>Balancing method</label>
      <select id={id} value={shown} aria-busy={command.pending || undefined} onChange={(e) => void choose(e.target.value as Algorithm)} aria-describedby={`${id}-explain`}>
        {ALGORITHMS.map((a) => (
          <option key={a} value={a}>
            {a}
          </option>
        ))}
      </select>
      <p id={`${id}-explain`} className="algorithm__explain">
        {info.summary} <span className="muted">nginx:</span> <InlineCode text={info.nginx} /> <span className="muted">· HAProxy:</span>{' '}
        <InlineCode text={info.haproxy} />
      </p>
      <FieldError id={`${id}-error`} message={command.error} />
    </div>
  );
}
