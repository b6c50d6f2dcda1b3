import { ipcMain, type BrowserWindow, type WebContents } from 'electron';
import { z } from 'zod';
import type { Lab } from '../lab/lab';
import { LabError } from '../lab/lab-error';
import { TERMINAL_CHANNELS } from '../shared/command-table';
import { parseInput, portParamSchema } from '../shared/schemas';
import { terminalInputSchema, terminalSizeSchema } from '../shared/terminal';
import type { Result } from '../shared/types';
import { ownPageCheck } from './is-own-page';
import { REFUSED } from './setup-ipc';

const idSchema = z.number().int().min(1);

interface Open {
  port: number;
  close: () => void;
}

/**
 * The terminals over IPC: `open` subscribes the page to one backend's
 * terminal under an id the page chose, its output is sent back on `data`
 * (only while it is open: a closed terminal costs nothing), keystrokes and
 * sizes go to the pty. Only the app's own page is heard; every argument is
 * validated; everything a page opened is closed when it goes away.
 * Returns the function that removes the handlers.
 */
export function setupTerminals(lab: Lab, getWindow: () => BrowserWindow | null, isAppUrl: (url: string) => boolean): () => void {
  const isOwnPage = ownPageCheck(getWindow, isAppUrl);
  const openByPage = new Map<WebContents, Map<number, Open>>();

  const opened = (sender: WebContents): Map<number, Open> => {
    let map = openByPage.get(sender);
    if (!map) {
      map = new Map();
      openByPage.set(sender, map);
      const closeAll = (): void => {
        for (const open of map!.values()) open.close();
        openByPage.delete(sender);
      };
      sender.once('destroyed', closeAll);
      // A reload is a new page with terminals of its own.
      sender.once('did-start-navigation', closeAll);
    }
    return map;
  };

  ipcMain.handle(TERMINAL_CHANNELS.open, (event, id: unknown, port: unknown): Result<null> => {
    if (!isOwnPage(event)) return REFUSED;
    const parsedId = parseInput(idSchema, id, 'id');
    const parsedPort = parseInput(portParamSchema, port, 'port');
    if (!parsedId.ok) return { ok: false, error: parsedId.error, field: parsedId.field, status: 400 };
    if (!parsedPort.ok) return { ok: false, error: parsedPort.error, field: parsedPort.field, status: 400 };
    const sender = event.sender;
    const send = (channel: string, ...payload: unknown[]): void => {
      if (!sender.isDestroyed()) sender.send(channel, parsedId.value, ...payload);
    };
    try {
      const unsubscribe = lab.terminals.subscribe(parsedPort.value, (data) => send(TERMINAL_CHANNELS.data, data), {
        onEnd: () => {
          opened(sender).delete(parsedId.value);
          send(TERMINAL_CHANNELS.end, `backend ${parsedPort.value} was removed`);
        },
      });
      opened(sender).get(parsedId.value)?.close();
      opened(sender).set(parsedId.value, { port: parsedPort.value, close: unsubscribe });
      return { ok: true, value: null };
    } catch (error) {
      if (error instanceof LabError) return { ok: false, error: error.message, status: error.status, ...(error.field ? { field: error.field } : {}) };
      throw error;
    }
  });

  const withOpen = (channel: string, run: (open: Open, ...args: unknown[]) => void): void => {
    ipcMain.on(channel, (event, id: unknown, ...args: unknown[]) => {
      if (!isOwnPage(event)) return;
      const open = typeof id === 'number' ? openByPage.get(event.sender)?.get(id) : undefined;
      if (!open) return;
      try {
        run(open, ...args);
      } catch (error) {
        // Bad keystrokes or sizes from the page change nothing; say so where a developer looks.
        console.warn(`ignored ${channel}: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  };
  withOpen(TERMINAL_CHANNELS.input, (open, data) => {
    const input = parseInput(terminalInputSchema, data, 'data');
    if (input.ok) lab.terminals.write(open.port, input.value);
  });
  withOpen(TERMINAL_CHANNELS.resize, (open, cols, rows) => {
    const size = parseInput(terminalSizeSchema, { cols, rows }, 'size');
    if (size.ok) lab.terminals.resize(open.port, size.value.cols, size.value.rows);
  });
  ipcMain.on(TERMINAL_CHANNELS.close, (event, id: unknown) => {
    const map = openByPage.get(event.sender);
    if (typeof id !== 'number' || !map) return;
    map.get(id)?.close();
    map.delete(id);
  });

  return () => {
    ipcMain.removeHandler(TERMINAL_CHANNELS.open);
    for (const channel of [TERMINAL_CHANNELS.input, TERMINAL_CHANNELS.resize, TERMINAL_CHANNELS.close]) ipcMain.removeAllListeners(channel);
    for (const map of openByPage.values()) for (const open of map.values()) open.close();
    openByPage.clear();
  };
}
