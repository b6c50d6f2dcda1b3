import type { SupervisorOptions } from './backends/types';
import type { Algorithm, HashKey, SetHealthInput } from '../shared/types';

/** How to build a Lab; every field has a default. */
export interface LabOptions {
  /** Backends started with the lab (default 3). */
  backends?: number;
  basePort?: number;
  proxyPort?: number;
  /** Interface everything binds to (default 127.0.0.1). */
  host?: string;
  /** Default: `weighted` when weights are given, otherwise `round-robin`. */
  algorithm?: Algorithm;
  /** One per initial backend; default 1 each. */
  weights?: readonly number[];
  /** Command template with {port}; default the bundled sample backend. */
  command?: string;
  cwd?: string;
  env?: Record<string, string>;
  /** The last N initial backends are nginx `backup` servers (not with ip-hash, hash or random-two). */
  backups?: number;
  /** Defaults of every backend's nginx `server` parameters. */
  maxFails?: number;
  failTimeoutMs?: number;
  maxConns?: number;
  slowStartMs?: number;
  /** What `hash` hashes (default the request URI). */
  hashKey?: HashKey;
  /** Take the client address for ip-hash/hash from X-Forwarded-For. */
  trustForwardedFor?: boolean;
  /** Sticky sessions by cookie. */
  sticky?: boolean;
  /** Active health checks from the start (`enabled` defaults to true); off when absent. */
  health?: SetHealthInput;
  connectTimeoutMs?: number;
  /** How often snapshots go out (default 100 ms: 10 per second). */
  snapshotIntervalMs?: number;
  /** How long a stop waits for in-flight requests before SIGTERM. */
  drainTimeoutMs?: number;
  /** Ports backends must never take (the control API's, say). */
  reservedPorts?: readonly number[];
  supervisor?: SupervisorOptions;
}
