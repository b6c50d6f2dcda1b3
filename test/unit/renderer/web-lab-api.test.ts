// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LabEvent } from '../../../electron/shared/types';
import { createWebLabApi, NO_TOKEN_MESSAGE } from '../../../renderer/src/web-lab-api';
import { makeSnapshot } from './fake-lab-api';

/** Stands in for the browser WebSocket: the test pushes messages and closes it. */
class FakeSocket {
  static all: FakeSocket[] = [];
  onmessage: ((m: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  push(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  close(): void {
    this.closed = true;
  }
  drop(): void {
    this.onclose?.();
  }
}

const event = (n: number): LabEvent => ({ seq: n, at: 1000 + n, port: 4000, kind: 'info', message: `event ${n}` });

/** The host's answer to GET /api/events/recent. */
function labRemembers(recent: LabEvent[]): ReturnType<typeof vi.fn> {
  const fetchMock = vi.fn(async (url: string) => new Response(JSON.stringify(url.endsWith('/api/events/recent') ? recent : null), { status: 200 }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}
/** Let the replay's HTTP round trip settle. */
const settle = (): Promise<void> => vi.advanceTimersByTimeAsync(0).then(() => undefined);

beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
  vi.stubGlobal('WebSocket', FakeSocket);
  // A lab that remembers nothing, unless the test says otherwise: no test reaches the network.
  labRemembers([]);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('createWebLabApi', () => {
  it('opens one socket on /api/events for every subscriber', () => {
    const api = createWebLabApi('http://127.0.0.1:5170');
    api.onSnapshot(() => {});
    api.onEvent(() => {});
    expect(FakeSocket.all.map((s) => s.url)).toEqual(['ws://127.0.0.1:5170/api/events']);
  });

  it('replays the lab\'s recent events to a late event subscriber and hands a late snapshot subscriber the latest snapshot', async () => {
    const fetchMock = labRemembers([event(1), event(2)]);
    const api = createWebLabApi('http://127.0.0.1:5170');
    api.onEvent(() => {});
    const socket = FakeSocket.all[0]!;
    socket.push({ type: 'event', event: event(1) });
    socket.push({ type: 'event', event: event(2) });
    const snapshot = makeSnapshot([]);
    socket.push({ type: 'snapshot', snapshot });
    const late: LabEvent[] = [];
    api.onEvent((e) => late.push(e));
    await settle();
    expect(fetchMock).toHaveBeenCalledWith('http://127.0.0.1:5170/api/events/recent', expect.objectContaining({ method: 'GET' }));
    expect(late.map((e) => e.message)).toEqual(['event 1', 'event 2']);
    const snapshots: unknown[] = [];
    api.onSnapshot((s) => snapshots.push(s));
    expect(snapshots).toEqual([snapshot]);
  });

  it('does not deliver the history the host replays after a reconnect twice', async () => {
    labRemembers([]);
    const api = createWebLabApi('http://127.0.0.1:5170');
    const seen: string[] = [];
    api.onEvent((e) => seen.push(e.message));
    await settle();
    FakeSocket.all[0]!.push({ type: 'event', event: event(1) });
    FakeSocket.all[0]!.drop();
    vi.advanceTimersByTime(1000);
    const again = FakeSocket.all[1]!;
    again.push({ type: 'event', event: event(1) });
    again.push({ type: 'event', event: event(2) });
    expect(seen).toEqual(['event 1', 'event 2']);
  });

  it('keeps the socket through an unsubscribe-and-resubscribe (React StrictMode), and closes it when idle', () => {
    const api = createWebLabApi('http://127.0.0.1:5170');
    const off = api.onSnapshot(() => {});
    off();
    const off2 = api.onSnapshot(() => {});
    vi.advanceTimersByTime(10);
    expect(FakeSocket.all).toHaveLength(1);
    expect(FakeSocket.all[0]!.closed).toBe(false);
    off2();
    vi.advanceTimersByTime(10);
    expect(FakeSocket.all[0]!.closed).toBe(true);
  });

  it('returns the control API’s error and field, and a plain error when the lab is unreachable', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ error: 'weight: Too big', field: 'weight' }), { status: 400 }));
    vi.stubGlobal('fetch', fetchMock);
    const api = createWebLabApi('http://127.0.0.1:5170');
    expect(await api.patchBackend(4000, { weight: 999 })).toEqual({ ok: false, error: 'weight: Too big', field: 'weight', status: 400 });
    expect(fetchMock).toHaveBeenCalledWith('http://127.0.0.1:5170/api/backends/4000', expect.objectContaining({ method: 'PATCH', body: '{"weight":999}' }));
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    expect(await api.resetStats()).toEqual({ ok: false, error: 'the lab is not reachable: Failed to fetch' });
  });

  it('tells a page without the token to open the URL the lab printed when the API answers 401', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ error: 'missing or wrong token', field: 'token' }), { status: 401 })));
    const api = createWebLabApi('http://127.0.0.1:5170');
    expect(await api.snapshot()).toEqual({ ok: false, error: NO_TOKEN_MESSAGE, status: 401 });
    expect(NO_TOKEN_MESSAGE).toContain('?token=');
  });

  it('sends the health check settings as PUT /api/health and the balancer settings as PUT /api/balancer', async () => {
    const fetchMock = vi.fn(async () => new Response('null', { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const api = createWebLabApi('http://127.0.0.1:5170');
    expect(await api.setHealth({ enabled: true, path: '/health', intervalMs: 2000, rise: 2, fall: 3 })).toEqual({ ok: true, value: null });
    expect(fetchMock).toHaveBeenCalledWith(
      'http://127.0.0.1:5170/api/health',
      expect.objectContaining({ method: 'PUT', body: '{"enabled":true,"path":"/health","intervalMs":2000,"rise":2,"fall":3}' }),
    );
    await api.setBalancer({ algorithm: 'hash', hashKey: 'client', trustForwardedFor: true, sticky: false });
    expect(fetchMock).toHaveBeenLastCalledWith(
      'http://127.0.0.1:5170/api/balancer',
      expect.objectContaining({ method: 'PUT', body: '{"algorithm":"hash","hashKey":"client","trustForwardedFor":true,"sticky":false}' }),
    );
  });
});
