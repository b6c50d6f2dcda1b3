import { systemClock, type Clock } from '../clock';
import type { HealthState } from '../../shared/types';
import type { FaultHook } from '../faults/roll-fault';
import { checkOnce } from './check-once';
import { resolveHealthOptions, type HealthCheckerOptions, type ResolvedHealthOptions } from './health-options';
import { initialHealth, recordCheck, type TrackedHealth } from './health-tracker';

export type { HealthCheckerOptions } from './health-options';

/** Called when a backend's state becomes passing or failing (never for a return to unknown). */
export type HealthFlipListener = (port: number, state: HealthState) => void;

/** The longest wait before a backend's first check, so checks start soon even with a long interval. */
const MAX_FIRST_CHECK_JITTER_MS = 1000;

/** One watched port. A replaced or forgotten record is marked dead, so a check still in flight lands nowhere. */
interface Watch {
  readonly port: number;
  tracked: TrackedHealth;
  /** Cancels the pending first check or the interval. */
  cancel: (() => void) | null;
  /** Set while a check runs; aborting it cancels that check. */
  running: AbortController | null;
  live: boolean;
}

/**
 * Active health checks, as HAProxy's `option httpchk GET <path>` with
 * `check inter <intervalMs> rise <rise> fall <fall>`: every watched port gets
 * its own `GET path` every `intervalMs`, sent straight to the backend (never
 * through the proxy, so checks are never counted as traffic), and the
 * rise/fall state machine in ./health-tracker turns the results into
 * passing / failing. `onFlip` hears every change of state.
 *
 * Timers and sockets are unref'd: a checker never keeps the process alive.
 */
export class HealthChecker {
  private options: ResolvedHealthOptions;
  private readonly watches = new Map<number, Watch>();

  /**
   * @param options check settings; throws a RangeError naming a field that no check could run with
   * @param onFlip told when a port's state changes to passing or failing
   * @param clock the lab's clock: timers and `lastCheckAt` (tests drive it)
   * @param faultHook the proxy's `faultHook`, so checks go through each backend's fault as traffic does
   */
  constructor(
    options: HealthCheckerOptions,
    private readonly onFlip: HealthFlipListener,
    private readonly clock: Clock = systemClock,
    private readonly faultHook?: FaultHook,
  ) {
    this.options = resolveHealthOptions(options);
  }

  /**
   * Start checking `port` every intervalMs. The first check comes after a
   * random delay shorter than the interval (at most 1 s), so backends added
   * together are not checked in lockstep; HAProxy spreads its checks too.
   * Watching a port already watched changes nothing.
   */
  watch(port: number): void {
    if (this.watches.has(port)) return;
    const watch: Watch = { port, tracked: initialHealth(), cancel: null, running: null, live: true };
    this.watches.set(port, watch);
    this.schedule(watch);
  }

  /** Stop checking `port` and forget its state; a check in flight is cancelled and its result dropped. */
  unwatch(port: number): void {
    const watch = this.watches.get(port);
    if (watch === undefined) return;
    this.watches.delete(port);
    this.retire(watch);
  }

  /** The port's current health (a copy), or null if it is not watched. */
  state(port: number): HealthState | null {
    const watch = this.watches.get(port);
    return watch === undefined ? null : { ...watch.tracked.health };
  }

  /**
   * Apply new settings: every watched port goes back to `unknown` (its old
   * results were judged by other rules) and its checks restart on the new
   * interval. Invalid settings throw before anything changes. The reset to
   * `unknown` is not reported to `onFlip`; the next decided state is.
   */
  configure(options: HealthCheckerOptions): void {
    this.options = resolveHealthOptions(options);
    for (const old of [...this.watches.values()]) {
      this.retire(old);
      const fresh: Watch = { port: old.port, tracked: initialHealth(), cancel: null, running: null, live: true };
      this.watches.set(old.port, fresh);
      this.schedule(fresh);
    }
  }

  /** Stop every timer, cancel checks in flight and forget every port; `watch` starts afresh. */
  stop(): void {
    for (const watch of this.watches.values()) this.retire(watch);
    this.watches.clear();
  }

  private schedule(watch: Watch): void {
    const { intervalMs } = this.options;
    const jitter = Math.floor(Math.random() * Math.min(intervalMs, MAX_FIRST_CHECK_JITTER_MS));
    watch.cancel = this.clock.after(jitter, () => {
      watch.cancel = this.clock.every(intervalMs, () => this.tick(watch));
      this.tick(watch);
    });
  }

  private retire(watch: Watch): void {
    watch.live = false;
    watch.cancel?.();
    watch.cancel = null;
    watch.running?.abort();
  }

  private tick(watch: Watch): void {
    // One check at a time per port: a check still running (a slow backend with
    // timeoutMs above intervalMs) makes this tick skip rather than pile up.
    if (!watch.live || watch.running !== null) return;
    const running = new AbortController();
    watch.running = running;
    const { host, path, timeoutMs } = this.options;
    void checkOnce({ host, port: watch.port, path, timeoutMs }, running.signal, this.faultHook?.(watch.port)).then((result) => {
      watch.running = null;
      if (!watch.live) return;
      const before = watch.tracked.health.state;
      watch.tracked = recordCheck(watch.tracked, { ...result, at: this.clock.wall() }, this.options);
      // recordCheck never goes back to unknown, so any change is a flip to passing or failing.
      if (watch.tracked.health.state !== before) this.notify(watch.port, { ...watch.tracked.health });
    });
  }

  private notify(port: number, state: HealthState): void {
    try {
      this.onFlip(port, state);
    } catch (err) {
      // A listener's bug must not become an unhandled rejection that ends the lab.
      process.emitWarning(`health check listener failed for port ${port}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
