import type { CompareResult } from '../../shared/compare';
import type { CheckOutcome } from '../../shared/scenario';
import type { Snapshot } from '../../shared/types';
import { afterWhat } from './describe-action';
import type { ScenarioAction, ScenarioCheck } from './scenario-schema';
import { answered, grew, type StepReading } from './step-reading';
import type { VisitAnswer } from './visit';

/** What a step left behind for its checks to read. */
export interface StepEvidence {
  /** Counters when the step began, when its action took effect, and at its end. */
  before: StepReading;
  mark: StepReading;
  after: StepReading;
  /** The lab at the end of the step. */
  snapshot: Snapshot;
  /** What the step's own client saw (F5 requests, the hammer, a comparison); null when the person sent the traffic. */
  client: { total: number; failed: number } | null;
  visits: VisitAnswer[] | null;
  compare: CompareResult | null;
  action: ScenarioAction | undefined;
  /** The declared port's real one. */
  portOf(declared: number): number;
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** Every check of a step, each in words with the figures it measured. */
export function runChecks(checks: readonly ScenarioCheck[], evidence: StepEvidence): CheckOutcome[] {
  return checks.map((check) => runCheck(check, evidence));
}

function runCheck(check: ScenarioCheck, e: StepEvidence): CheckOutcome {
  switch (check.kind) {
    case 'noNewHits': {
      const port = e.portOf(check.port);
      const n = grew(e.mark, e.after, port, (b) => b.hits);
      return { ok: n === 0, words: `${port} took ${n === 0 ? 'no' : n} request(s) after ${afterWhat(e.action)}` };
    }
    case 'noFailed': {
      const { total, failed } = e.client ?? clientFromCounters(e.before, e.after);
      if (total === 0) return { ok: false, words: 'no request went through the proxy in this step' };
      return { ok: failed === 0, words: `${failed} of ${total} request(s) failed` };
    }
    case 'hits': {
      const port = e.portOf(check.port);
      const n = grew(e.before, e.after, port, (b) => b.hits);
      return { ok: inRange(n, check), words: `${port} answered ${n} of ${answered(e.before, e.after)} (expected ${expected(check)})` };
    }
    case 'share': {
      const port = e.portOf(check.port);
      const total = answered(e.before, e.after);
      const n = grew(e.before, e.after, port, (b) => b.hits);
      const share = total === 0 ? 0 : n / total;
      const ok = total > 0 && share >= (check.min ?? 0) && share <= (check.max ?? 1);
      return { ok, words: `${port} answered ${pct(share)} (${n} of ${total}; expected ${pct(check.min ?? 0)}–${pct(check.max ?? 1)})` };
    }
    case 'failures': {
      const port = e.portOf(check.port);
      const n = grew(e.before, e.after, port, (b) => b.failures);
      return { ok: inRange(n, check), words: `${n} attempt(s) on ${port} failed (expected ${expected(check)}); each failed attempt goes to the next server` };
    }
    case 'backend':
      return backendCheck(check, e);
    case 'session':
      return sessionCheck(check.kept, e);
    case 'terminal': {
      const port = e.portOf(check.port);
      const hits = grew(e.before, e.after, port, (b) => b.hits);
      const lines = grew(e.before, e.after, port, (b) => b.logged.get(check.text) ?? 0);
      return { ok: hits > 0 && lines >= hits, words: `${port}'s terminal logged ${lines} line(s) with “${check.text}” for the ${hits} request(s) it answered` };
    }
    case 'compareShare':
      return compareShareCheck(check, e);
  }
}

function backendCheck(check: Extract<ScenarioCheck, { kind: 'backend' }>, e: StepEvidence): CheckOutcome {
  const port = e.portOf(check.port);
  const backend = e.snapshot.backends.find((b) => b.port === port);
  if (!backend) return { ok: false, words: `there is no backend on ${port}` };
  const parts: string[] = [];
  let ok = true;
  if (check.status) {
    ok &&= check.status.includes(backend.status);
    parts.push(`${port} is ${backend.status}`);
  }
  if (check.inRotation !== undefined) {
    ok &&= backend.inRotation === check.inRotation;
    parts.push(backend.inRotation ? `${port} is in rotation` : `${port} is out of rotation${backend.outOfRotation ? ` (${backend.outOfRotation})` : ''}`);
  }
  if (check.failed !== undefined) {
    ok &&= backend.failed === check.failed;
    parts.push(backend.failed ? `${port} sits out its fail_timeout after max_fails=${backend.maxFails} failure(s)` : `${port} is not sitting out a fail_timeout`);
  }
  return { ok, words: parts.join('; ') };
}

function sessionCheck(kept: boolean, e: StepEvidence): CheckOutcome {
  const visits = e.visits ?? [];
  if (visits.length === 0) return { ok: false, words: 'no visit was made' };
  const counts = visits.map((v) => v.visits ?? 0);
  const restarts = counts.filter((n, i) => i > 0 && n === 1).length;
  const wasKept = counts.every((n, i) => n === i + 1);
  const servers = new Set(visits.map((v) => v.backend));
  const words = wasKept
    ? `the visit counter reached ${counts.at(-1)} on ${[...servers].join(', ')}: one session all along`
    : `the visit counter went back to 1 ${restarts} time(s) over ${visits.length} visits (${servers.size} backends answered): the session was lost`;
  return { ok: wasKept === kept, words };
}

function compareShareCheck(check: Extract<ScenarioCheck, { kind: 'compareShare' }>, e: StepEvidence): CheckOutcome {
  if (!e.compare) return { ok: false, words: 'the comparison did not finish' };
  const port = e.portOf(check.port);
  const share = (side: 'a' | 'b'): number => {
    const run = e.compare![side];
    return run.proxy.requests === 0 ? 0 : (run.proxy.byBackend[String(port)] ?? 0) / run.proxy.requests;
  };
  const other = check.smaller === 'a' ? 'b' : 'a';
  const [small, large] = [share(check.smaller), share(other)];
  const ratio = check.ratio ?? 0.5;
  return {
    ok: e.compare[other].proxy.requests > 0 && small <= ratio * large,
    words: `${e.compare[check.smaller].label} sent ${pct(small)} to ${port}, ${e.compare[other].label} ${pct(large)}`,
  };
}

/** The person sent the traffic: failures are the lab's own error pages and the backends' 5xx. */
function clientFromCounters(before: StepReading, after: StepReading): { total: number; failed: number } {
  let fiveXx = 0;
  for (const port of after.backends.keys()) fiveXx += grew(before, after, port, (b) => b.fiveXx);
  return { total: after.requests - before.requests, failed: after.errors - before.errors + fiveXx };
}

function inRange(n: number, range: { equals?: number | undefined; min?: number | undefined; max?: number | undefined }): boolean {
  return (range.equals === undefined || n === range.equals) && n >= (range.min ?? 0) && n <= (range.max ?? Infinity);
}

function expected(range: { equals?: number | undefined; min?: number | undefined; max?: number | undefined }): string {
  if (range.equals !== undefined) return String(range.equals);
  if (range.max === undefined) return `at least ${range.min ?? 0}`;
  return range.min === undefined ? `at most ${range.max}` : `${range.min}–${range.max}`;
}
