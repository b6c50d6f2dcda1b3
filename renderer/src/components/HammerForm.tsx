import { memo, useState, type FormEvent } from 'react';
import { LOAD_DEFAULTS, LOAD_LIMITS, loadInputSchema, type LoadInput, type LoadMode } from '../../../electron/shared/load';
import type { Result } from '../../../electron/shared/types';
import { useCommand } from '../hooks/use-command';
import { parsePaths } from '../model/load-paths';
import { numberFromInput, validateInput, type FieldProblem } from '../model/validate-input';
import { FieldError } from './FieldError';

const LABELS: Record<string, string> = {
  rate: 'Rate (req/s)',
  durationS: 'Duration (s)',
  connections: 'Connections',
  paths: 'Paths',
  clients: 'Clients',
};
const NUMBER_FIELDS = [
  ['rate', 'Arrivals per second, whatever the backends do', LOAD_LIMITS.maxRate],
  ['durationS', 'How long it sends, at most 10 minutes', LOAD_LIMITS.maxDurationS],
  ['connections', 'Connections to the proxy: requests in flight at most', LOAD_LIMITS.maxConnections],
  ['clients', 'Simulated client addresses, sent as X-Forwarded-For (0 = none); ip-hash sees them when it trusts that header', LOAD_LIMITS.maxClients],
] as const;
type NumberField = (typeof NUMBER_FIELDS)[number][0];

export interface HammerFormProps {
  /** The panel's id: the fields' ids start with it. */
  id: string;
  /** A run is going: the fields are locked and the button stops it. */
  running: boolean;
  /** Start a run; the input has passed loadInputSchema already. */
  onStart: (input: LoadInput) => Promise<Result<unknown>>;
  onStop: () => Promise<Result<unknown>>;
}

/**
 * The Hammer's form: load mode, rate, duration, connections, clients and
 * paths, checked with the lab's own loadInputSchema; Start, or Stop while a
 * run goes. Holds what the person typed. Re-renders only when a run starts
 * or ends, not for each snapshot's progress.
 */
export const HammerForm = memo(function HammerForm({ id, running, onStart, onStop }: HammerFormProps) {
  const [mode, setMode] = useState<LoadMode>('open');
  const [numbers, setNumbers] = useState<Record<NumberField, string>>({
    rate: String(LOAD_DEFAULTS.rate),
    durationS: String(LOAD_DEFAULTS.durationS),
    connections: String(LOAD_DEFAULTS.openConnections),
    clients: '0',
  });
  const [paths, setPaths] = useState<string>(LOAD_DEFAULTS.path);
  const [problem, setProblem] = useState<FieldProblem | null>(null);
  const command = useCommand();

  const input: LoadInput = {
    mode,
    ...(mode === 'open' ? { rate: numberFromInput(numbers.rate) } : {}),
    durationS: numberFromInput(numbers.durationS),
    connections: numberFromInput(numbers.connections),
    clients: numberFromInput(numbers.clients),
    ...(parsePaths(paths) ? { paths: parsePaths(paths) } : {}),
  };

  const edit = (change: () => void): void => {
    change();
    setProblem(null);
    command.clearError();
  };
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (command.pending) return;
    if (running) {
      await command.run(onStop);
      return;
    }
    const checked = validateInput(loadInputSchema, input, LABELS, 'rate');
    if (!checked.ok) {
      setProblem(checked.problem);
      return;
    }
    setProblem(null);
    await command.run(() => onStart(checked.value));
  };

  const errorFor = (field: string): string | null => {
    if (problem?.field === field) return problem.message;
    if (command.error && command.field?.split('.')[0] === field) return command.error;
    return null;
  };
  const formError = command.error && !(command.field && command.field.split('.')[0]! in LABELS) ? command.error : null;
  const fieldProps = (field: string) => {
    const message = errorFor(field);
    return { 'aria-invalid': message ? true : undefined, 'aria-describedby': message ? `${id}-${field}-error` : undefined };
  };

  return (
    <form className="hammer__form" onSubmit={(e) => void submit(e)} noValidate>
      <fieldset className="hammer__mode" disabled={running}>
        <legend>Load</legend>
        <label className="choice">
          <input type="radio" name={`${id}-mode`} checked={mode === 'open'} onChange={() => edit(() => setMode('open'))} /> Fixed rate (open loop)
        </label>
        <label className="choice">
          <input type="radio" name={`${id}-mode`} checked={mode === 'closed'} onChange={() => edit(() => setMode('closed'))} /> As fast as it goes (closed loop)
        </label>
      </fieldset>
      {NUMBER_FIELDS.filter(([field]) => field !== 'rate' || mode === 'open').map(([field, hint, max]) => (
        <div key={field} className={`field hammer__${field}`} title={hint}>
          <label htmlFor={`${id}-${field}`}>{LABELS[field]}</label>
          <input
            id={`${id}-${field}`}
            type="number"
            inputMode="decimal"
            min={field === 'clients' ? 0 : 1}
            max={max}
            value={numbers[field]}
            disabled={running}
            onChange={(e) => edit(() => setNumbers((n) => ({ ...n, [field]: e.target.value })))}
            {...fieldProps(field)}
          />
          <FieldError id={`${id}-${field}-error`} message={errorFor(field)} />
        </div>
      ))}
      <div className="field hammer__paths" title="Comma-separated; a number after a path is its weight: /a 3, /b">
        <label htmlFor={`${id}-paths`}>{LABELS.paths}</label>
        <input
          id={`${id}-paths`}
          type="text"
          spellCheck={false}
          value={paths}
          disabled={running}
          onChange={(e) => edit(() => setPaths(e.target.value))}
          {...fieldProps('paths')}
        />
        <FieldError id={`${id}-paths-error`} message={errorFor('paths')} />
      </div>
      {/* aria-disabled, not disabled: a disabled button would drop keyboard focus. */}
      <button type="submit" className="hammer__go" aria-disabled={command.pending || undefined} aria-busy={command.pending || undefined}>
        {running ? 'Stop' : 'Start'}
      </button>
      <FieldError id={`${id}-form-error`} message={formError} />
    </form>
  );
});
