import { app, type BrowserWindow } from 'electron';

/**
 * One app at a time: a second launch would find the lab's ports taken.
 * Returns false in that second instance (which should quit at once); the
 * first one brings its window forward instead.
 */
export function setupSingleInstance(getWindow: () => BrowserWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => {
    const window = getWindow();
    if (window === null || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  return true;
}
