import type { Algorithm, HashKey } from './types';

/** A run of plain words and `code` fragments, rendered inline (a directive, a keyword). */
export type InlineText = ReadonlyArray<string | { code: string }>;

/** What one key of the `hash` method hashes, and how nginx and HAProxy write it. */
export interface HashKeyTraits {
  name: HashKey;
  /** The key in a few words, for a select's option. */
  label: string;
  explain: string;
  nginx: InlineText;
  haproxy: InlineText;
}

/**
 * What a balancing method is, as plain data: the same list reaches the CLI,
 * the README and the dashboard (over `GET /api/methods` or IPC), so none of
 * them keeps its own copy. Produced by the balancer's method registry
 * (electron/lab/balancer/methods); nothing here imports Node code.
 */
export interface MethodTraits {
  name: Algorithm;
  /** What it does, in one plain sentence. */
  explain: string;
  /** The nginx upstream directive(s) that give the same choice. */
  nginx: InlineText;
  /** nginx's own name for the method in prose (`ip_hash`, `random`), as its error messages say it. */
  nginxName: string;
  /** The HAProxy `balance` keyword that comes closest. */
  haproxy: InlineText;
  /** Whether backend weights change its choice (`round-robin` takes every weight as 1; 0 still takes nothing). */
  usesWeights: boolean;
  /** Whether `backup` servers may be used with it (nginx refuses them with hash, ip_hash and random). */
  allowsBackup: boolean;
  /** Whether a backend coming back ramps up its weight (nginx Plus `slow_start` is refused with the hashing and random methods). */
  slowStart: boolean;
  /** What of a request it reads: nothing, the client address (ip-hash), or the configured hash key (hash). */
  reads: 'nothing' | 'client-address' | 'hash-key';
  /** The keys it can hash, when it reads a hash key; empty otherwise. */
  hashKeys: readonly HashKeyTraits[];
}

/** Whether `traits` hashes the client address with this hash key: ip-hash always, hash with the `client` key. */
export function readsClientAddress(traits: Pick<MethodTraits, 'reads'>, hashKey: HashKey): boolean {
  return traits.reads === 'client-address' || (traits.reads === 'hash-key' && hashKey === 'client');
}
