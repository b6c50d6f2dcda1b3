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
 */
export async function sendRequest(pool: Pool, shape: RequestShape, options: SendOptions, tally: LoadTally, sinceMs: number, now: () => number): Promise<void> {
  tally.sent++;
  const request: Dispatcher.RequestOptions = {
    path: shape.path,
    method: options.method,
    headers: shape.forwardedFor === null ? {} : { 'x-forwarded-for': shape.forwardedFor },
    // undici's way to send `Connection: close` and open a new connection for the next request.
    reset: !options.keepAlive,
    headersTimeout: REQUEST_TIMEOUT_MS,
    bodyTimeout: REQUEST_TIMEOUT_MS,
  };
  try {
    const response = await pool.request(request);
    // Read to the end: the answer is complete only then, and the connection is free again.
    for await (const _chunk of response.body) void _chunk;
    const backend = response.headers['x-lab-backend'];
    tally.answer(response.statusCode, typeof backend === 'string' ? backend : undefined, now() - sinceMs);
  } catch (error) {
    tally.fail(classifyError(error));
  }
}
