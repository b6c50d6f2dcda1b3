import type { Algorithm } from '../shared/types';

/** nginx's own name for each method that refuses `backup`. */
const NGINX_NAME: Partial<Record<Algorithm, string>> = { 'ip-hash': 'ip_hash', hash: 'hash', 'random-two': 'random' };

/** nginx's documentation of `backup`, word for word. */
const NGINX_RULE = '"The parameter cannot be used along with the hash, ip_hash, and random load balancing methods."';

/**
 * Why `backup` and `algorithm` cannot go together, in words that name
 * nginx's rule: `what` is the backend(s) concerned ("24502 is a backup").
 */
export function backupConflict(algorithm: Algorithm, what: string): string {
  const name = NGINX_NAME[algorithm] ?? algorithm;
  return `${what} and the method is ${algorithm} (nginx \`${name}\`): nginx refuses \`backup\` there. ${NGINX_RULE} Use round-robin, weighted, least-conn or least-time, or make it a primary.`;
}
