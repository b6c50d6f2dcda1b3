import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { EVENT_CHANNEL, LAB_COMMAND_NAMES, SNAPSHOT_CHANNEL, ipcChannel } from '../shared/command-names';
import type { Lab } from '../lab/lab';
import { runCommand } from '../lab/run-command';

/**
 * Every LabApi command as an IPC handler over the same runCommand the
 * control API uses; senders other than the app's own window are ignored.
 * Snapshots and events are pushed to the window; returns a teardown.
 */
export function setupIpc(lab: Lab, getWindow: () => BrowserWindow | null): () => void {
  const isOwnWindow = (event: IpcMainInvokeEvent): boolean => {
    const window = getWindow();
    return window !== null && BrowserWindow.fromWebContents(event.sender) === window && event.senderFrame === event.sender.mainFrame;
  };
  for (const name of LAB_COMMAND_NAMES) {
    ipcMain.handle(ipcChannel(name), (event, ...args: unknown[]) => {
      if (!isOwnWindow(event)) return { ok: false, error: 'refused: not the lab window', status: 403 };
      return runCommand(lab, name, args);
    });
  }
  const send = (channel: string, payload: unknown): void => {
    const window = getWindow();
    if (window && !window.isDestroyed()) window.webContents.send(channel, payload);
  };
  const offSnapshot = lab.onSnapshot((snapshot) => send(SNAPSHOT_CHANNEL, snapshot));
  const offEvent = lab.onEvent((event) => send(EVENT_CHANNEL, event));
  return () => {
    for (const name of LAB_COMMAND_NAMES) ipcMain.removeHandler(ipcChannel(name));
    offSnapshot();
    offEvent();
  };
}
