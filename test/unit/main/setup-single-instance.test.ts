import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setupSingleInstance } from '../../../electron/main/setup-single-instance';

const electron = await vi.hoisted(() => import('./fake-electron'));
vi.mock('electron', () => electron);
const { BrowserWindow, app, asElectron } = electron;

beforeEach(() => electron.resetElectron());

describe('setupSingleInstance', () => {
  it('lets the first instance run, and brings its window forward when the app is launched again', () => {
    const window = new BrowserWindow({});
    window.minimized = true;
    expect(setupSingleInstance(() => asElectron(window))).toBe(true);
    app.emit('second-instance');
    expect(window.isMinimized()).toBe(false);
    expect(window.focused).toBe(true);
  });

  it('tells a second instance to stop (it would find the lab ports taken)', () => {
    app.requestSingleInstanceLock.mockReturnValue(false);
    expect(setupSingleInstance(() => null)).toBe(false);
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('ignores a second launch while there is no window', () => {
    setupSingleInstance(() => null);
    expect(() => app.emit('second-instance')).not.toThrow();
  });
});
