import type { LabOptions } from '../lab/lab';
import type { LabSettings } from '../shared/settings';

/** The Lab a set of saved settings describes: one backend per weight, in port order. */
export function labOptionsFrom(settings: LabSettings): LabOptions {
  const { weights, algorithm, basePort, proxyPort, command } = settings;
  return { backends: weights.length, weights, algorithm, basePort, proxyPort, ...(command !== undefined ? { command } : {}) };
}
