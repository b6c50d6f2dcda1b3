import { memo, useEffect, useId, useState, type FormEvent } from 'react';
import { setHealthSchema } from '../../../electron/shared/schemas';
import type { HealthCheckSettings, LabApi, SetHealthInput } from '../../../electron/shared/types';
import { useCommand } from '../hooks/use-command';
import { formatSeconds } from '../model/format';
import { haproxyHealthCheck, nginxHealthCheck } from '../model/health-directives';
import { numberFromInput, validateInput, type FieldProblem } from '../model/validate-input';
import { Equivalents } from './Equivalents';
import { FieldError } from './FieldError';

const LABELS: Record<string, string> = { path: 'Path', intervalMs: 'Interval (ms)', rise: 'Rise', fall: 'Fall' };
const NUMBER_FIELDS = ['intervalMs', 'rise', 'fall'] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];
const HINTS: Record<NumberField, string> = {
  intervalMs: 'Time between two checks of each backend',
  rise: 'Passing checks in a row that bring a backend back',
  fall: 'Failing checks in a row that take a backend out',
};

export type HealthCheckPanelProps = { api: LabApi } & HealthCheckSettings;

interface Draft {
  enabled?: boolean;
  path?: string;
  intervalMs?: string;
  rise?: string;
  fall?: string;
}

/**
 * Active health checks (HAProxy `check`): on or off, the path, the interval,
 * rise and fall; Apply sends setHealth after the shared setHealthSchema
 * accepts it. Shows the HAProxy (and nginx Plus) lines for the same settings.
 */
export const HealthCheckPanel = memo(function HealthCheckPanel({ api, enabled, path, intervalMs, rise, fall }: HealthCheckPanelProps) {
  const id = useId();
  const [draft, setDraft] = useState<Draft>({});
  const [problem, setProblem] = useState<FieldProblem | null>(null);
  const command = useCommand();
  // New settings from the lab (this Apply, or another window) replace the draft.
  useEffect(() => setDraft({}), [enabled, path, intervalMs, rise, fall]);

  const shown = {
    enabled: draft.enabled ?? enabled,
    path: draft.path ?? path,
    intervalMs: draft.intervalMs ?? String(intervalMs),
    rise: draft.rise ?? String(rise),
    fall: draft.fall ?? String(fall),
  };
  const input: SetHealthInput = {
    enabled: shown.enabled,
    path: shown.path,
    intervalMs: numberFromInput(shown.intervalMs),
    rise: numberFromInput(shown.rise),
    fall: numberFromInput(shown.fall),
  };
  const checked = validateInput(setHealthSchema, input, LABELS, 'path');
  // The config lines follow the form while it is valid, else the lab's settings.
  const lines = checked.ok ? checked.value : { path, intervalMs, rise, fall };

  const edit = (change: Draft): void => {
    setDraft((d) => ({ ...d, ...change }));
    setProblem(null);
    command.clearError();
  };
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (command.pending) return;
    if (!checked.ok) {
      setProblem(checked.problem);
      return;
    }
    setProblem(null);
    await command.run(() => api.setHealth(checked.value));
  };

  const errorFor = (field: string): string | null => {
    if (problem?.field === field) return problem.message;
    if (command.error && command.field === field) return command.error;
    return null;
  };
  const formError = command.error && !(command.field && command.field in LABELS) ? command.error : null;
  const fieldProps = (field: string) => {
    const message = errorFor(field);
    return { 'aria-invalid': message ? true : undefined, 'aria-describedby': message ? `${id}-${field}-error` : undefined };
  };

  return (
    <details className="panel health-panel">
      <summary>
        <h2>Health checks</h2>{' '}
        <span className="muted small">
          {enabled ? `on: GET ${path} every ${formatSeconds(intervalMs)}, rise ${rise}, fall ${fall}` : 'off (only failed requests count, as in open-source nginx)'}
        </span>
      </summary>
      <form className="health-form" onSubmit={(e) => void submit(e)} noValidate>
        <p className="option__explain health-form__explain">
          The lab asks every backend for a path on its own clock; <strong>fall</strong> failures in a row take it out, <strong>rise</strong> passes bring it back.
        </p>
        <label className="choice health-form__enabled">
          <input type="checkbox" checked={shown.enabled} onChange={(e) => edit({ enabled: e.target.checked })} /> Check backends
        </label>
        <div className="field health-form__path">
          <label htmlFor={`${id}-path`}>Path</label>
          <input id={`${id}-path`} type="text" spellCheck={false} value={shown.path} onChange={(e) => edit({ path: e.target.value })} {...fieldProps('path')} />
          <FieldError id={`${id}-path-error`} message={errorFor('path')} />
        </div>
        {NUMBER_FIELDS.map((field) => {
          const bounds = setHealthSchema.shape[field];
          return (
            <div key={field} className={`field health-form__${field}`} title={HINTS[field]}>
              <label htmlFor={`${id}-${field}`}>{LABELS[field]}</label>
              <input
                id={`${id}-${field}`}
                type="number"
                inputMode="numeric"
                min={bounds.minValue ?? undefined}
                max={bounds.maxValue ?? undefined}
                step={1}
                value={shown[field]}
                onChange={(e) => edit({ [field]: e.target.value })}
                {...fieldProps(field)}
              />
              <FieldError id={`${id}-${field}-error`} message={errorFor(field)} />
            </div>
          );
        })}
        {/* aria-disabled, not disabled: a disabled button would drop keyboard focus. */}
        <button type="submit" className="health-form__apply" aria-disabled={command.pending || undefined} aria-busy={command.pending || undefined}>
          Apply
        </button>
        <FieldError id={`${id}-form-error`} message={formError} />
        <p className="option__explain health-form__equivalents">
          <Equivalents haproxy={haproxyHealthCheck(lines)} nginx={nginxHealthCheck(lines)} />
        </p>
      </form>
    </details>
  );
});
