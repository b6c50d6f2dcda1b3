/** Errors raised before the request could reach the peer at all. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/** nginx does not pass these to the next upstream once the request was sent (`non_idempotent` is off by default). */
const NON_IDEMPOTENT = new Set(['POST', 'PATCH', 'LOCK']);

/**
 * Whether a failed attempt may go to the next peer, as nginx's
 * `proxy_next_upstream error timeout` decides it before any response byte:
 * a refused or timed-out connect always; a reset or close after sending
 * only for idempotent methods.
 */
export function isRetriable(error: Error, method: string | undefined): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== undefined && NOT_SENT.has(code)) return true;
  return !NON_IDEMPOTENT.has(method ?? 'GET');
}
