import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Sequences recorded from a real nginx 1.22.1 (see test/fixtures/nginx-reference.NOTES.md). */
export interface NginxScenario {
  upstream: string;
  ports: number[];
  sequence: number[];
  counts: Record<string, number>;
}

export function nginxScenario(name: string): NginxScenario {
  const data = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/nginx-reference.json'), 'utf8')) as {
    scenarios: Record<string, NginxScenario>;
  };
  const scenario = data.scenarios[name];
  if (!scenario) throw new Error(`no scenario ${name} in the nginx reference`);
  return scenario;
}

/** nginx's recorded sequence with its ports replaced by `ports` (same order as the upstream block). */
export function mapSequence(scenario: NginxScenario, ports: readonly number[]): number[] {
  return scenario.sequence.map((p) => ports[scenario.ports.indexOf(p)]!);
}

/** The `weight=` of each server line, in order (1 where none is written). */
export function weightsOf(scenario: NginxScenario): number[] {
  return scenario.upstream
    .split('\n')
    .filter((line) => line.trim().startsWith('server '))
    .map((line) => Number(/weight=(\d+)/.exec(line)?.[1] ?? 1));
}
