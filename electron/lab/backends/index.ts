export { Supervisor } from './supervisor';
export { findFreePorts, type FreePorts } from './free-ports';
export { installExitGuard, type ExitGuardTarget } from './exit-guard';
export { defaultCommand } from './default-command';
export { sampleBackendPath } from './sample-backend-path';
export type { BackendSpec, BackendState, StatusChange, SupervisorOptions } from './types';
