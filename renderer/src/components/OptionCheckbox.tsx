import { useId } from 'react';
import type { OptionInfo } from '../model/option-info';
import { Equivalents } from './Equivalents';
import { FieldError } from './FieldError';

export interface OptionCheckboxProps {
  info: OptionInfo;
  /** Read by screen readers after the visible label, e.g. " for port 4001". */
  labelSuffix?: string;
  checked: boolean;
  pending: boolean;
  error: string | null;
  onChange(checked: boolean): void;
}

/** A labelled checkbox with its one-line explanation, its nginx / HAProxy name, and the lab's refusal under it. */
export function OptionCheckbox({ info, labelSuffix, checked, pending, error, onChange }: OptionCheckboxProps) {
  const id = useId();
  return (
    <div className="option">
      <label className="option__control">
        <input
          type="checkbox"
          checked={checked}
          aria-busy={pending || undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-explain ${id}-error` : `${id}-explain`}
          onChange={(e) => onChange(e.target.checked)}
        />
        {info.label}
        {labelSuffix && <span className="visually-hidden">{labelSuffix}</span>}
      </label>
      <p id={`${id}-explain`} className="option__explain">
        {info.explain} <Equivalents nginx={info.nginx} haproxy={info.haproxy} />
      </p>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
