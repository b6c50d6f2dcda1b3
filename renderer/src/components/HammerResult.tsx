import type { LoadErrors, LoadResult } from '../../../electron/shared/load';
import { formatCount, formatRate, formatShare } from '../model/format';
import { HammerErrors } from './HammerProgress';

const PERCENTILES = [
  ['p50', 'p50'],
  ['p90', 'p90'],
  ['p99', 'p99'],
  ['p999', 'p99.9'],
  ['max', 'max'],
] as const;

/** A finished run: achieved req/s, latency percentiles, errors by kind, and how the proxy split it over the backends. */
export function HammerResult({ result, errors }: { result: LoadResult; errors: LoadErrors }) {
  const split = Object.entries(result.byBackend);
  return (
    <section className="hammer__result" aria-label="Hammer result">
      <div>
        <strong>{formatRate(result.rps)} req/s</strong> ({formatCount(result.requests)} answers in {result.durationS} s), <HammerErrors errors={errors} />
      </div>
      <dl className="hammer__latency" aria-label="Latency (ms)">
        {PERCENTILES.map(([key, label]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd>{result.latencyMs[key]} ms</dd>
          </div>
        ))}
      </dl>
      {split.length > 0 && (
        <table className="hammer__split" aria-label="Answers per backend">
          <thead>
            <tr>
              <th scope="col">backend</th>
              <th scope="col">answers</th>
              <th scope="col">share</th>
            </tr>
          </thead>
          <tbody>
            {split.map(([port, n]) => (
              <tr key={port}>
                <th scope="row">{port}</th>
                <td>{formatCount(n)}</td>
                <td>{formatShare(result.requests > 0 ? n / result.requests : null)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
