import type { CompareResult as Result, CompareRun } from '../../../electron/shared/compare';
import { formatCount, formatRate, formatShare } from '../model/format';

const failed = (run: CompareRun): number => Object.values(run.errors).reduce((a, b) => a + b, 0);

const ROWS: [label: string, value: (run: CompareRun) => string][] = [
  ['method', (run) => run.algorithm],
  ['req/s', (run) => formatRate(run.load.rps)],
  ['p50', (run) => `${run.load.latencyMs.p50} ms`],
  ['p99', (run) => `${run.load.latencyMs.p99} ms`],
  ['failed', (run) => formatCount(failed(run))],
  ['retries', (run) => formatCount(run.proxy.retries)],
];

/** Two runs side by side: rate, latency, failures, retries and each backend's share, under the verdict in words. */
export function CompareResult({ result }: { result: Result }) {
  const { a, b } = result;
  const ports = [...new Set([...Object.keys(a.proxy.byBackend), ...Object.keys(b.proxy.byBackend)])].sort((x, y) => Number(x) - Number(y));
  const share = (run: CompareRun, port: string): string => formatShare(run.proxy.requests > 0 ? (run.proxy.byBackend[port] ?? 0) / run.proxy.requests : null);
  return (
    <section className="compare__result" aria-label="Comparison result">
      <p className="compare__verdict">{result.verdict}</p>
      <table aria-label="Side by side">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">{a.label}</th>
            <th scope="col">{b.label}</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{value(a)}</td>
              <td>{value(b)}</td>
            </tr>
          ))}
          {ports.map((port) => (
            <tr key={port}>
              <th scope="row">share {port}</th>
              <td>{share(a, port)}</td>
              <td>{share(b, port)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
