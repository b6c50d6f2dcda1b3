import { useId } from 'react';
import { HASH_KEYS, type HashKey, type LabApi } from '../../../electron/shared/types';
import { useBalancerChange } from '../hooks/use-balancer-change';
import { useChosen } from '../hooks/use-chosen';
import type { BalancerSettings } from '../model/balancer-settings';
import { HASH_KEY_INFO } from '../model/option-info';
import { Equivalents } from './Equivalents';
import { FieldError } from './FieldError';

/** What `hash` hashes: the request URI, the path, or the client address; with its nginx / HAProxy form. */
export function HashKeyOption({ api, settings }: { api: LabApi; settings: BalancerSettings }) {
  const id = useId();
  const { command, send } = useBalancerChange(api);
  const chosen = useChosen(settings.hashKey);
  const info = HASH_KEY_INFO[chosen.shown];
  const choose = async (hashKey: HashKey): Promise<void> => {
    chosen.choose(hashKey);
    if (!(await send({ hashKey })).ok) chosen.forget();
  };
  return (
    <div className="option">
      <label className="option__control" htmlFor={id}>
        Hash key
      </label>
      <select
        id={id}
        value={chosen.shown}
        aria-busy={command.pending || undefined}
        aria-describedby={command.error ? `${id}-explain ${id}-error` : `${id}-explain`}
        onChange={(e) => void choose(e.target.value as HashKey)}
      >
        {HASH_KEYS.map((key) => (
          <option key={key} value={key}>
            {HASH_KEY_INFO[key].label}
          </option>
        ))}
      </select>
      <p id={`${id}-explain`} className="option__explain">
        {info.explain} <Equivalents nginx={info.nginx} haproxy={info.haproxy} />
      </p>
      <FieldError id={`${id}-error`} message={command.error} />
    </div>
  );
}
