/**
 * The event log's word on what a stop or crash did to visitors' sessions,
 * for a backend that held some: the tutorials' reason for `ip_hash` and
 * sticky sessions, said where a person sees it happen.
 */
export function describeSessionLoss(port: number, how: 'stopped' | 'crashed'): string {
  return `${port} ${how}: its in-memory sessions are gone; those visitors start over on another backend (this is why ip_hash / sticky exist, and why real apps keep sessions in a shared store)`;
}
