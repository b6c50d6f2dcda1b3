import type { CompareRun } from '../../shared/compare';

/** Below this many percentage points apart, two shares are "alike". */
const ALIKE_POINTS = 1;

const percent = (share: number): string => `${Math.round(share * 100)}%`;
const ms = (value: number): string => `${Math.round(value).toLocaleString('en-US')} ms`;

function shares(run: CompareRun): Map<string, number> {
  const total = Object.values(run.proxy.byBackend).reduce((a, b) => a + b, 0);
  return new Map(Object.entries(run.proxy.byBackend).map(([port, n]) => [port, total > 0 ? n / total : 0]));
}

/**
 * Two runs' difference in plain words: the backend whose share moved most
 * between them, then p99, then errors and retries when either had any. For
 * example "least-conn sent 9% to 4001, round-robin 33%; p99 210 ms vs
 * 1,840 ms". `slow` names a backend to call out (one with a fault set).
 */
export function compareVerdict(a: CompareRun, b: CompareRun, slow: ReadonlySet<string> = new Set()): string {
  const shareA = shares(a);
  const shareB = shares(b);
  const ports = [...new Set([...shareA.keys(), ...shareB.keys()])].sort((x, y) => Number(x) - Number(y));
  const gap = (port: string): number => Math.abs((shareA.get(port) ?? 0) - (shareB.get(port) ?? 0));
  // A slow backend is the story when there is one; otherwise the biggest move.
  const candidates = ports.filter((port) => slow.has(port));
  const port = (candidates.length > 0 ? candidates : ports).reduce<string | null>((best, p) => (best === null || gap(p) > gap(best) ? p : best), null);
  const parts: string[] = [];
  if (port === null) parts.push('neither run was answered by any backend');
  else if (gap(port) * 100 < ALIKE_POINTS && candidates.length === 0) parts.push(`${a.label} and ${b.label} spread the requests alike (no backend's share differs by ${ALIKE_POINTS} point or more)`);
  else {
    const which = slow.has(port) ? `the slow backend ${port}` : port;
    parts.push(`${a.label} sent ${percent(shareA.get(port) ?? 0)} to ${which}, ${b.label} ${percent(shareB.get(port) ?? 0)}`);
  }
  parts.push(`p99 ${ms(a.load.latencyMs.p99)} vs ${ms(b.load.latencyMs.p99)}`);
  const errors = (run: CompareRun): number => Object.values(run.errors).reduce((x, y) => x + y, 0);
  if (errors(a) + errors(b) > 0) parts.push(`failed requests ${errors(a).toLocaleString('en-US')} vs ${errors(b).toLocaleString('en-US')}`);
  if (a.proxy.retries + b.proxy.retries > 0) parts.push(`retries ${a.proxy.retries.toLocaleString('en-US')} vs ${b.proxy.retries.toLocaleString('en-US')}`);
  return parts.join('; ');
}
