import { contextBridge, ipcRenderer } from 'electron';
import { COMMAND_NAMES, STREAMS, ipcChannel, type CommandName, type LabApi } from '../shared/command-table';
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
};

contextBridge.exposeInMainWorld('lab', api);
