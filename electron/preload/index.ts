import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_CHANNEL, LAB_COMMAND_NAMES, SNAPSHOT_CHANNEL, ipcChannel } from '../shared/command-names';
import type { LabApi } from '../shared/types';

function subscribe<T>(channel: string, listener: (payload: T) => void): () => void {
  const handler = (_event: unknown, payload: T): void => listener(payload);
  ipcRenderer.on(channel, handler);
  return () => ipcRenderer.removeListener(channel, handler);
}

const commands = Object.fromEntries(LAB_COMMAND_NAMES.map((name) => [name, (...args: unknown[]) => ipcRenderer.invoke(ipcChannel(name), ...args)]));

/** window.lab: the LabApi over IPC, and nothing else. */
const api = {
  ...commands,
  onSnapshot: (listener) => subscribe(SNAPSHOT_CHANNEL, listener),
  onEvent: (listener) => subscribe(EVENT_CHANNEL, listener),
} as LabApi;

contextBridge.exposeInMainWorld('lab', api);
