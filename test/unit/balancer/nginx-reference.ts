/**
 * Test helpers over test/fixtures/nginx-reference.json: sequences recorded
 * from a real nginx 1.22.1 (see test/fixtures/nginx-reference.NOTES.md).
 * Peer settings are parsed from each scenario's `upstream` block, so the
 * tests hold no copies of the recorded data.
 */
import { readFileSync } from 'node:fs';
import { createBalancer } from '../../../electron/lab/balancer/create-balancer';
import type { Balancer, Peer, PeerConfig } from '../../../electron/lab/balancer/types';
import { ALGORITHMS, type Algorithm } from '../../../electron/shared/types';

export interface RetriedRequest {
  request: number;
  tried: number[];
  upstream_status: number[];
}

export interface Scenario {
  upstream: string;
  ports: number[];
  backends_running_at_start: number[];
  sequence: number[];
  failed: number;
  counts: Record<string, number>;
  retried: RetriedRequest[];
  notes: string;
  phases?: unknown[];
}

interface Reference {
  nginx_version: string;
  scenarios: Record<string, Scenario>;
}

export const reference = JSON.parse(
  readFileSync(new URL('../../fixtures/nginx-reference.json', import.meta.url), 'utf8'),
) as Reference;

/** nginx defaults for a `server` line: weight=1 max_fails=1 fail_timeout=10s. */
const DEFAULTS = { weight: 1, maxFails: 1, failTimeoutMs: 10_000 };

export interface ParsedUpstream {
  /** The lab's algorithm, or the nginx method the lab does not have yet. */
  method: Algorithm | 'ip_hash' | 'hash';
  servers: PeerConfig[];
  /** Ports marked `backup`, which the lab does not support yet. */
  backup: number[];
}

/** Read an `upstream { ... }` block the way nginx would for these scenarios. */
export function parseUpstream(block: string): ParsedUpstream {
  let directive: 'least_conn' | 'ip_hash' | 'hash' | null = null;
  let anyWeight = false;
  const servers: PeerConfig[] = [];
  const backup: number[] = [];

  for (const raw of block.split('\n')) {
    const words = raw.trim().replace(/;$/, '').split(/\s+/);
    const [name, address, ...params] = words;
    if (name === 'least_conn' || name === 'ip_hash' || name === 'hash') directive = name;
    if (name !== 'server' || address === undefined) continue;

    const port = Number(address.split(':').at(-1));
    const server: PeerConfig = { id: port, ...DEFAULTS };
    for (const param of params) {
      const [key, value = ''] = param.split('=');
      if (key === 'weight') {
        server.weight = Number(value);
        anyWeight = true;
      } else if (key === 'max_fails') server.maxFails = Number(value);
      else if (key === 'fail_timeout') server.failTimeoutMs = Number(value.replace(/s$/, '')) * 1000;
      else if (key === 'backup') backup.push(port);
      else throw new Error(`unexpected server parameter ${param}`);
    }
    servers.push(server);
  }

  // DESIGN.md: given weights and no method, the method is `weighted`.
  const method = directive === 'least_conn' ? 'least-conn' : directive ?? (anyWeight ? 'weighted' : 'round-robin');
  return { method, servers, backup };
}

/** Whether the lab has the balancing method a scenario's upstream uses. */
export function isLabAlgorithm(method: ParsedUpstream['method']): method is Algorithm {
  return (ALGORITHMS as readonly string[]).includes(method);
}

/** A fresh balancer configured as the scenario's upstream block (a fresh nginx). */
export function balancerFor(scenario: Scenario, algorithm?: Algorithm): Balancer {
  const { method, servers, backup } = parseUpstream(scenario.upstream);
  if (!isLabAlgorithm(method) || backup.length > 0) throw new Error(`the lab cannot run: ${scenario.upstream}`);
  return createBalancer(algorithm ?? method, servers);
}

/** The scenario called `name`; throws when the fixture lacks it. */
export function scenarioNamed(name: string): Scenario {
  const scenario = reference.scenarios[name];
  if (scenario === undefined) throw new Error(`fixture has no scenario ${name}`);
  return scenario;
}

export interface Replay {
  /** Port that answered each request, in order (the fixture's `sequence`). */
  sequence: number[];
  /** Requests that needed more than one attempt, as in the fixture. */
  retried: RetriedRequest[];
  /** Requests no peer answered. */
  failed: number;
}

/**
 * Send `requests` requests strictly one after another, as the recording did,
 * and fail over as the proxy will: an attempt on a port that is not running
 * is reported as a failure and the request is picked again with `tried`.
 */
export function replay(balancer: Balancer, running: readonly number[], requests: number, start = 1_000, stepMs = 5): Replay {
  const result: Replay = { sequence: [], retried: [], failed: 0 };
  let now = start;

  for (let request = 1; request <= requests; request++, now += stepMs) {
    const tried = new Set<Peer>();
    const attempt: RetriedRequest = { request, tried: [], upstream_status: [] };

    for (;;) {
      const peer = balancer.pick(tried, now);
      if (peer === null) {
        result.failed++;
        break;
      }
      tried.add(peer);
      attempt.tried.push(peer.id);
      const up = running.includes(peer.id);
      balancer.report(peer, up, now);
      attempt.upstream_status.push(up ? 200 : 502);
      if (up) {
        result.sequence.push(peer.id);
        break;
      }
    }

    if (attempt.tried.length > 1) result.retried.push(attempt);
  }
  return result;
}
