/** Errors raised before the request could reach the peer at all. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/** The code of the error the proxy destroys an upstream request with when its read timeout passes. */
export const READ_TIMEOUT_CODE = 'ERR_LAB_READ_TIMEOUT';

/** How nginx classes a failed attempt: `timeout` (connect or read) or `error`, and whether the request had reached the peer. */
export interface UpstreamFailure {
  condition: 'error' | 'timeout';
  sent: boolean;
}

export const CONNECT_TIMEOUT: UpstreamFailure = { condition: 'timeout', sent: false };
export const READ_TIMEOUT: UpstreamFailure = { condition: 'timeout', sent: true };
const NOT_SENT_ERROR: UpstreamFailure = { condition: 'error', sent: false };
/** A reset or close after the request went out. */
export const SENT_ERROR: UpstreamFailure = { condition: 'error', sent: true };

/**
 * Class an upstream error: a connect timeout (the proxy's own ETIMEDOUT) or
 * a read timeout is `timeout`; a refusal, an unreachable host and the like
 * are `error` before sending; a reset or close after the request went out is
 * `error` after sending.
 */
export function upstreamFailure(error: Error): UpstreamFailure {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ETIMEDOUT') return CONNECT_TIMEOUT;
  if (code === READ_TIMEOUT_CODE) return READ_TIMEOUT;
  return code !== undefined && NOT_SENT.has(code) ? NOT_SENT_ERROR : SENT_ERROR;
}

/** The error a read timeout destroys the upstream request with. */
export function readTimeoutError(ms: number): Error {
  return Object.assign(new Error(`no response within the read timeout (${ms} ms)`), { code: READ_TIMEOUT_CODE });
}
