import type { BackendConfig } from './backend-config';
import type { Routing } from './proxy/request-info';
import type { LabSettings } from '../shared/settings';
import type { Algorithm, HealthCheckSettings } from '../shared/types';

/** The configuration worth restoring next time (see LabSettings), from what the lab's parts hold. */
export function labSettings(
  configs: readonly BackendConfig[],
  fallback: { basePort: number; command?: string },
  algorithm: Algorithm,
  proxyPort: number,
  routing: Routing,
  health: HealthCheckSettings,
): LabSettings {
  const command = configs.find((c) => c.spec.command !== undefined)?.spec.command ?? fallback.command;
  const { hashKey, trustForwardedFor, sticky } = routing;
  return {
    algorithm,
    basePort: configs[0]?.id ?? fallback.basePort,
    proxyPort,
    weights: configs.map((c) => c.weight),
    ...(command ? { command } : {}),
    ...(hashKey !== 'request-uri' ? { hashKey } : {}),
    ...(trustForwardedFor ? { trustForwardedFor: true as const } : {}),
    ...(sticky ? { sticky: true as const } : {}),
    ...(health.enabled ? { health: { path: health.path, intervalMs: health.intervalMs, rise: health.rise, fall: health.fall } } : {}),
  };
}
