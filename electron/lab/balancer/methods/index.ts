import type { MethodTraits } from '../../../shared/method-traits';
import { ALGORITHMS, type Algorithm } from '../../../shared/types';
import { hash } from './hash';
import { ipHash } from './ip-hash';
import { leastConn } from './least-conn';
import { leastTime } from './least-time';
import type { Method } from './method';
import { randomTwo } from './random-two';
import { roundRobin } from './round-robin';
import { weighted } from './weighted';

export type { Method, Picker, PickerSetup, PickInput } from './method';

/**
 * Every balancing method, by its name. The compiler checks it against the
 * shared ALGORITHMS list: a name without a module, or a module without a
 * name, does not build.
 */
export const METHODS = {
  'round-robin': roundRobin,
  weighted,
  'least-conn': leastConn,
  'ip-hash': ipHash,
  hash,
  'random-two': randomTwo,
  'least-time': leastTime,
} as const satisfies Record<Algorithm, Method>;

/** The module of one method. */
export function methodOf(algorithm: Algorithm): Method {
  return METHODS[algorithm];
}

/** Every method's traits, in ALGORITHMS order: what `GET /api/methods` answers and the dashboard shows. */
export function methodTraits(): MethodTraits[] {
  return ALGORITHMS.map((name) => METHODS[name].traits);
}

/** The methods `backup` peers cannot be used with (nginx refuses the config: their modules do not set NGX_HTTP_UPSTREAM_BACKUP). */
export const NO_BACKUP_ALGORITHMS: readonly Algorithm[] = ALGORITHMS.filter((name) => !METHODS[name].traits.allowsBackup);

/** Names as a sentence lists them: "a, b or c". */
export function listInWords(names: readonly string[], last = 'or'): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${last} ${names.at(-1)}`;
}

/** The error `configure` throws for `backup` peers with a {@link NO_BACKUP_ALGORITHMS} method. */
export const BACKUP_FORBIDDEN = `backup servers cannot be used with ${listInWords(NO_BACKUP_ALGORITHMS)} (nginx forbids it)`;
