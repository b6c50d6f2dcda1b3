import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_CHANNEL, LAB_COMMAND_NAMES, SNAPSHOT_CHANNEL, ipcChannel, type LabCommandName } from '../shared/command-names';
import type { LabApi, LabEvent, Result, Snapshot } from '../shared/types';

/** Fails to compile if a LabApi command is missing from LAB_COMMAND_NAMES (and so has no channel). */
type AssertNever<T extends never> = T;
export type EveryCommandHasAChannel = AssertNever<Exclude<LabCommandName, (typeof LAB_COMMAND_NAMES)[number]>>;

/** As many recent events as the lab itself keeps. */
const EVENT_HISTORY = 200;

/** One command as an IPC call; a failure of IPC itself comes back as a Result too, never as a throw. */
function invoker(name: LabCommandName): (...args: unknown[]) => Promise<Result<unknown>> {
  const channel = ipcChannel(name);
  return (...args) =>
    ipcRenderer.invoke(channel, ...args).catch((error: unknown) => ({ ok: false, error: `${channel} failed: ${error instanceof Error ? error.message : String(error)}`, status: 500 }));
}

/**
 * A channel's listeners. The preload listens from the moment it loads (main
 * replays the lab's recent events at 'dom-ready'), and a new listener first
 * gets what it missed: the latest snapshot, or the recent events.
 */
function fanOut<T>(channel: string, keep: number): (listener: (payload: T) => void) => () => void {
  const listeners = new Set<(payload: T) => void>();
  const recent: T[] = [];
  ipcRenderer.on(channel, (_event, payload: T) => {
    recent.push(payload);
    if (recent.length > keep) recent.shift();
    for (const listener of listeners) {
      try {
        listener(payload);
      } catch (error) {
        // One failing listener must not starve the others.
        console.error(`a ${channel} listener threw:`, error);
      }
    }
  });
  return (listener) => {
    // A wrapper per subscription: subscribing one function twice gives two independent subscriptions.
    const entry = (payload: T): void => listener(payload);
    for (const payload of recent) entry(payload);
    listeners.add(entry);
    return () => {
      listeners.delete(entry);
    };
  };
}

const commands = Object.fromEntries(LAB_COMMAND_NAMES.map((name) => [name, invoker(name)])) as Pick<LabApi, LabCommandName>;

/** window.lab: the LabApi over IPC, and nothing else. */
const api: LabApi = {
  ...commands,
  onSnapshot: fanOut<Snapshot>(SNAPSHOT_CHANNEL, 1),
  onEvent: fanOut<LabEvent>(EVENT_CHANNEL, EVENT_HISTORY),
};

contextBridge.exposeInMainWorld('lab', api);
