import { describe, expect, it } from 'vitest';
import {
  balancerFor,
  parseUpstream,
  reference,
  replay,
  requestInfo,
  runningAt,
  scenarioNamed,
} from './nginx-reference';
import { mustPick } from './peers';

const scenarios = Object.entries(reference.scenarios);

describe(`the balancer against recordings of ${reference.nginx_version}`, () => {
  it('reads the balancing method of every recorded scenario', () => {
    const methods = Object.fromEntries(scenarios.map(([name, scenario]) => [name, parseUpstream(scenario.upstream).method]));

    expect(methods).toMatchObject({ backup: 'round-robin', ip_hash: 'ip-hash', hash_uri: 'hash', least_conn: 'least-conn' });
  });

  describe.each(scenarios)('scenario %s', (_name, scenario) => {
    const { method } = parseUpstream(scenario.upstream);

    it(`answers requests in the order nginx did (${method})`, () => {
      const run = replay(balancerFor(scenario), scenario);

      expect(run.sequence).toEqual(scenario.sequence);
      expect(run.failed).toBe(scenario.failed);
    });

    it('retries the same requests on the same ports as nginx did', () => {
      const run = replay(balancerFor(scenario), scenario);

      expect(run.retried).toEqual(scenario.retried);
    });
  });

  it('gives rr3 the same sequence whether the method is round-robin or weighted 1:1:1', () => {
    const scenario = scenarioNamed('rr3');
    for (const algorithm of ['round-robin', 'weighted'] as const) {
      expect(replay(balancerFor(scenario, algorithm), scenario).sequence).toEqual(scenario.sequence);
    }
  });

  it('in down_mid, tries the stopped 42002 first and answers the first request from 42001', () => {
    const scenario = scenarioNamed('down_mid');
    const run = replay(balancerFor(scenario), scenario);

    expect(run.retried.map((r) => r.tried)).toEqual([[42002, 42001]]);
    expect(run.retried[0]?.tried).toEqual(scenario.retried[0]?.tried);
    expect(run.sequence).toEqual(scenario.sequence);
  });

  it('in backup, gives the backup nothing while both primaries are up, then everything once both are killed', () => {
    const scenario = scenarioNamed('backup');
    const backup = parseUpstream(scenario.upstream).servers.find((server) => server.backup)?.id;
    const run = replay(balancerFor(scenario), scenario);
    const killedAfter = scenario.sequence.findIndex((_port, i) => runningAt(scenario, i + 1).length < scenario.ports.length);

    expect(backup).toBe(42003);
    expect(killedAfter).toBeGreaterThan(0);
    expect(run.sequence.slice(0, killedAfter)).not.toContain(backup);
    expect(new Set(run.sequence.slice(killedAfter))).toEqual(new Set([backup]));
  });

  it('in ip_hash, sends the recorded client to the third server, hashing 127.0.0 to 4040 and 4040 % 3 = 2', () => {
    const scenario = scenarioNamed('ip_hash');
    const balancer = balancerFor(scenario);

    expect(mustPick(balancer, 1_000, null, requestInfo(scenario, 1)).id).toBe(scenario.ports[4040 % 3]);
  });

  it('in hash_uri, maps all 26 recorded paths to the recorded ports through the ring', () => {
    const scenario = scenarioNamed('hash_uri');
    const balancer = balancerFor(scenario);
    const mapped: Record<string, number> = {};
    for (const path of Object.keys(scenario.path_to_port ?? {})) {
      const peer = mustPick(balancer, 1_000, null, { hashKey: path });
      balancer.report(peer, true, 1_000);
      mapped[path] = peer.id;
    }

    expect(Object.keys(mapped)).toHaveLength(26);
    expect(mapped).toEqual(scenario.path_to_port);
  });
});
