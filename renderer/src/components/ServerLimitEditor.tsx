import { useEffect, useId, useState, type FormEvent } from 'react';
import { patchBackendSchema } from '../../../electron/shared/schemas';
import type { LabApi } from '../../../electron/shared/types';
import { useCommand } from '../hooks/use-command';
import { SERVER_LIMIT_INFO, type ServerLimit } from '../model/option-info';
import { numberFromInput, validateInput } from '../model/validate-input';
import { Equivalents } from './Equivalents';
import { FieldError } from './FieldError';

export interface ServerLimitEditorProps {
  api: LabApi;
  port: number;
  limit: ServerLimit;
  value: number;
}

/**
 * One number of a port (max fails, fail timeout, max conns, slow start): an
 * input and Apply, checked with the shared patchBackendSchema before
 * patchBackend(port, {limit}) is sent; a refusal shows under the input.
 */
export function ServerLimitEditor({ api, port, limit, value }: ServerLimitEditorProps) {
  const id = useId();
  const info = SERVER_LIMIT_INFO[limit];
  const bounds = patchBackendSchema.shape[limit].unwrap();
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const command = useCommand();

  // A new value from the lab (this Apply, or another window) replaces the draft.
  useEffect(() => setDraft(null), [value]);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (command.pending) return;
    const label = info.unit ? `${info.label} (${info.unit})` : info.label;
    const checked = validateInput(patchBackendSchema, { [limit]: numberFromInput(draft ?? String(value)) }, { [limit]: label }, limit);
    if (!checked.ok) {
      setProblem(checked.problem.message);
      return;
    }
    setProblem(null);
    await command.run(() => api.patchBackend(port, checked.value));
  };

  const message = problem ?? command.error;
  return (
    <form className="limit-editor" onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor={id}>
        {info.label}
        {info.unit && <span className="muted"> ({info.unit})</span>}
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
        aria-describedby={message ? `${id}-explain ${id}-error` : `${id}-explain`}
      />
      {/* aria-disabled, not disabled: a disabled button would drop keyboard focus. */}
      <button type="submit" aria-disabled={command.pending || undefined}>
        Apply
      </button>
      <FieldError id={`${id}-error`} message={message} />
      <p id={`${id}-explain`} className="option__explain">
        {info.explain} <Equivalents nginx={info.nginx} haproxy={info.haproxy} />
      </p>
    </form>
  );
}
