import { COMMANDS, COMMAND_NAMES, type CommandName, type CommandSpec, type LabApi, type TerminalConnection } from '../../electron/shared/command-table';
import type { TerminalClientMessage } from '../../electron/shared/terminal';
import { EventReplay } from '../../electron/shared/event-replay';
import type { LabEvent, Result, Snapshot } from '../../electron/shared/types';

type StreamMessage = { type: 'snapshot'; snapshot: Snapshot } | { type: 'event'; event: LabEvent };

const RECONNECT_MS = 1000;

/** What a page without the lab's token cookie is told: the host printed the way in. */
export const NO_TOKEN_MESSAGE = 'This page has no valid token for the lab. Open the dashboard URL the lab printed when it started (it ends in ?token=…).';

/**
 * LabApi over the headless host. Commands are control API calls built
 * from the command table (route parameters from the arguments of that
 * name, the `body` argument as JSON); the reply body is the command's
 * value. One WebSocket on /api/events feeds every subscriber
 * (reconnecting if the host restarts); a new event subscriber first gets
 * the lab's recent events from the lab, a new snapshot subscriber the
 * latest snapshot.
 */
export function createWebLabApi(origin: string): LabApi {
  const snapshotListeners = new Set<(s: Snapshot) => void>();
  let latest: Snapshot | null = null;
  let socket: WebSocket | null = null;

  async function call(name: CommandName, args: readonly unknown[]): Promise<Result<unknown>> {
    const spec: CommandSpec = COMMANDS[name];
    let body: unknown;
    const path = spec.path.replace(/:(\w+)/g, (_, param: string) => encodeURIComponent(String(args[spec.args.findIndex((a) => a.name === param)])));
    const bodyAt = spec.args.findIndex((a) => a.name === 'body');
    if (bodyAt >= 0) body = args[bodyAt] ?? {};
    let response: Response;
    try {
      response = await fetch(`${origin}${path}`, {
        method: spec.method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      return { ok: false, error: `the lab is not reachable: ${(error as Error).message}` };
    }
    if (response.ok && spec.reply === 'text') return { ok: true, value: await response.text() };
    let data: unknown;
    let json = true;
    try {
      data = await response.json();
    } catch {
      // Not JSON (a proxy's error page, say): the status line says enough.
      json = false;
    }
    if (response.status === 401) return { ok: false, error: NO_TOKEN_MESSAGE, status: 401 };
    if (!response.ok) {
      const failure = (json ? data : null) as { error?: string; field?: string | null } | null;
      return { ok: false, error: failure?.error ?? `${response.status} ${response.statusText}`, status: response.status, ...(failure?.field ? { field: failure.field } : {}) };
    }
    if (!json) return { ok: false, error: `the lab answered ${response.status} without JSON`, status: response.status };
    return { ok: true, value: data };
  }

  const commands = Object.fromEntries(COMMAND_NAMES.map((name) => [name, (...args: unknown[]) => call(name, args)])) as Pick<LabApi, CommandName>;
  const events = new EventReplay(commands.recentEvents);

  const idle = (): boolean => snapshotListeners.size === 0 && events.size === 0;

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
    } else if (data.type === 'event') {
      events.publish(data.event);
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

  /** One WebSocket per open terminal: output in, keystrokes and sizes out (queued until it opens). */
  function openTerminal(port: number, onData: (data: string) => void, onEnd?: (reason: string) => void): TerminalConnection {
    const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/api/backends/${port}/terminal`);
    const queued: string[] = [];
    let closedByUs = false;
    ws.onmessage = (message) => onData(String(message.data));
    ws.onopen = () => queued.splice(0).forEach((m) => ws.send(m));
    ws.onclose = (event) => {
      if (!closedByUs) onEnd?.(event.reason || `the terminal closed (${event.code})`);
    };
    const send = (message: TerminalClientMessage): void => {
      const text = JSON.stringify(message);
      if (ws.readyState === WebSocket.OPEN) ws.send(text);
      else if (ws.readyState === WebSocket.CONNECTING) queued.push(text);
    };
    return {
      write: (data) => send({ type: 'input', data }),
      resize: (cols, rows) => send({ type: 'resize', cols, rows }),
      close: () => {
        closedByUs = true;
        ws.close();
      },
    };
  }

  return {
    ...commands,
    openTerminal,
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
      const unsubscribe = events.subscribe(listener);
      connect();
      return () => {
        unsubscribe();
        disconnectIfIdle();
      };
    },
  };
}
