/**
 * Plain words for why a health check request failed, for the dashboard's
 * "last result" ("connection refused" rather than "connect ECONNREFUSED
 * 127.0.0.1:8001", which repeats the port the row already shows).
 */
export function describeCheckError(err: unknown): string {
  const error = err instanceof Error ? (err as NodeJS.ErrnoException) : null;
  const code = error?.code ?? '';
  if (code.startsWith('HPE_')) return 'not an HTTP response';
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      // Node reports a close before any response byte as a "socket hang up" ECONNRESET.
      return error?.message === 'socket hang up' ? 'connection closed before a response' : 'connection reset';
    case 'EHOSTUNREACH':
      return 'host unreachable';
    case 'ENETUNREACH':
      return 'network unreachable';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'EADDRNOTAVAIL':
      return 'address not available';
    case 'ERR_UNESCAPED_CHARACTERS':
    case 'ERR_INVALID_CHAR':
      return 'invalid check path';
    default:
      return `failed: ${error?.message ?? String(err)}`;
  }
}
