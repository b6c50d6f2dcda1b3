import type { LabOptions } from '../lab/lab';
import type { LabSettings } from '../shared/settings';

/** The Lab a set of saved settings describes: one backend per weight, in port order. */
export function labOptionsFrom(settings: LabSettings): LabOptions {
  const { weights, algorithm, basePort, proxyPort, command, hashKey, trustForwardedFor, sticky, health } = settings;
  return {
    backends: weights.length,
    weights,
    algorithm,
    basePort,
    proxyPort,
    ...(command !== undefined ? { command } : {}),
    ...(hashKey !== undefined ? { hashKey } : {}),
    ...(trustForwardedFor ? { trustForwardedFor } : {}),
    ...(sticky ? { sticky } : {}),
    ...(health !== undefined ? { health } : {}),
  };
}
