import { describe, expect, it } from 'vitest';
import { balancerFor, isLabAlgorithm, parseUpstream, reference, replay, scenarioNamed } from './nginx-reference';

/** Recorded scenarios whose nginx feature the balancer does not have yet (a later issue). */
const NOT_YET: Record<string, string> = {
  backup: '`backup` servers',
  ip_hash: 'ip_hash',
  hash_uri: 'hash $request_uri consistent',
};

const scenarios = Object.entries(reference.scenarios);
const covered = scenarios.filter(([name]) => !(name in NOT_YET));

describe(`the balancer against recordings of ${reference.nginx_version}`, () => {
  it('covers every recorded scenario except those skipped by name', () => {
    const supported = scenarios
      .filter(([, scenario]) => {
        const { method, backup } = parseUpstream(scenario.upstream);
        return isLabAlgorithm(method) && backup.length === 0;
      })
      .map(([name]) => name);
    expect(supported).toEqual(covered.map(([name]) => name));
  });

  describe.each(covered)('scenario %s', (_name, scenario) => {
    const { method } = parseUpstream(scenario.upstream);

    it(`answers requests in the order nginx did (${method})`, () => {
      const run = replay(balancerFor(scenario), scenario.backends_running_at_start, scenario.sequence.length);

      expect(run.sequence).toEqual(scenario.sequence);
      expect(run.failed).toBe(scenario.failed);
    });

    it('retries the same requests on the same ports as nginx did', () => {
      const run = replay(balancerFor(scenario), scenario.backends_running_at_start, scenario.sequence.length);

      expect(run.retried).toEqual(scenario.retried);
    });
  });

  for (const [name, feature] of Object.entries(NOT_YET)) {
    it.skip(`reproduces scenario ${name} (needs ${feature})`, () => {});
  }

  it('gives rr3 the same sequence whether the method is round-robin or weighted 1:1:1', () => {
    const scenario = scenarioNamed('rr3');
    for (const algorithm of ['round-robin', 'weighted'] as const) {
      const run = replay(balancerFor(scenario, algorithm), scenario.ports, scenario.sequence.length);
      expect(run.sequence).toEqual(scenario.sequence);
    }
  });

  it('in down_mid, tries the stopped 42002 first and answers the first request from 42001', () => {
    const scenario = scenarioNamed('down_mid');
    const run = replay(balancerFor(scenario), scenario.backends_running_at_start, scenario.sequence.length);

    expect(run.retried.map((r) => r.tried)).toEqual([[42002, 42001]]);
    expect(run.retried[0]?.tried).toEqual(scenario.retried[0]?.tried);
    expect(run.sequence).toEqual(scenario.sequence);
  });
});
