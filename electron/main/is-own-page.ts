import { BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';

/**
 * Whether an IPC message comes from the main frame of the app's own window,
 * showing the app's own page: the only sender any lab handler listens to.
 */
export function ownPageCheck(getWindow: () => BrowserWindow | null, isAppUrl: (url: string) => boolean): (event: IpcMainEvent | IpcMainInvokeEvent) => boolean {
  return (event) => {
    const window = getWindow();
    if (window === null || window.isDestroyed()) return false;
    if (BrowserWindow.fromWebContents(event.sender) !== window) return false;
    const frame = event.senderFrame;
    return frame !== null && frame !== undefined && frame === event.sender.mainFrame && isAppUrl(frame.url);
  };
}
