import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { patchBackendSchema } from '../../../electron/shared/schemas';
import type { LabApi } from '../../../electron/shared/types';
import { useCommand } from '../hooks/use-command';
import { numberFromInput, validateInput } from '../model/validate-input';
import { FieldError } from './FieldError';

/** The numeric fields of a backend that PATCH /api/backends/:port changes. */
export type BackendNumberField = 'weight' | 'maxFails' | 'failTimeoutMs' | 'maxConns' | 'slowStartMs';

export interface BackendNumberEditorProps {
  api: LabApi;
  port: number;
  field: BackendNumberField;
  value: number;
  /** The visible label; " for port N" is added for screen readers. */
  label: ReactNode;
  /** How the field is named in an error sentence ("Weight must be at most 256."). */
  errorLabel: string;
  className: string;
  /** A line under the input that says what the field does; optional. */
  explain?: ReactNode;
}

/**
 * One number of a port: an input and Apply. The value is checked with the
 * shared patchBackendSchema before patchBackend(port, {field}) is sent; a
 * refusal (here or from the lab) is shown under the input. A new value from
 * the lab (this Apply, or another window) replaces the draft.
 */
export function BackendNumberEditor({ api, port, field, value, label, errorLabel, className, explain }: BackendNumberEditorProps) {
  const id = useId();
  const bounds = patchBackendSchema.shape[field].unwrap();
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const command = useCommand();

  useEffect(() => setDraft(null), [value]);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (command.pending) return;
    const checked = validateInput(patchBackendSchema, { [field]: numberFromInput(draft ?? String(value)) }, { [field]: errorLabel }, field);
    if (!checked.ok) {
      setProblem(checked.problem.message);
      return;
    }
    setProblem(null);
    await command.run(() => api.patchBackend(port, checked.value));
  };

  const message = problem ?? command.error;
  const describedBy = [explain ? `${id}-explain` : null, message ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <form className={className} onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor={id}>
        {label}
        <span className="visually-hidden"> for port {port}</span>
      </label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={bounds.minValue ?? undefined}
        max={bounds.maxValue ?? undefined}
        step={1}
        value={draft ?? String(value)}
        onChange={(e) => {
          setDraft(e.target.value);
          setProblem(null);
          command.clearError();
        }}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {/* aria-disabled, not disabled: a disabled button would drop keyboard focus. */}
      <button type="submit" aria-disabled={command.pending || undefined}>
        Apply
      </button>
      <FieldError id={`${id}-error`} message={message} />
      {explain && (
        <p id={`${id}-explain`} className="option__explain">
          {explain}
        </p>
      )}
    </form>
  );
}
