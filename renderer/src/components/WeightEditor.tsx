import { useEffect, useId, useState, type FormEvent } from 'react';
import { weightSchema } from '../../../electron/shared/schemas';
import type { LabApi } from '../../../electron/shared/types';
import { useCommand } from '../hooks/use-command';
import { numberFromInput, validateInput } from '../model/validate-input';
import { FieldError } from './FieldError';

export interface WeightEditorProps {
  api: LabApi;
  port: number;
  weight: number;
}

/**
 * The weight of one port: a number input and Apply. The value is checked
 * with the shared weightSchema before anything is sent; a refusal (here or
 * from the lab) is shown under the input.
 */
export function WeightEditor({ api, port, weight }: WeightEditorProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const command = useCommand();

  // A new weight from the lab (this Apply, or another window) replaces the draft.
  useEffect(() => setDraft(null), [weight]);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (command.pending) return;
    const text = draft ?? String(weight);
    const checked = validateInput(weightSchema, numberFromInput(text), { weight: 'Weight' }, 'weight');
    if (!checked.ok) {
      setProblem(checked.problem.message);
      return;
    }
    setProblem(null);
    await command.run(() => api.patchBackend(port, { weight: checked.value }));
  };

  const message = problem ?? command.error;
  return (
    <form className="weight-editor" onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor={id}>
        Weight<span className="visually-hidden"> for port {port}</span>
      </label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={weightSchema.minValue ?? undefined}
        max={weightSchema.maxValue ?? undefined}
        step={1}
        value={draft ?? String(weight)}
        onChange={(e) => {
          setDraft(e.target.value);
          setProblem(null);
          command.clearError();
        }}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? errorId : undefined}
      />
      {/* aria-disabled, not disabled: a disabled button would drop keyboard focus. */}
      <button type="submit" aria-disabled={command.pending || undefined}>
        Apply
      </button>
      <FieldError id={errorId} message={message} />
    </form>
  );
}
