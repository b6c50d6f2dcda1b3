import { vi } from 'vitest';
import { allowedActions } from '../../../electron/lab/backend-rules';
import { expectedShares } from '../../../electron/lab/expected-share';
import type { MethodTraits } from '../../../electron/shared/method-traits';
import { registryTraits } from './registry-traits';
import { IDLE_COMPARE, IDLE_COMPARE_PROGRESS } from '../../../electron/shared/compare';
import { IDLE_LOAD } from '../../../electron/shared/load';
import { IDLE_SCENARIO } from '../../../electron/shared/scenario';
import { DEFAULT_PROXY_SETTINGS } from '../../../electron/shared/proxy-settings';
import type { Algorithm, BackendSnapshot, LabApi, LabEvent, Result, Snapshot } from '../../../electron/shared/types';

/** Loaded once, before any test: a late dynamic import would outlive the test environment. */
const TRAITS = await registryTraits();

const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });

/** A LabApi whose commands are spies (all succeed) and whose streams the test drives. */
export interface FakeLabApi extends LabApi {
  emitSnapshot(snapshot: Snapshot): void;
  emitEvent(event: LabEvent): void;
  snapshotListeners(): number;
}

export function createFakeLabApi(): FakeLabApi & { [K in keyof LabApi]: LabApi[K] & ReturnType<typeof vi.fn> } {
  const snapshots = new Set<(s: Snapshot) => void>();
  const events = new Set<(e: LabEvent) => void>();
  const api = {
    snapshot: vi.fn(() => ok(makeSnapshot([]))),
    recentEvents: vi.fn(() => ok([])),
    methods: vi.fn((): Promise<Result<readonly MethodTraits[]>> => ok(TRAITS)),
    addBackends: vi.fn((input: { count?: number }) => ok({ ports: Array.from({ length: input.count ?? 1 }, (_, i) => 4000 + i) })),
    backendAction: vi.fn(() => ok(null)),
    removeBackend: vi.fn(() => ok(null)),
    patchBackend: vi.fn(() => ok(null)),
    setBalancer: vi.fn(() => ok(null)),
    setHealth: vi.fn(() => ok(null)),
    resetStats: vi.fn(() => ok(null)),
    setFault: vi.fn(() => ok(null)),
    clearFault: vi.fn(() => ok(null)),
    setProxy: vi.fn(() => ok(null)),
    startCompare: vi.fn(() => ok(IDLE_COMPARE)),
    stopCompare: vi.fn(() => ok(IDLE_COMPARE)),
    compareStatus: vi.fn(() => ok(IDLE_COMPARE)),
    scenarios: vi.fn(() => ok({ scenarios: [], problems: [] })),
    scenarioStatus: vi.fn(() => ok(IDLE_SCENARIO)),
    loadScenario: vi.fn(() => ok(IDLE_SCENARIO)),
    scenarioDo: vi.fn(() => ok(IDLE_SCENARIO)),
    scenarioNext: vi.fn(() => ok(IDLE_SCENARIO)),
    closeScenario: vi.fn(() => ok(IDLE_SCENARIO)),
    onSnapshot: vi.fn((listener: (s: Snapshot) => void) => {
      snapshots.add(listener);
      return () => snapshots.delete(listener);
    }),
    onEvent: vi.fn((listener: (e: LabEvent) => void) => {
      events.add(listener);
      return () => events.delete(listener);
    }),
    emitSnapshot: (snapshot: Snapshot) => snapshots.forEach((l) => l(snapshot)),
    emitEvent: (event: LabEvent) => events.forEach((l) => l(event)),
    snapshotListeners: () => snapshots.size,
  };
  return api as unknown as ReturnType<typeof createFakeLabApi>;
}

/** A backend as the lab reports it: up, in rotation, weight 1, no traffic; override what the test is about. */
export function makeBackend(port: number, overrides: Partial<BackendSnapshot> = {}): BackendSnapshot {
  return {
    port,
    status: 'up',
    inRotation: true,
    outOfRotation: null,
    couldServe: true,
    standby: false,
    expectedShare: 0,
    weight: 1,
    maxFails: 1,
    failTimeoutMs: 10_000,
    hits: 0,
    inFlight: 0,
    failures: 0,
    retries: 0,
    responses: { '1xx': 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 },
    bytes: 0,
    latencyMs: { p50: 0, p95: 0, p99: 0 },
    latencyWindowMs: null,
    rps: 0,
    hits10s: 0,
    pid: 1000 + port,
    restarts: 0,
    command: `node sample-backend.mjs ${port}`,
    exit: null,
    error: null,
    backup: false,
    down: false,
    drain: false,
    maxConns: 0,
    slowStartMs: 0,
    slowStartProgress: null,
    failed: false,
    health: null,
    stickyClients: 0,
    fault: null,
    faultWords: null,
    portHolder: null,
    ...overrides,
    allowedActions: overrides.allowedActions ?? allowedActions(overrides.status ?? 'up'),
  };
}

/** The backends with the share fields the lab's own rules give them, as a real snapshot has. */
export function withLabShares(backends: readonly BackendSnapshot[], algorithm: Algorithm): BackendSnapshot[] {
  const shares = expectedShares(backends, algorithm);
  return backends.map((b, i) => ({ ...b, ...shares[i]! }));
}

export function makeSnapshot(backends: BackendSnapshot[], proxy: Partial<Snapshot['proxy']> = {}): Snapshot {
  return {
    at: Date.now(),
    proxy: {
      port: 8080,
      url: 'http://127.0.0.1:8080/',
      algorithm: 'weighted',
      requests: 0,
      errors: 0,
      rps: 0,
      latencyWindowMs: null,
      hashKey: 'request-uri',
      trustForwardedFor: false,
      sticky: false,
      health: { enabled: false, path: '/health', intervalMs: 2000, rise: 2, fall: 3 },
      ...DEFAULT_PROXY_SETTINGS,
      nextUpstream: [...DEFAULT_PROXY_SETTINGS.nextUpstream],
      load: IDLE_LOAD,
      compare: IDLE_COMPARE_PROGRESS,
      scenario: { id: null, current: 0, state: null, version: 0 },
      ...proxy,
    },
    backends: withLabShares(backends, proxy.algorithm ?? 'weighted'),
  };
}
