import { listInWords, methodOf } from './balancer/methods';
import { ALGORITHMS, type Algorithm } from '../shared/types';

/** nginx's documentation of `backup`, word for word. */
const NGINX_RULE = '"The parameter cannot be used along with the hash, ip_hash, and random load balancing methods."';

/**
 * Why `backup` and `algorithm` cannot go together, in words that name
 * nginx's rule: `what` is the backend(s) concerned ("24502 is a backup").
 */
export function backupConflict(algorithm: Algorithm, what: string): string {
  const allowing = ALGORITHMS.filter((name) => methodOf(name).traits.allowsBackup);
  return `${what} and the method is ${algorithm} (nginx \`${methodOf(algorithm).traits.nginxName}\`): nginx refuses \`backup\` there. ${NGINX_RULE} Use ${listInWords(allowing)}, or make it a primary.`;
}
