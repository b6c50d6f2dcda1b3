import { describe, expect, it } from 'vitest';
import { initialHealth, recordCheck, type RiseFall, type TrackedHealth } from '../../../electron/lab/health/health-tracker';

/** Feed a sequence of pass (true) / fail (false) results; returns the state after each. */
function run(results: boolean[], limits: RiseFall, from: TrackedHealth = initialHealth()): TrackedHealth[] {
  const states: TrackedHealth[] = [];
  let tracked = from;
  results.forEach((ok, i) => {
    tracked = recordCheck(tracked, { ok, text: ok ? '200 in 1 ms' : 'connection refused', at: 1000 + i }, limits);
    states.push(tracked);
  });
  return states;
}

const last = (states: TrackedHealth[]): TrackedHealth => states[states.length - 1]!;
const repeat = (ok: boolean, n: number): boolean[] => Array<boolean>(n).fill(ok);
const LIMITS = [1, 2, 3, 4, 5];

describe('recordCheck (the rise/fall state machine)', () => {
  it('starts unknown with no streak and no check', () => {
    expect(initialHealth().health).toEqual({ state: 'unknown', lastCheckAt: null, lastResult: null, streak: 0 });
  });

  it('turns unknown into passing after exactly `rise` consecutive passes', () => {
    for (const rise of LIMITS) {
      const states = run(repeat(true, rise), { rise, fall: 3 });
      expect(states.slice(0, -1).every((s) => s.health.state === 'unknown'), `rise ${rise}`).toBe(true);
      expect(last(states).health.state, `rise ${rise}`).toBe('passing');
    }
  });

  it('turns unknown into failing after exactly `fall` consecutive failures', () => {
    for (const fall of LIMITS) {
      const states = run(repeat(false, fall), { rise: 3, fall });
      expect(states.slice(0, -1).every((s) => s.health.state === 'unknown'), `fall ${fall}`).toBe(true);
      expect(last(states).health.state, `fall ${fall}`).toBe('failing');
    }
  });

  it('turns passing into failing after exactly `fall` failures, and back after exactly `rise` passes', () => {
    for (const rise of LIMITS) {
      for (const fall of LIMITS) {
        const up = last(run(repeat(true, rise), { rise, fall }));
        const down = run(repeat(false, fall), { rise, fall }, up);
        expect(down.slice(0, -1).every((s) => s.health.state === 'passing'), `rise ${rise} fall ${fall}`).toBe(true);
        expect(last(down).health.state).toBe('failing');
        const back = run(repeat(true, rise), { rise, fall }, last(down));
        expect(back.slice(0, -1).every((s) => s.health.state === 'failing'), `rise ${rise} fall ${fall}`).toBe(true);
        expect(last(back).health.state).toBe('passing');
      }
    }
  });

  it('does not flip a passing server on a single failed check when fall is above 1', () => {
    const up = last(run([true, true], { rise: 2, fall: 3 }));
    const states = run([false, true, false, false, true, true], { rise: 2, fall: 3 }, up);
    expect(states.every((s) => s.health.state === 'passing')).toBe(true);
  });

  it('does not flip a failing server on a single passed check when rise is above 1', () => {
    const down = last(run([false, false, false], { rise: 2, fall: 3 }));
    const states = run([true, false, true, false], { rise: 2, fall: 3 }, down);
    expect(states.map((s) => s.health.state)).toEqual(['failing', 'failing', 'failing', 'failing']);
  });

  it('flips at once on one opposite result when rise or fall is 1', () => {
    const up = last(run([true], { rise: 1, fall: 1 }));
    expect(up.health.state).toBe('passing');
    expect(last(run([false], { rise: 1, fall: 1 }, up)).health.state).toBe('failing');
  });

  it('resets the streak to 1 when the direction changes, and keeps counting past the threshold', () => {
    const states = run([true, true, true, true, false, false, true], { rise: 2, fall: 3 });
    expect(states.map((s) => s.health.streak)).toEqual([1, 2, 3, 4, 1, 2, 1]);
    expect(states.map((s) => s.health.state)).toEqual(['unknown', 'passing', 'passing', 'passing', 'passing', 'passing', 'passing']);
  });

  it('keeps an alternating server unknown forever when neither threshold is reached', () => {
    const states = run([true, false, true, false, true, false], { rise: 2, fall: 2 });
    expect(states.every((s) => s.health.state === 'unknown' && s.health.streak === 1)).toBe(true);
  });

  it('records the time and words of the last check', () => {
    const tracked = recordCheck(initialHealth(), { ok: false, text: 'timed out after 2000 ms', at: 1_700_000_000_000 }, { rise: 2, fall: 3 });
    expect(tracked.health).toEqual({ state: 'unknown', lastCheckAt: 1_700_000_000_000, lastResult: 'timed out after 2000 ms', streak: 1 });
  });

  it('does not change the state it was given', () => {
    const before = initialHealth();
    recordCheck(before, { ok: true, text: '200 in 1 ms', at: 1 }, { rise: 1, fall: 1 });
    expect(before).toEqual(initialHealth());
  });

  it('agrees with the definition on every sequence of up to 10 results for rise and fall 1-4', () => {
    for (let rise = 1; rise <= 4; rise++) {
      for (let fall = 1; fall <= 4; fall++) {
        for (let length = 1; length <= 10; length++) {
          for (let bits = 0; bits < 1 << length; bits++) {
            const results = Array.from({ length }, (_, i) => ((bits >> i) & 1) === 1);
            const states = run(results, { rise, fall });
            let expected: 'unknown' | 'passing' | 'failing' = 'unknown';
            let streak = 0;
            results.forEach((ok, i) => {
              // The definition: the trailing run of equal results, and the state set by the last run that reached its threshold.
              streak = i > 0 && results[i - 1] === ok ? streak + 1 : 1;
              if (streak >= (ok ? rise : fall)) expected = ok ? 'passing' : 'failing';
              const got = states[i]!.health;
              if (got.state !== expected || got.streak !== streak) {
                throw new Error(`rise ${rise} fall ${fall} results ${results.map(Number).join('')} step ${i}: got ${got.state}/${got.streak}, expected ${expected}/${streak}`);
              }
            });
          }
        }
      }
    }
  });
});
