import type { LoadErrors } from '../../shared/load';

/** A failure that got no HTTP response. */
export type TransportFailure = Exclude<keyof LoadErrors, 'http5xx'>;

const BY_CODE: Record<string, TransportFailure> = {
  ECONNREFUSED: 'refused',
  ETIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  // undici's "other side closed": the connection ended before the response did.
  UND_ERR_SOCKET: 'reset',
};

/** The kind of a request error from undici or the socket under it. */
export function classifyError(error: unknown): TransportFailure {
  const code = (error as { code?: unknown } | null)?.code;
  return (typeof code === 'string' && BY_CODE[code]) || 'other';
}
