import type { LabEvent, Result } from './types';

/**
 * Fans a live event stream out to subscribers, where each new subscriber
 * first gets the lab's recent events (asked of the lab itself: a UI keeps
 * no history of its own). Events carry the lab's sequence numbers, so a
 * replay that overlaps the live stream is delivered once, in order.
 */
export class EventReplay {
  private readonly subscribers = new Set<Subscriber>();

  /** @param recent asks the lab for its recent events */
  constructor(private readonly recent: () => Promise<Result<LabEvent[]>>) {}

  get size(): number {
    return this.subscribers.size;
  }

  /** A live event from the stream (the stream may replay: seen events are dropped). */
  publish(event: LabEvent): void {
    for (const subscriber of this.subscribers) subscriber.offer(event);
  }

  subscribe(listener: (event: LabEvent) => void): () => void {
    const subscriber = new Subscriber(listener);
    this.subscribers.add(subscriber);
    void this.recent().then((result) => subscriber.replay(result.ok ? result.value : []));
    return () => {
      subscriber.closed = true;
      this.subscribers.delete(subscriber);
    };
  }
}

class Subscriber {
  closed = false;
  private lastSeq = 0;
  /** Live events that came before the replay did. */
  private early: LabEvent[] | null = [];

  constructor(private readonly listener: (event: LabEvent) => void) {}

  offer(event: LabEvent): void {
    if (this.early) this.early.push(event);
    else this.deliver(event);
  }

  replay(recent: readonly LabEvent[]): void {
    const early = this.early ?? [];
    this.early = null;
    for (const event of [...recent, ...early].sort((a, b) => a.seq - b.seq)) this.deliver(event);
  }

  private deliver(event: LabEvent): void {
    if (this.closed || event.seq <= this.lastSeq) return;
    this.lastSeq = event.seq;
    try {
      this.listener(event);
    } catch (error) {
      // One failing listener must not starve the others.
      console.error('an event listener threw:', error);
    }
  }
}
