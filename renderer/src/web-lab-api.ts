import type { AddBackendsInput, BackendAction, LabApi, LabEvent, PatchBackendInput, Result, SetBalancerInput, Snapshot } from '../../electron/shared/types';

type StreamMessage = { type: 'snapshot'; snapshot: Snapshot } | { type: 'event'; event: LabEvent };

/**
 * LabApi over the headless host: commands are control API calls, and one
 * WebSocket on /api/events feeds every subscriber (reconnecting if the
 * host restarts).
 */
export function createWebLabApi(origin: string): LabApi {
  const snapshotListeners = new Set<(s: Snapshot) => void>();
  const eventListeners = new Set<(e: LabEvent) => void>();
  let socket: WebSocket | null = null;

  const connect = (): void => {
    if (socket || (snapshotListeners.size === 0 && eventListeners.size === 0)) return;
    const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/api/events`);
    socket = ws;
    ws.onmessage = (message) => {
      const data = JSON.parse(String(message.data)) as StreamMessage;
      if (data.type === 'snapshot') snapshotListeners.forEach((l) => l(data.snapshot));
      else eventListeners.forEach((l) => l(data.event));
    };
    ws.onclose = () => {
      socket = null;
      setTimeout(connect, 1000);
    };
  };
  const disconnectIfIdle = (): void => {
    if (snapshotListeners.size === 0 && eventListeners.size === 0 && socket) {
      const ws = socket;
      socket = null;
      ws.onclose = null;
      ws.close();
    }
  };

  async function call<T>(method: string, path: string, body?: unknown): Promise<Result<T>> {
    try {
      const response = await fetch(`${origin}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const data = (await response.json()) as T & { error?: string; field?: string | null };
      if (!response.ok) return { ok: false, error: data.error ?? response.statusText, status: response.status, ...(data.field ? { field: data.field } : {}) };
      return { ok: true, value: data };
    } catch (error) {
      return { ok: false, error: `the lab is not reachable: ${(error as Error).message}` };
    }
  }
  const done = async (result: Promise<Result<unknown>>): Promise<Result<null>> => {
    const r = await result;
    return r.ok ? { ok: true, value: null } : r;
  };

  return {
    snapshot: () => call<Snapshot>('GET', '/api/snapshot'),
    addBackends: async (input: AddBackendsInput) => {
      const r = await call<{ ports: number[] }>('POST', '/api/backends', input);
      return r.ok ? { ok: true, value: r.value.ports } : r;
    },
    backendAction: (port: number, action: BackendAction) => done(call('POST', `/api/backends/${port}/${action}`)),
    removeBackend: (port: number) => done(call('DELETE', `/api/backends/${port}`)),
    patchBackend: (port: number, input: PatchBackendInput) => done(call('PATCH', `/api/backends/${port}`, input)),
    setBalancer: (input: SetBalancerInput) => done(call('PUT', '/api/balancer', input)),
    resetStats: () => done(call('POST', '/api/stats/reset')),
    onSnapshot(listener) {
      snapshotListeners.add(listener);
      connect();
      return () => {
        snapshotListeners.delete(listener);
        disconnectIfIdle();
      };
    },
    onEvent(listener) {
      eventListeners.add(listener);
      connect();
      return () => {
        eventListeners.delete(listener);
        disconnectIfIdle();
      };
    },
  };
}
