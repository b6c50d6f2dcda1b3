import type { Clock } from './clock';
import type { LabEvent } from '../shared/types';

/** How many recent events the log keeps for late subscribers. */
export const EVENT_HISTORY = 200;

/**
 * The lab's one event history. Every event gets the next sequence number
 * and the wall-clock time; subscribers hear each as it happens, and a late
 * subscriber or a UI asks `recent()` for what it missed.
 */
export class EventLog {
  private readonly history: LabEvent[] = [];
  private readonly listeners = new Set<(event: LabEvent) => void>();
  private seq = 0;

  constructor(private readonly clock: Clock) {}

  append(event: Omit<LabEvent, 'at' | 'seq'>): LabEvent {
    const full: LabEvent = { seq: ++this.seq, at: this.clock.wall(), ...event };
    this.history.push(full);
    if (this.history.length > EVENT_HISTORY) this.history.shift();
    for (const listener of this.listeners) listener(full);
    return full;
  }

  /** The recent events, oldest first (a copy). */
  recent(): LabEvent[] {
    return [...this.history];
  }

  /** Subscribe; the recent history is replayed first. Returns the unsubscribe function. */
  subscribe(listener: (event: LabEvent) => void): () => void {
    for (const event of this.history) listener(event);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
