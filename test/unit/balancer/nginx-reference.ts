/**
 * Test helpers over test/fixtures/nginx-reference.json: sequences recorded
 * from a real nginx 1.22.1 (see test/fixtures/nginx-reference.NOTES.md).
 * Peer settings are parsed from each scenario's `upstream` block, the
 * backends killed mid-run from its `phases`, and the request paths from its
 * `paths`, so the tests hold no copies of the recorded data.
 */
import { readFileSync } from 'node:fs';
import { createBalancer } from '../../../electron/lab/balancer/create-balancer';
import type { Balancer, BalancerAlgorithm, Peer, PeerConfig, RequestInfo } from '../../../electron/lab/balancer/types';

export interface RetriedRequest {
  request: number;
  tried: number[];
  upstream_status: number[];
}

interface Phase {
  label?: string;
  requests?: [number, number];
  action?: string;
  after_request?: number;
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
  phases?: Phase[];
  /** hash scenarios: the URI of each request, in order. */
  paths?: string[];
  path_to_port?: Record<string, number>;
}

interface Reference {
  nginx_version: string;
  scenarios: Record<string, Scenario>;
}

export const reference = JSON.parse(
  readFileSync(new URL('../../fixtures/nginx-reference.json', import.meta.url), 'utf8'),
) as Reference;

/**
 * The client address of every recorded request: the recording's client
 * talked to nginx over loopback (NOTES: nginx listened on 127.0.0.1:42080;
 * the ip_hash notes: "All requests come from 127.0.0.1").
 */
export const RECORDING_CLIENT = '127.0.0.1';

/** nginx defaults for a `server` line: weight=1 max_fails=1 fail_timeout=10s. */
const DEFAULTS = { weight: 1, maxFails: 1, failTimeoutMs: 10_000 };

export interface ParsedUpstream {
  method: BalancerAlgorithm;
  servers: PeerConfig[];
}

/** The balancer method for an upstream's method directive (null: none given). */
function methodOf(directive: string[] | null, anyWeight: boolean): BalancerAlgorithm {
  if (directive === null) return anyWeight ? 'weighted' : 'round-robin'; // DESIGN.md: weights and no method -> weighted
  const line = directive.join(' ');
  if (line === 'least_conn') return 'least-conn';
  if (line === 'ip_hash') return 'ip-hash';
  if (line === 'hash $request_uri consistent') return 'hash';
  if (line === 'random two least_conn') return 'random-two';
  throw new Error(`unexpected balancing method: ${line}`);
}

/** Read an `upstream { ... }` block the way nginx would for these scenarios. */
export function parseUpstream(block: string): ParsedUpstream {
  let directive: string[] | null = null;
  let anyWeight = false;
  const servers: PeerConfig[] = [];

  for (const raw of block.split('\n')) {
    const words = raw.trim().replace(/;$/, '').split(/\s+/);
    const [name, address, ...params] = words;
    if (name === 'least_conn' || name === 'ip_hash' || name === 'hash' || name === 'random') directive = words;
    if (name !== 'server' || address === undefined) continue;

    const server: PeerConfig = { id: Number(address.split(':').at(-1)), ...DEFAULTS };
    for (const param of params) {
      const [key, value = ''] = param.split('=');
      if (key === 'weight') {
        server.weight = Number(value);
        anyWeight = true;
      } else if (key === 'max_fails') server.maxFails = Number(value);
      else if (key === 'fail_timeout') server.failTimeoutMs = Number(value.replace(/s$/, '')) * 1000;
      else if (key === 'backup') server.backup = true;
      else throw new Error(`unexpected server parameter ${param}`);
    }
    servers.push(server);
  }

  return { method: methodOf(directive, anyWeight), servers };
}

/** A fresh balancer configured as the scenario's upstream block (a fresh nginx). */
export function balancerFor(scenario: Scenario, algorithm?: BalancerAlgorithm): Balancer {
  const { method, servers } = parseUpstream(scenario.upstream);
  return createBalancer(algorithm ?? method, servers);
}

/** The scenario called `name`; throws when the fixture lacks it. */
export function scenarioNamed(name: string): Scenario {
  const scenario = reference.scenarios[name];
  if (scenario === undefined) throw new Error(`fixture has no scenario ${name}`);
  return scenario;
}

/** The ports running when request `request` (1-based) was sent, after any `killed backends` phase before it. */
export function runningAt(scenario: Scenario, request: number): number[] {
  const killed = (scenario.phases ?? [])
    .filter((phase) => phase.action !== undefined && (phase.after_request ?? Infinity) < request)
    .flatMap((phase) => {
      if (!/^killed backends /.test(phase.action ?? '')) throw new Error(`unexpected phase action: ${phase.action}`);
      return (phase.action?.match(/\d+/g) ?? []).map(Number);
    });
  return scenario.backends_running_at_start.filter((port) => !killed.includes(port));
}

/** What the proxy would pass for request `request` (1-based): the client and, where recorded, the URI. */
export function requestInfo(scenario: Scenario, request: number): RequestInfo {
  const hashKey = scenario.paths?.[request - 1];
  return hashKey === undefined ? { clientKey: RECORDING_CLIENT } : { clientKey: RECORDING_CLIENT, hashKey };
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
 * Send the scenario's requests strictly one after another, as the recording
 * did, and fail over as the proxy will: an attempt on a port that is not
 * running is reported as a failure and the request is picked again with
 * `tried`.
 */
export function replay(balancer: Balancer, scenario: Scenario, start = 1_000, stepMs = 5): Replay {
  const result: Replay = { sequence: [], retried: [], failed: 0 };
  let now = start;

  for (let request = 1; request <= scenario.sequence.length; request++, now += stepMs) {
    const running = runningAt(scenario, request);
    const info = requestInfo(scenario, request);
    const tried = new Set<Peer>();
    const attempt: RetriedRequest = { request, tried: [], upstream_status: [] };

    for (;;) {
      const peer = balancer.pick(tried, now, info);
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
