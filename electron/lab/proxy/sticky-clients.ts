interface Entry {
  port: number;
  seenAt: number;
}

/** At most this many clients are remembered; the least recently seen go first. */
const DEFAULT_CAPACITY = 10_000;
/** A client not seen for this long no longer counts. */
const DEFAULT_TTL_MS = 10 * 60_000;

/**
 * Distinct clients pinned to each backend by the sticky cookie, recently
 * seen. Memory is bounded whatever clients send: a Map kept in
 * least-recently-seen order (a client seen again moves to the end), capped
 * at `capacity`, trimmed of idle clients from the front. Per-port counts are
 * kept as clients come and go, so reading one is O(1) plus the trimming.
 */
export class StickyClients {
  private readonly clients = new Map<string, Entry>();
  private readonly perPort = new Map<number, number>();

  constructor(
    private readonly capacity = DEFAULT_CAPACITY,
    private readonly ttlMs = DEFAULT_TTL_MS,
  ) {}

  /** `clientId` came back with its cookie and `port` answered it (at `now`, ms). */
  seen(clientId: string, port: number, now: number): void {
    const entry = this.clients.get(clientId);
    if (entry === undefined) {
      this.clients.set(clientId, { port, seenAt: now });
      this.add(port, 1);
      if (this.clients.size > this.capacity) this.evictOldest();
      return;
    }
    // Delete and set again: the Map's order is the order clients were last seen.
    this.clients.delete(clientId);
    if (entry.port !== port) {
      this.add(entry.port, -1);
      this.add(port, 1);
      entry.port = port;
    }
    entry.seenAt = now;
    this.clients.set(clientId, entry);
  }

  /**
   * Clients pinned to `port` and seen within the last ttl (ms clock of
   * `seen`). A read: the idle clients it skips are dropped by `expire`.
   */
  count(port: number, now: number): number {
    let count = this.perPort.get(port) ?? 0;
    for (const entry of this.clients.values()) {
      if (now - entry.seenAt <= this.ttlMs) break;
      if (entry.port === port) count--;
    }
    return count;
  }

  /** Forget the clients pinned to `port` (its process is gone, and their sessions with it). */
  forgetPort(port: number): void {
    if (!this.perPort.has(port)) return;
    for (const [id, entry] of this.clients) if (entry.port === port) this.clients.delete(id);
    this.perPort.delete(port);
  }

  clear(): void {
    this.clients.clear();
    this.perPort.clear();
  }

  /** How many clients are remembered in all. */
  get size(): number {
    return this.clients.size;
  }

  /** Drop the clients idle for longer than the ttl; the lab calls it on its clock so memory stays bounded. */
  expire(now: number): void {
    for (const [id, entry] of this.clients) {
      if (now - entry.seenAt <= this.ttlMs) return;
      this.clients.delete(id);
      this.add(entry.port, -1);
    }
  }

  private evictOldest(): void {
    const oldest = this.clients.entries().next();
    if (oldest.done) return;
    const [id, entry] = oldest.value;
    this.clients.delete(id);
    this.add(entry.port, -1);
  }

  private add(port: number, delta: number): void {
    const next = (this.perPort.get(port) ?? 0) + delta;
    if (next > 0) this.perPort.set(port, next);
    else this.perPort.delete(port);
  }
}
