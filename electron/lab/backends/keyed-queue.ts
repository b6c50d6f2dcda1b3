/**
 * Runs async operations one at a time per key, in the order they were
 * queued; operations on different keys run in parallel. A failed operation
 * fails only its own promise, never the ones queued after it. Keys with
 * nothing queued hold no memory.
 *
 * For the lab: one queue keyed by port, so that start, stop, kill, restart,
 * remove, patch and the fault and terminal commands on one backend never
 * interleave.
 */
export class KeyedQueue<K> {
  private readonly slots = new Map<K, Slot>();

  /**
   * Queues `operation` behind every operation already queued on `key` and
   * resolves or rejects as it does. It is called once those have settled,
   * never synchronously, even on an idle key.
   */
  run<T>(key: K, operation: () => T | Promise<T>): Promise<T> {
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = { tail: Promise.resolve(), pending: 0 };
      this.slots.set(key, slot);
    }
    const own = slot;
    own.pending++;
    const result = own.tail.then(() => operation());
    own.tail = result.then(ignore, ignore).then(() => {
      own.pending--;
      if (own.pending === 0 && this.slots.get(key) === own) this.slots.delete(key);
    });
    return result;
  }

  /** Operations queued on `key` that have not settled yet, the running one included. */
  pending(key: K): number {
    return this.slots.get(key)?.pending ?? 0;
  }

  /** Resolves once everything queued on `key` so far has settled. */
  async idle(key: K): Promise<void> {
    await this.slots.get(key)?.tail;
  }

  /** Resolves once everything queued on any key so far has settled. */
  async idleAll(): Promise<void> {
    await Promise.all([...this.slots.values()].map((slot) => slot.tail));
  }
}

/** One key's chain: the promise the next operation waits for, and how many are on it. */
interface Slot {
  tail: Promise<void>;
  pending: number;
}

function ignore(): void {
  // A failure belongs to its own caller's promise, not to the queue.
}
