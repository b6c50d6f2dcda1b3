import type { AddBackendsInput, BackendAction, LabApi, LabEvent, PatchBackendInput, Result, SetBalancerInput, SetHealthInput, Snapshot } from '../../electron/shared/types';

type StreamMessage = { type: 'snapshot'; snapshot: Snapshot } | { type: 'event'; event: LabEvent };

/** As many events as the lab keeps, so a late subscriber gets the same replay. */
const EVENT_HISTORY = 200;
const RECONNECT_MS = 1000;

const eventKey = (e: LabEvent): string => `${e.at}|${e.port ?? ''}|${e.kind}|${e.message}`;

/**
 * LabApi over the headless host: commands are control API calls, and one
 * WebSocket on /api/events feeds every subscriber (reconnecting if the
 * host restarts). Like the lab itself, a new event subscriber first gets
 * the recent history; the history the host replays on each reconnect is
 * recognised and not delivered twice. A new snapshot subscriber gets the
 * latest snapshot at once.
 */
export function createWebLabApi(origin: string): LabApi {
  const snapshotListeners = new Set<(s: Snapshot) => void>();
  const eventListeners = new Set<(e: LabEvent) => void>();
  const history: LabEvent[] = [];
  const seen = new Set<string>();
  let latest: Snapshot | null = null;
  let socket: WebSocket | null = null;

  const idle = (): boolean => snapshotListeners.size === 0 && eventListeners.size === 0;

  /** Keep `event` in the history; false when it was seen before (a replay). */
  const remember = (event: LabEvent): boolean => {
    const key = eventKey(event);
    if (seen.has(key)) return false;
    seen.add(key);
    history.push(event);
    if (history.length > EVENT_HISTORY) seen.delete(eventKey(history.shift()!));
    return true;
  };

  const receive = (raw: unknown): void => {
    let data: StreamMessage;
    try {
      data = JSON.parse(String(raw)) as StreamMessage;
    } catch {
      return;
    }
    if (data.type === 'snapshot') {
      latest = data.snapshot;
      snapshotListeners.forEach((l) => l(data.snapshot));
    } else if (data.type === 'event' && remember(data.event)) {
      eventListeners.forEach((l) => l(data.event));
    }
  };

  const connect = (): void => {
    if (socket || idle()) return;
    const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/api/events`);
    socket = ws;
    ws.onmessage = (message) => receive(message.data);
    ws.onclose = () => {
      if (socket === ws) socket = null;
      setTimeout(connect, RECONNECT_MS);
    };
  };
  // Deferred a tick: React (StrictMode, remounts) unsubscribes and subscribes
  // again at once, and the socket should survive that.
  const disconnectIfIdle = (): void => {
    setTimeout(() => {
      if (!idle() || !socket) return;
      const ws = socket;
      socket = null;
      latest = null;
      ws.onclose = null;
      ws.close();
    }, 0);
  };

  async function call<T>(method: string, path: string, body?: unknown): Promise<Result<T>> {
    let response: Response;
    try {
      response = await fetch(`${origin}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      return { ok: false, error: `the lab is not reachable: ${(error as Error).message}` };
    }
    let data: (T & { error?: string; field?: string | null }) | null = null;
    try {
      data = (await response.json()) as T & { error?: string; field?: string | null };
    } catch {
      // Not JSON (a proxy's error page, say): the status line says enough.
    }
    if (!response.ok) {
      return { ok: false, error: data?.error ?? `${response.status} ${response.statusText}`, status: response.status, ...(data?.field ? { field: data.field } : {}) };
    }
    if (data === null) return { ok: false, error: `the lab answered ${response.status} without JSON`, status: response.status };
    return { ok: true, value: data };
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
    setHealth: (input: SetHealthInput) => done(call('PUT', '/api/health', input)),
    resetStats: () => done(call('POST', '/api/stats/reset')),
    onSnapshot(listener) {
      snapshotListeners.add(listener);
      if (latest) listener(latest);
      connect();
      return () => {
        snapshotListeners.delete(listener);
        disconnectIfIdle();
      };
    },
    onEvent(listener) {
      eventListeners.add(listener);
      for (const event of history) listener(event);
      connect();
      return () => {
        eventListeners.delete(listener);
        disconnectIfIdle();
      };
    },
  };
}
