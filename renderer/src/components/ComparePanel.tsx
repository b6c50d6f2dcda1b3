import { memo, useContext, useId, useState, type FormEvent } from 'react';
import { type CompareInput, type CompareProgress } from '../../../electron/shared/compare';
import { LOAD_DEFAULTS, LOAD_LIMITS, loadInputSchema, type LoadProgress } from '../../../electron/shared/load';
import type { Algorithm, LabApi } from '../../../electron/shared/types';
import { useCommand } from '../hooks/use-command';
import { useLabRead } from '../hooks/use-lab-read';
import { MethodsContext } from '../model/algorithm-info';
import { download } from '../model/download';
import { sameData } from '../model/same-data';
import { numberFromInput, validateInput, type FieldProblem } from '../model/validate-input';
import { CompareResult } from './CompareResult';
import { FieldError } from './FieldError';
import { HammerProgress } from './HammerProgress';

const LABELS: Record<string, string> = { a: 'Method A', b: 'Method B', rate: 'Rate (req/s)', durationS: 'Each run (s)' };
/** Where the lab's error names a field of this form: `a.balancer.algorithm` is side a's picker, `load.rate` the rate. */
const formField = (field: string | null): string | null => (field === null ? null : field.startsWith('load.') ? field.slice(5) : field.split('.')[0]!);

export interface ComparePanelProps {
  api: LabApi;
  /** The snapshot's comparison progress and the hammer's, which runs each side. */
  compare: CompareProgress;
  load: LoadProgress;
}

/**
 * Compare two methods under one fixed-rate hammer profile: the lab runs
 * each in turn (counters and selection state reset between them), then
 * shows both results side by side with a verdict in words; the result can
 * be saved as JSON. Two settings of one method: `POST /api/compare`.
 */
function ComparePanelView({ api, compare, load }: ComparePanelProps) {
  const id = useId();
  const methods = useContext(MethodsContext);
  const [a, setA] = useState<Algorithm>('round-robin');
  const [b, setB] = useState<Algorithm>('least-conn');
  const [rate, setRate] = useState(String(LOAD_DEFAULTS.rate));
  const [durationS, setDurationS] = useState('5');
  const [problem, setProblem] = useState<FieldProblem | null>(null);
  // The result is not in the snapshot: read it whenever the state moves.
  const [status] = useLabRead(api.compareStatus, compare.state);
  const command = useCommand();
  const running = compare.state === 'running';

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (command.pending) return;
    if (running) {
      await command.run(api.stopCompare);
      return;
    }
    const profile = validateInput(loadInputSchema, { rate: numberFromInput(rate), durationS: numberFromInput(durationS) }, LABELS, 'rate');
    if (!profile.ok) return setProblem(profile.problem);
    setProblem(null);
    const input: CompareInput = { a: { balancer: { algorithm: a } }, b: { balancer: { algorithm: b } }, load: profile.value };
    await command.run(() => api.startCompare(input));
  };

  const errorFor = (field: string): string | null => (problem?.field === field ? problem.message : formField(command.field) === field ? command.error : null);
  const picker = (side: 'a' | 'b', value: Algorithm, set: (name: Algorithm) => void) => (
    <div className="field">
      <label htmlFor={`${id}-${side}`}>{LABELS[side]}</label>
      <select id={`${id}-${side}`} value={value} disabled={running} onChange={(e) => set(e.target.value as Algorithm)}>
        {methods.map((method) => (
          <option key={method.name} value={method.name}>
            {method.name}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-${side}-error`} message={errorFor(side)} />
    </div>
  );
  const number = (field: 'rate' | 'durationS', value: string, set: (text: string) => void, max: number) => (
    <div className="field">
      <label htmlFor={`${id}-${field}`}>{LABELS[field]}</label>
      <input id={`${id}-${field}`} type="number" min={1} max={max} value={value} disabled={running} onChange={(e) => (set(e.target.value), setProblem(null))} />
      <FieldError id={`${id}-${field}-error`} message={errorFor(field)} />
    </div>
  );
  const result = status?.result ?? null;
  const otherError = command.error && !((formField(command.field) ?? '') in LABELS) ? command.error : null;

  return (
    <section className="panel compare" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Compare two methods</h2>
      <form className="compare__form" onSubmit={(e) => void submit(e)} noValidate>
        {picker('a', a, setA)}
        {picker('b', b, setB)}
        {number('rate', rate, setRate, LOAD_LIMITS.maxRate)}
        {number('durationS', durationS, setDurationS, LOAD_LIMITS.maxDurationS)}
        <button type="submit" className="button" aria-disabled={command.pending || undefined}>
          {running ? 'Stop' : 'Compare'}
        </button>
        <FieldError id={`${id}-form-error`} message={otherError} />
      </form>
      {running && compare.labels && compare.running && (
        <>
          <p className="muted small" role="status">
            Running {compare.labels[compare.running]} ({compare.running === 'a' ? 1 : 2} of 2)…
          </p>
          {load.state === 'running' && <HammerProgress progress={load} />}
        </>
      )}
      {!running && compare.reason && <p className="muted small">Comparison {compare.state}: {compare.reason}</p>}
      {!running && result && (
        <>
          <CompareResult result={result} />
          <button type="button" className="button" onClick={() => download(`compare-${result.a.label}-vs-${result.b.label}.json`.replace(/[^\w.-]+/g, '_'), `${JSON.stringify(result, null, 2)}\n`, 'application/json')}>
            Save result (JSON)
          </button>
        </>
      )}
    </section>
  );
}

/**
 * Re-renders when the comparison moves; the hammer's progress only matters
 * (and is only shown) while a comparison runs.
 */
export const ComparePanel = memo(
  ComparePanelView,
  (prev, next) => prev.api === next.api && sameData(prev.compare, next.compare) && (next.compare.state !== 'running' || sameData(prev.load, next.load)),
);
