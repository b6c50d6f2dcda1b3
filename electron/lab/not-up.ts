import type { BackendState } from './backends/types';
import { LabError } from './lab-error';

/** The answer when started backends did not come up (502: the lab could not reach them), naming why: their output tail or the port's holder. */
export function notUp(states: readonly BackendState[]): LabError {
  return new LabError(states.map((s) => `${s.port} did not come up: ${s.error ?? s.status}`).join('\n'), 502, 'command');
}
