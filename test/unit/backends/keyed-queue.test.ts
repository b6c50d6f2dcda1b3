import { describe, expect, it } from 'vitest';
import { KeyedQueue } from '../../../electron/lab/backends/keyed-queue';

/** A promise the test settles by hand, so order is driven without any clock. */
function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: Error) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every queued microtask run. */
async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

describe('KeyedQueue', () => {
  it('runs operations on one key strictly one after another, in the order they were queued', async () => {
    const queue = new KeyedQueue<number>();
    const log: string[] = [];
    const gates = [deferred(), deferred(), deferred()];
    const results = gates.map((gate, i) =>
      queue.run(1, async () => {
        log.push(`begin ${i}`);
        await gate.promise;
        log.push(`end ${i}`);
        return i;
      }),
    );
    await flush();
    expect(log).toEqual(['begin 0']);
    gates[2]!.resolve();
    gates[1]!.resolve();
    await flush();
    expect(log).toEqual(['begin 0']);
    gates[0]!.resolve();
    expect(await Promise.all(results)).toEqual([0, 1, 2]);
    expect(log).toEqual(['begin 0', 'end 0', 'begin 1', 'end 1', 'begin 2', 'end 2']);
  });

  it('runs operations on different keys in parallel', async () => {
    const queue = new KeyedQueue<number>();
    const log: string[] = [];
    const gateA = deferred();
    const a = queue.run(1, async () => {
      log.push('begin a');
      await gateA.promise;
      log.push('end a');
    });
    const b = queue.run(2, () => {
      log.push('b');
    });
    await b;
    expect(log).toEqual(['begin a', 'b']);
    gateA.resolve();
    await a;
    expect(log).toEqual(['begin a', 'b', 'end a']);
  });

  it('rejects only the failed operation and still runs the ones queued after it', async () => {
    const queue = new KeyedQueue<string>();
    const failed = queue.run('k', () => {
      throw new Error('boom');
    });
    const rejected = queue.run('k', () => Promise.reject(new Error('async boom')));
    const next = queue.run('k', () => 'ran');
    await expect(failed).rejects.toThrow('boom');
    await expect(rejected).rejects.toThrow('async boom');
    expect(await next).toBe('ran');
  });

  it('never calls an operation synchronously, even on an idle key', async () => {
    const queue = new KeyedQueue<number>();
    let called = false;
    const result = queue.run(1, () => {
      called = true;
    });
    expect(called).toBe(false);
    await result;
    expect(called).toBe(true);
  });

  it('counts what is pending per key and forgets a key once everything on it has settled', async () => {
    const queue = new KeyedQueue<number>();
    const gate = deferred();
    const first = queue.run(1, () => gate.promise);
    const second = queue.run(1, () => undefined);
    expect(queue.pending(1)).toBe(2);
    expect(queue.pending(2)).toBe(0);
    let idle = false;
    const waiting = queue.idle(1).then(() => (idle = true));
    await flush();
    expect(idle).toBe(false);
    gate.resolve();
    await Promise.all([first, second, waiting]);
    expect(idle).toBe(true);
    await flush();
    expect(queue.pending(1)).toBe(0);
    expect((queue as unknown as { slots: Map<number, unknown> }).slots.size).toBe(0);
  });

  it('waits for every key with idleAll, failures included', async () => {
    const queue = new KeyedQueue<number>();
    const gates = [deferred(), deferred()];
    const runs = [queue.run(1, () => gates[0]!.promise), queue.run(2, () => gates[1]!.promise)];
    let idle = false;
    const waiting = queue.idleAll().then(() => (idle = true));
    gates[0]!.resolve();
    await flush();
    expect(idle).toBe(false);
    gates[1]!.reject(new Error('failed'));
    await waiting;
    expect(idle).toBe(true);
    await expect(runs[1]).rejects.toThrow('failed');
  });
});
