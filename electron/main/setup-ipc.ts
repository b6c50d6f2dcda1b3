import { ipcMain, type BrowserWindow } from 'electron';
import { ownPageCheck } from './is-own-page';
import { COMMAND_NAMES, ipcChannel } from '../shared/command-table';
import type { Lab } from '../lab/lab';
import { runCommand } from '../lab/run-command';
import type { Result } from '../shared/types';

/** What a handler answers a sender that is not the app's own page. */
export const REFUSED: Result<never> = { ok: false, error: 'refused: only the lab window may send lab commands', status: 403 };

/**
 * One IPC handler per LabApi command (the channel names come from
 * shared/command-table.ts), each a thin call of the same runCommand the
 * control API uses, so every argument is validated by the command's schema
 * and nothing is ever thrown back. A sender that is not the main frame of
 * the app's own window, showing the app's own page, is refused and the lab
 * is not touched. Returns the function that removes the handlers.
 */
export function setupIpc(lab: Lab, getWindow: () => BrowserWindow | null, isAppUrl: (url: string) => boolean): () => void {
  const isOwnPage = ownPageCheck(getWindow, isAppUrl);
  for (const name of COMMAND_NAMES) {
    ipcMain.handle(ipcChannel(name), (event, ...args: unknown[]): Promise<Result<unknown>> => {
      if (!isOwnPage(event)) {
        console.warn(`ignored ${ipcChannel(name)} from a page that is not the lab window (${event.senderFrame?.url ?? 'unknown frame'})`);
        return Promise.resolve(REFUSED);
      }
      return runCommand(lab, name, args);
    });
  }
  return () => {
    for (const name of COMMAND_NAMES) ipcMain.removeHandler(ipcChannel(name));
  };
}
