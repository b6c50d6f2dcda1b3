export { Supervisor } from './supervisor';
export { findFreePorts, type FreePorts } from './free-ports';
export { installExitGuard, type ExitGuardTarget } from './exit-guard';
export { defaultCommand } from './default-command';
export { sampleBackendPath } from './sample-backend-path';
export { KeyedQueue } from './keyed-queue';
export { describeHolder } from './port-holder';
export { MARK_VARIABLE } from './marked-processes';
export type { BackendSpec, BackendState, PortHolder, StatusChange, SupervisorOptions } from './types';
