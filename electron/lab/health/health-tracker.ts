import type { HealthState } from '../../shared/types';

/** What one check saw, and when (epoch ms). */
export interface CheckOutcome {
  ok: boolean;
  text: string;
  at: number;
}

/** HAProxy `rise` / `fall`: consecutive passes to mark a server up, failures to mark it down. */
export interface RiseFall {
  rise: number;
  fall: number;
}

/**
 * The public health state plus the one thing it cannot say by itself: which
 * way the current streak runs. A `passing` server with streak 1 may have just
 * passed (rise 1) or just failed once, and the next result means different
 * things in each case.
 */
export interface TrackedHealth {
  health: HealthState;
  /** True while the streak counts passes, false while it counts failures, null before any check. */
  streakOk: boolean | null;
}

/** A server nobody has checked yet: `unknown`, no streak. */
export function initialHealth(): TrackedHealth {
  return { health: { state: 'unknown', lastCheckAt: null, lastResult: null, streak: 0 }, streakOk: null };
}

/**
 * Fold one check result into the state: the rise/fall state machine, pure and
 * clock-free (time comes in with the outcome). A streak of `rise` passes
 * makes the server `passing` and a streak of `fall` failures makes it
 * `failing`, from `unknown` too, so a dead backend is marked down within
 * `fall` checks rather than staying `unknown` forever. A result against the
 * current streak starts a new streak of 1 and leaves the state alone, so a
 * single blip shorter than `fall` (or `rise`) never flips it.
 *
 * The state never returns to `unknown`; only a fresh `initialHealth()` does.
 */
export function recordCheck(prev: TrackedHealth, outcome: CheckOutcome, limits: RiseFall): TrackedHealth {
  const streak = prev.streakOk === outcome.ok ? prev.health.streak + 1 : 1;
  let state = prev.health.state;
  if (outcome.ok && streak >= limits.rise) state = 'passing';
  if (!outcome.ok && streak >= limits.fall) state = 'failing';
  return {
    health: { state, lastCheckAt: outcome.at, lastResult: outcome.text, streak },
    streakOk: outcome.ok,
  };
}
