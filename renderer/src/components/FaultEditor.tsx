import { memo, useId, useState, type FormEvent } from 'react';
import { DEFAULT_ERROR_STATUS, faultSchema, type Fault } from '../../../electron/shared/fault';
import type { LabApi } from '../../../electron/shared/types';
import { useCommand } from '../hooks/use-command';
import { sameData } from '../model/same-data';
import { numberFromInput, validateInput } from '../model/validate-input';

const LABELS: Record<string, string> = {
  latencyMs: 'Added latency',
  jitterMs: 'Jitter',
  errorRate: 'Error rate',
  errorStatus: 'Error status',
  resetRate: 'Reset rate',
  hang: 'Hang',
  unreachable: 'Unreachable',
};

/** The fields as typed: rates in percent, as a person thinks of them. */
interface Draft {
  latencyMs: string;
  jitterMs: string;
  errorPercent: string;
  errorStatus: string;
  resetPercent: string;
  hang: boolean;
  unreachable: boolean;
}

const EMPTY: Draft = { latencyMs: '', jitterMs: '', errorPercent: '', errorStatus: '', resetPercent: '', hang: false, unreachable: false };

function draftOf(fault: Readonly<Fault> | null): Draft {
  if (!fault) return EMPTY;
  const text = (n: number | undefined, scale = 1): string => (n === undefined ? '' : String(Math.round(n * scale * 100) / 100));
  return {
    latencyMs: text(fault.latencyMs),
    jitterMs: text(fault.jitterMs),
    errorPercent: text(fault.errorRate, 100),
    errorStatus: text(fault.errorStatus),
    resetPercent: text(fault.resetRate, 100),
    hang: fault.hang ?? false,
    unreachable: fault.unreachable ?? false,
  };
}

/** Only what was filled in: an empty field is no fault of that kind. */
function faultOf(draft: Draft): Record<string, unknown> {
  const fault: Record<string, unknown> = {};
  const put = (key: string, text: string, scale = 1): void => {
    if (text.trim() !== '') fault[key] = numberFromInput(text) / scale;
  };
  put('latencyMs', draft.latencyMs);
  put('jitterMs', draft.jitterMs);
  put('errorRate', draft.errorPercent, 100);
  put('errorStatus', draft.errorStatus);
  put('resetRate', draft.resetPercent, 100);
  if (draft.hang) fault['hang'] = true;
  if (draft.unreachable) fault['unreachable'] = true;
  return fault;
}

export interface FaultEditorProps {
  api: LabApi;
  port: number;
  fault: Readonly<Fault> | null;
  words: string | null;
}

/**
 * A backend's fault, switched live (Toxiproxy-style, on the lab's leg to
 * it): latency ± jitter before the response starts, an error rate answering
 * a status in its place, a reset rate, hang, or unreachable. Checked with the lab's own
 * schema before it is sent; the lab's refusal is shown at its field.
 */
function FaultEditorView({ api, port, fault, words }: FaultEditorProps) {
  const id = useId();
  const run = useCommand();
  const [draft, setDraft] = useState<Draft>(() => draftOf(fault));
  const [problem, setProblem] = useState<{ field: string; message: string } | null>(null);
  const set = (key: keyof Draft) => (value: string | boolean) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const checked = validateInput(faultSchema, faultOf(draft), LABELS, 'fault');
    if (!checked.ok) return setProblem(checked.problem);
    setProblem(null);
    await run.run(() => api.setFault(port, checked.value));
  };
  const clear = async (): Promise<void> => {
    setDraft(EMPTY);
    setProblem(null);
    await run.run(() => api.clearFault(port));
  };
  const message = problem?.message ?? run.error;
  const number = (key: keyof Draft, label: string, hint: string) => (
    <label className="fault-editor__field">
      <span>{label}</span>
      <input type="number" inputMode="decimal" value={draft[key] as string} onChange={(e) => set(key)(e.target.value)} aria-describedby={`${id}-hint`} title={hint} />
    </label>
  );
  return (
    <details className="fault-editor">
      <summary>
        Fault{words ? `: ${words}` : ''}
        <span className="visually-hidden"> of port {port}</span>
      </summary>
      <form onSubmit={(e) => void submit(e)} aria-label={`Fault of port ${port}`}>
        {number('latencyMs', 'Latency (ms)', 'added before the response starts')}
        {number('jitterMs', '± jitter (ms)', 'uniform, on top of the latency')}
        {number('errorPercent', 'Errors (%)', 'answered by the lab in the backend’s place')}
        {number('errorStatus', 'with status', `default ${DEFAULT_ERROR_STATUS}`)}
        {number('resetPercent', 'Resets (%)', 'connection cut before any byte')}
        <label className="fault-editor__field">
          <input type="checkbox" checked={draft.hang} onChange={(e) => set('hang')(e.target.checked)} />
          <span>Hang (accept, never answer)</span>
        </label>
        <label className="fault-editor__field">
          <input type="checkbox" checked={draft.unreachable} onChange={(e) => set('unreachable')(e.target.checked)} />
          <span>Unreachable (no connection: the connect timeout decides)</span>
        </label>
        <p id={`${id}-hint`} className="muted small">
          Empty fields are no fault. The proxy’s read timeout decides a hung request, its connect timeout an unreachable one.
        </p>
        <div className="fault-editor__buttons">
          <button type="submit" className="button" disabled={run.pending}>
            Set fault
          </button>
          <button type="button" className="button" disabled={run.pending || fault === null} onClick={() => void clear()}>
            Clear
          </button>
        </div>
        {message && (
          <p className="field-error" role="alert">
            {message}
          </p>
        )}
      </form>
    </details>
  );
}

/** Re-renders only when the fault itself changes (each snapshot brings an equal copy), not for the row's new numbers. */
export const FaultEditor = memo(FaultEditorView, (prev, next) => prev.api === next.api && prev.port === next.port && prev.words === next.words && sameData(prev.fault, next.fault));
