import type { Dispatcher, Pool } from 'undici';
import type { LoadMethod } from '../../shared/load';
import { classifyError } from './classify-error';
import type { LoadTally } from './load-tally';
import type { RequestShape } from './request-mix';

/** Longer than any answer a lab demo waits for; past it a request counts as a timeout. */
export const REQUEST_TIMEOUT_MS = 10_000;

export interface SendOptions {
  method: LoadMethod;
  keepAlive: boolean;
}

/**
 * Send one request over the pool and count its outcome in `tally`, with the
 * latency measured from `sinceMs` (the scheduled time in an open loop) to the
 * end of the body. Never rejects.
 *
 * It uses undici's dispatch with a handler rather than `request()`: the body
 * is only waited for, never read, so the stream `request()` builds for every
 * response would be work for nothing on the hammer's one thread.
 */
export function sendRequest(pool: Pool, shape: RequestShape, options: SendOptions, tally: LoadTally, sinceMs: number, now: () => number): Promise<void> {
  tally.sent++;
  return new Promise((resolve) => {
    let status = 0;
    let backend: string | undefined;
    const handler: Dispatcher.DispatchHandler = {
      // Its presence is what tells undici this handler speaks the current (controller) API.
      onRequestStart() {},
      onResponseStart(_controller, statusCode, headers) {
        status = statusCode;
        const header = headers['x-lab-backend'];
        backend = typeof header === 'string' ? header : undefined;
      },
      onResponseEnd() {
        tally.answer(status, backend, now() - sinceMs);
        resolve();
      },
      onResponseError(_controller, error) {
        tally.fail(classifyError(error));
        resolve();
      },
    };
    pool.dispatch(
      {
        path: shape.path,
        method: options.method,
        headers: shape.forwardedFor === null ? {} : { 'x-forwarded-for': shape.forwardedFor },
        // undici's way to send `Connection: close` and open a new connection for the next request.
        reset: !options.keepAlive,
        headersTimeout: REQUEST_TIMEOUT_MS,
        bodyTimeout: REQUEST_TIMEOUT_MS,
      },
      handler,
    );
  });
}
