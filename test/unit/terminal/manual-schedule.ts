import type { Schedule } from '../../../electron/lab/terminal/schedule';

/** A timer the test advances by hand: nothing fires until `advance` says time has passed. */
export class ManualSchedule {
  now = 0;
  private timers: { at: number; fn: () => void; live: boolean }[] = [];

  readonly schedule: Schedule = (fn, ms) => {
    const timer = { at: this.now + ms, fn, live: true };
    this.timers.push(timer);
    return () => {
      timer.live = false;
    };
  };

  /** Timers still waiting to fire. */
  get pending(): number {
    return this.timers.filter((t) => t.live).length;
  }

  advance(ms: number): void {
    this.now += ms;
    for (;;) {
      const due = this.timers.filter((t) => t.live && t.at <= this.now).sort((a, b) => a.at - b.at)[0];
      if (due === undefined) break;
      due.live = false;
      due.fn();
    }
    this.timers = this.timers.filter((t) => t.live);
  }
}
