import { memo, useEffect, useId, useState, type FormEvent } from 'react';
import { addBackendsSchema } from '../../../electron/shared/schemas';
import type { AddBackendsInput, LabApi } from '../../../electron/shared/types';
import { useCommand } from '../hooks/use-command';
import { numberFromInput, validateInput, type FieldProblem } from '../model/validate-input';
import { FieldError } from './FieldError';

const LABELS: Record<string, string> = { count: 'How many', command: 'Command', basePort: 'Base port' };
const EXAMPLE_COMMAND = 'python3 -m http.server {port}';
/** How long "Started 4003, 4004." stays under the button. */
const STARTED_NOTE_MS = 6000;
// Bounds for the inputs' min/max attributes come from the one schema.
const COUNT = addBackendsSchema.shape.count.unwrap();
const PORT = addBackendsSchema.shape.basePort.unwrap();

export interface SpawnFormProps {
  api: LabApi;
  /** The port the lab will take next (after the highest existing one); null when it decides. */
  nextPort: number | null;
}

/**
 * Start more backends: how many, which command (the sample backend or one
 * with {port}), and from which port. Checked with the shared
 * addBackendsSchema first; a refusal is shown next to the field it names.
 */
export const SpawnForm = memo(function SpawnForm({ api, nextPort }: SpawnFormProps) {
  const id = useId();
  const [count, setCount] = useState('3');
  const [useCustom, setUseCustom] = useState(false);
  const [command, setCommand] = useState('');
  const [basePort, setBasePort] = useState('');
  const [problem, setProblem] = useState<FieldProblem | null>(null);
  const [started, setStarted] = useState<string | null>(null);
  const run = useCommand();
  useEffect(() => {
    if (started === null) return;
    const timer = setTimeout(() => setStarted(null), STARTED_NOTE_MS);
    return () => clearTimeout(timer);
  }, [started]);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (run.pending) return;
    setStarted(null);
    const input: AddBackendsInput = {
      count: numberFromInput(count),
      ...(useCustom ? { command } : { sample: true }),
      ...(basePort.trim() === '' ? {} : { basePort: numberFromInput(basePort) }),
    };
    const checked = validateInput(addBackendsSchema, input, LABELS, 'count');
    if (!checked.ok) {
      setProblem(checked.problem);
      return;
    }
    setProblem(null);
    const result = await run.run(() => api.addBackends(checked.value));
    if (result.ok) setStarted(result.value.ports.length > 0 ? `Started ${result.value.ports.join(', ')}.` : 'No free port was found.');
  };

  // A field's message: ours, or the lab's when it named that field.
  const errorFor = (field: string): string | null => {
    if (problem?.field === field) return problem.message;
    if (run.error && run.field === field) return run.error;
    return null;
  };
  const formError = run.error && !(run.field && run.field in LABELS) ? run.error : null;
  const fieldProps = (field: string) => {
    const message = errorFor(field);
    return { 'aria-invalid': message ? true : undefined, 'aria-describedby': message ? `${id}-${field}-error` : undefined };
  };
  const edited = (): void => {
    setProblem(null);
    run.clearError();
  };

  return (
    <form className="spawn-form" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)} noValidate>
      <h2 id={`${id}-title`}>Add backends</h2>
      <div className="field field--count">
        <label htmlFor={`${id}-count`}>
          How many <span className="muted">({COUNT.minValue}–{COUNT.maxValue})</span>
        </label>
        <input
          id={`${id}-count`}
          type="number"
          inputMode="numeric"
          min={COUNT.minValue ?? undefined}
          max={COUNT.maxValue ?? undefined}
          value={count}
          onChange={(e) => {
            setCount(e.target.value);
            edited();
          }}
          {...fieldProps('count')}
        />
        <FieldError id={`${id}-count-error`} message={errorFor('count')} />
      </div>
      <fieldset className="field field--command">
        <legend>Command</legend>
        <label className="choice">
          <input type="radio" name={`${id}-kind`} checked={!useCustom} onChange={() => {
              setUseCustom(false);
              edited();
            }} /> Sample backend
        </label>
        <label className="choice">
          <input type="radio" name={`${id}-kind`} checked={useCustom} onChange={() => {
              setUseCustom(true);
              edited();
            }} /> Custom:
        </label>
        <input
          type="text"
          className="command-input"
          aria-label="Custom command (use {port})"
          placeholder={EXAMPLE_COMMAND}
          value={command}
          disabled={!useCustom}
          spellCheck={false}
          onChange={(e) => {
            setCommand(e.target.value);
            edited();
          }}
          {...fieldProps('command')}
        />
        <FieldError id={`${id}-command-error`} message={errorFor('command')} />
      </fieldset>
      <div className="field field--port">
        <label htmlFor={`${id}-port`}>
          Base port <span className="muted">(optional)</span>
        </label>
        <input
          id={`${id}-port`}
          type="number"
          inputMode="numeric"
          min={PORT.minValue ?? undefined}
          max={PORT.maxValue ?? undefined}
          placeholder={nextPort === null ? 'next free' : String(nextPort)}
          title="Empty: the next free port after the existing backends"
          value={basePort}
          onChange={(e) => {
            setBasePort(e.target.value);
            edited();
          }}
          {...fieldProps('basePort')}
        />
        <FieldError id={`${id}-basePort-error`} message={errorFor('basePort')} />
      </div>
      <button type="submit" className="button button--primary" aria-disabled={run.pending || undefined} aria-busy={run.pending || undefined}>
        Start backends
      </button>
      <p className="spawn-form__status" role="status">
        {run.pending ? 'Starting…' : started}
      </p>
      <FieldError id={`${id}-form-error`} message={formError} />
    </form>
  );
});
