import { contextBridge, ipcRenderer } from 'electron';
import { COMMAND_NAMES, STREAMS, TERMINAL_CHANNELS, ipcChannel, type CommandName, type LabApi, type TerminalConnection } from '../shared/command-table';
import { EventReplay } from '../shared/event-replay';
import type { LabEvent, Result, Snapshot } from '../shared/types';

/** One command as an IPC call; a failure of IPC itself comes back as a Result too, never as a throw. */
function invoker(name: CommandName): (...args: unknown[]) => Promise<Result<unknown>> {
  const channel = ipcChannel(name);
  return (...args) =>
    ipcRenderer.invoke(channel, ...args).catch((error: unknown) => ({ ok: false, error: `${channel} failed: ${error instanceof Error ? error.message : String(error)}`, status: 500 }));
}

const commands = Object.fromEntries(COMMAND_NAMES.map((name) => [name, invoker(name)])) as Pick<LabApi, CommandName>;

const events = new EventReplay(commands.recentEvents);
ipcRenderer.on(STREAMS.onEvent.channel, (_event, payload: LabEvent) => events.publish(payload));

/** Snapshot listeners; a new one gets the latest snapshot at once. */
const snapshotListeners = new Set<(snapshot: Snapshot) => void>();
let latest: Snapshot | null = null;
ipcRenderer.on(STREAMS.onSnapshot.channel, (_event, snapshot: Snapshot) => {
  latest = snapshot;
  for (const listener of snapshotListeners) {
    try {
      listener(snapshot);
    } catch (error) {
      console.error('a snapshot listener threw:', error);
    }
  }
});

/** Open terminals by the id this page gave them: where their output goes. */
const terminals = new Map<number, { onData: (data: string) => void; onEnd: ((reason: string) => void) | undefined }>();
let nextTerminalId = 1;
ipcRenderer.on(TERMINAL_CHANNELS.data, (_event, id: number, data: string) => terminals.get(id)?.onData(data));
ipcRenderer.on(TERMINAL_CHANNELS.end, (_event, id: number, reason: string) => {
  const terminal = terminals.get(id);
  terminals.delete(id);
  terminal?.onEnd?.(reason);
});

function openTerminal(port: number, onData: (data: string) => void, onEnd?: (reason: string) => void): TerminalConnection {
  const id = nextTerminalId++;
  terminals.set(id, { onData, onEnd });
  void ipcRenderer.invoke(TERMINAL_CHANNELS.open, id, port).then(
    (result: { ok: boolean; error?: string }) => {
      if (!result.ok && terminals.delete(id)) onEnd?.(result.error ?? 'refused');
    },
    (error: unknown) => {
      if (terminals.delete(id)) onEnd?.(error instanceof Error ? error.message : String(error));
    },
  );
  return {
    write: (data) => ipcRenderer.send(TERMINAL_CHANNELS.input, id, data),
    resize: (cols, rows) => ipcRenderer.send(TERMINAL_CHANNELS.resize, id, cols, rows),
    close: () => {
      if (terminals.delete(id)) ipcRenderer.send(TERMINAL_CHANNELS.close, id);
    },
  };
}

/** window.lab: the LabApi over IPC, and nothing else. */
const api: LabApi = {
  ...commands,
  onSnapshot(listener) {
    // A wrapper per subscription: subscribing one function twice gives two independent subscriptions.
    const entry = (snapshot: Snapshot): void => listener(snapshot);
    if (latest) entry(latest);
    snapshotListeners.add(entry);
    return () => void snapshotListeners.delete(entry);
  },
  onEvent: (listener) => events.subscribe(listener),
  openTerminal,
};

contextBridge.exposeInMainWorld('lab', api);
