import type { BrowserWindow } from 'electron';
import { STREAMS } from '../shared/command-table';
import type { Lab } from '../lab/lab';

/**
 * Push the lab's output to the window: snapshots on the lab's own cadence
 * (never per request), events as they happen. Each page load (first load,
 * reload) gets the lab's recent events once, then the live ones: it is
 * subscribed at 'dom-ready', when the preload is already listening. Sends
 * check the window still exists; everything is unsubscribed on 'closed'.
 */
export function forwardLabToWindow(lab: Lab, window: BrowserWindow): void {
  const contents = window.webContents;
  const send = (channel: string, payload: unknown): void => {
    if (!window.isDestroyed() && !contents.isDestroyed()) contents.send(channel, payload);
  };
  const offSnapshot = lab.onSnapshot((snapshot) => send(STREAMS.onSnapshot.channel, snapshot));
  let offEvents: (() => void) | null = null;
  contents.on('dom-ready', () => {
    offEvents?.();
    offEvents = lab.onEvent((event) => send(STREAMS.onEvent.channel, event));
  });
  window.once('closed', () => {
    offSnapshot();
    offEvents?.();
    offEvents = null;
  });
}
