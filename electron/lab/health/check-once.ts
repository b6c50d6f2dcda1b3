import http from 'node:http';
import type { FaultOutcome } from '../faults/roll-fault';
import { describeCheckError } from './describe-check-error';

/** Where and how to send one check (HAProxy `option httpchk GET <path>` with `timeout check`). */
export interface CheckTarget {
  host: string;
  port: number;
  path: string;
  timeoutMs: number;
}

/** The verdict of one check and what it saw, in plain words ("200 in 3 ms", "connection refused"). */
export interface CheckResult {
  ok: boolean;
  text: string;
}

/** The User-Agent every check sends, so a backend's log can tell checks from visitors. */
export const CHECK_USER_AGENT = 'lb-lab-health';

/**
 * Send one `GET path` straight to host:port (never through the proxy, so it
 * is never counted as traffic) and judge it as HAProxy does: a 2xx or 3xx
 * status line within `timeoutMs` passes; a refusal, a reset, a timeout or a
 * 4xx/5xx fails. The verdict is taken at the status line, but the promise
 * settles only when the connection is gone, so a caller that waits for it
 * never has two checks open to one backend. `timeoutMs` bounds the whole
 * exchange, body included. Never rejects; aborting `signal` ends the check
 * at once with "cancelled".
 *
 * `fault` is what the backend's fault (the proxy's `faultHook`) decided for
 * this check, so checks meet the same faults as traffic: its latency comes
 * first and counts against `timeoutMs`; `error` is judged as that status
 * from the backend, `reset` as a reset, `hang` as a timeout.
 */
export function checkOnce(target: CheckTarget, signal?: AbortSignal, fault?: FaultOutcome | null): Promise<CheckResult> {
  if (fault == null) return checkNow(target, signal);
  return faultyCheck(target, signal, fault);
}

function checkNow(target: CheckTarget, signal?: AbortSignal): Promise<CheckResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    let verdict: CheckResult | null = null;
    const decide = (result: CheckResult): void => {
      verdict ??= result;
    };

    let request: http.ClientRequest;
    try {
      request = http.request({
        host: target.host,
        port: target.port,
        path: target.path,
        method: 'GET',
        // A fresh connection per check, closed after it: a pooled socket could
        // pass a check on a connection the backend accepted long ago.
        agent: false,
        headers: { Connection: 'close', 'User-Agent': CHECK_USER_AGENT },
      });
    } catch (err) {
      // http.request throws synchronously on a path it cannot send.
      resolve({ ok: false, text: describeCheckError(err) });
      return;
    }

    const timer = setTimeout(() => {
      decide({ ok: false, text: `timed out after ${target.timeoutMs} ms` });
      request.destroy();
    }, target.timeoutMs);
    // Neither the timer nor the socket of a check may keep the process alive.
    timer.unref();
    request.on('socket', (socket) => socket.unref());

    const onAbort = (): void => {
      decide({ ok: false, text: 'cancelled' });
      request.destroy();
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      decide({ ok: status >= 200 && status < 400, text: `${status} in ${Math.round(performance.now() - started)} ms` });
      // Read the body to its end so the backend can finish and close cleanly;
      // a body cut short by the timer must not become an uncaught error.
      response.on('error', () => undefined);
      response.resume();
    });
    // Errors after a verdict (the reset of a socket the timer destroyed) change nothing.
    request.on('error', (err) => decide({ ok: false, text: describeCheckError(err) }));
    request.on('close', () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(verdict ?? { ok: false, text: 'connection closed before a response' });
    });

    if (signal?.aborted) onAbort();
    else request.end();
  });
}

/** A check through a fault: wait out its latency (bounded by the check's timeout), then play its outcome. */
async function faultyCheck(target: CheckTarget, signal: AbortSignal | undefined, fault: FaultOutcome): Promise<CheckResult> {
  const started = performance.now();
  const timedOut = fault.kind === 'hang' || fault.kind === 'unreachable' || fault.delayMs >= target.timeoutMs;
  if (!(await wait(timedOut ? target.timeoutMs : fault.delayMs, signal))) return { ok: false, text: 'cancelled' };
  if (timedOut) return { ok: false, text: `timed out after ${target.timeoutMs} ms` };
  const elapsed = Math.round(performance.now() - started);
  switch (fault.kind) {
    case 'error':
      return { ok: fault.status >= 200 && fault.status < 400, text: `${fault.status} in ${elapsed} ms (injected)` };
    case 'reset':
      return { ok: false, text: 'connection reset (injected)' };
    default:
      return checkNow({ ...target, timeoutMs: Math.max(1, target.timeoutMs - elapsed) }, signal);
  }
}

/** Resolves true after `ms`, or false as soon as `signal` aborts; its timer never keeps the process alive. */
function wait(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    timer.unref();
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
