import type { Clock } from './clock';
import { DEFAULTS } from './defaults';
import type { FaultHook } from './faults/roll-fault';
import { HealthChecker } from './health/health-checker';
import type { HealthCheckSettings, HealthState, SetHealthInput } from '../shared/types';

/** Checks are off until asked for; these are HAProxy's `check inter 2s rise 2 fall 3` on `/`. */
export const DEFAULT_HEALTH: HealthCheckSettings = { enabled: false, ...DEFAULTS.health };

/** What a decided check result means for a backend's place in rotation. */
export type HealthChange = 'failing' | 'passing' | 'recovered';

/**
 * The lab's side of active health checks: which backends are watched (every
 * one whose process is up), which are failing, and the settings. The
 * HealthChecker does the checking; this keeps it in step with the lab and
 * turns its flips into `failing` (out of rotation), `recovered` (back in)
 * or `passing` (decided healthy, never was out). While checks are off
 * nothing runs and every `state` is null.
 */
export class LabHealth {
  private current: HealthCheckSettings;
  private checker: HealthChecker | null = null;
  private readonly watched = new Set<number>();
  private readonly failing = new Set<number>();

  /**
   * @param host the address backends listen on
   * @param onChange told when a watched backend's checks decide it, after `isFailing` reflects it
   */
  constructor(
    private readonly host: string,
    private readonly onChange: (port: number, change: HealthChange, state: HealthState) => void,
    private readonly clock: Clock,
    /** The proxy's faults, so checks meet a backend's fault as traffic does. */
    private readonly faultHook?: FaultHook,
  ) {
    this.current = DEFAULT_HEALTH;
  }

  get settings(): HealthCheckSettings {
    return this.current;
  }

  /** True while checks have this backend out of rotation. */
  isFailing(port: number): boolean {
    return this.failing.has(port);
  }

  /** The last checks of `port`; null while checks are off or its process is not up. */
  state(port: number): HealthState | null {
    return this.checker?.state(port) ?? null;
  }

  /**
   * Apply new settings (`enabled` defaults to true). Every watched backend
   * starts again from `unknown`, which is in rotation: its old results were
   * judged by other rules. Returns the ports that were failing and no
   * longer are, whose peers the lab must put back.
   */
  configure(input: SetHealthInput): number[] {
    const next: HealthCheckSettings = { enabled: input.enabled ?? true, path: input.path, intervalMs: input.intervalMs, rise: input.rise, fall: input.fall };
    const options = { path: next.path, intervalMs: next.intervalMs, rise: next.rise, fall: next.fall, host: this.host };
    if (next.enabled) {
      if (this.checker === null) {
        const checker = new HealthChecker(options, (port, state) => this.flip(checker, port, state), this.clock, this.faultHook);
        this.checker = checker;
        for (const port of this.watched) checker.watch(port);
      } else {
        this.checker.configure(options);
      }
    } else {
      this.checker?.stop();
      this.checker = null;
    }
    this.current = next;
    const cleared = [...this.failing];
    this.failing.clear();
    return cleared;
  }

  /** The backend's process is up: check it (when checks are on). */
  watch(port: number): void {
    this.watched.add(port);
    this.checker?.watch(port);
  }

  /** The backend's process is not up: stop checking it and forget its results. */
  unwatch(port: number): void {
    this.watched.delete(port);
    this.failing.delete(port);
    this.checker?.unwatch(port);
  }

  /** Stop every check (the lab is shutting down). */
  stop(): void {
    this.checker?.stop();
    this.checker = null;
    this.failing.clear();
  }

  private flip(from: HealthChecker, port: number, state: HealthState): void {
    // A result from a checker since replaced, or for a port no longer up, lands nowhere.
    if (from !== this.checker || !this.watched.has(port)) return;
    if (state.state === 'failing') {
      this.failing.add(port);
      this.onChange(port, 'failing', state);
    } else if (state.state === 'passing') {
      this.onChange(port, this.failing.delete(port) ? 'recovered' : 'passing', state);
    }
  }
}
