import type { Clock } from './clock';
import type { CompareRunner } from './compare/compare-runner';
import type { Fleet } from './fleet';
import type { LabHammer } from './lab-hammer';
import type { LabHealth } from './lab-health';
import { projectSnapshot } from './project-snapshot';
import type { LabProxy } from './proxy/lab-proxy';
import type { Rotation } from './rotation';
import type { ScenarioRunner } from './scenarios/scenario-runner';
import type { LabStats } from './stats/lab-stats';
import type { Snapshot } from '../shared/types';

/** The parts a snapshot reads; none of them is changed by it. */
export interface SnapshotParts {
  clock: Clock;
  stats: LabStats;
  fleet: Fleet;
  rotation: Rotation;
  health: LabHealth;
  proxy: LabProxy;
  hammer: LabHammer;
  comparison: CompareRunner;
  scenarios: ScenarioRunner;
  url: string;
}

/** Read every part at one moment and project the snapshot: a read that changes nothing. */
export function readSnapshot(parts: SnapshotParts): Snapshot {
  const { clock, stats, fleet, rotation, health, proxy, hammer } = parts;
  const now = clock.now();
  const view = {
    port: proxy.boundPort,
    url: parts.url,
    algorithm: rotation.algorithm,
    requests: stats.requests,
    errors: stats.errors,
    rps: stats.rps,
    latencyWindowMs: stats.latencyWindow(),
    ...proxy.currentRouting,
    health: health.settings,
    ...proxy.settings,
    load: hammer.progress(),
    compare: parts.comparison.progress(),
    scenario: parts.scenarios.progress(),
  };
  const views = fleet.configs().map((config) => ({
    config,
    process: fleet.process(config.id),
    stats: stats.backend(config.id),
    peer: rotation.peer(config.id),
    peers: rotation.peers,
    algorithm: rotation.algorithm,
    stopping: rotation.isDraining(config.id),
    health: health.state(config.id),
    stickyClients: proxy.stickyClients.count(config.id, now),
    fault: proxy.fault(config.id),
    faultWords: proxy.faultWords(config.id),
    now,
  }));
  return projectSnapshot(clock.wall(), view, views);
}
