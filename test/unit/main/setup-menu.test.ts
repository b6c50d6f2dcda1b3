import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Lab } from '../../../electron/lab/lab';
import { MENU_LABELS, setupMenu } from '../../../electron/main/setup-menu';

const electron = await vi.hoisted(() => import('./fake-electron'));
vi.mock('electron', () => electron);
const { Menu, menuItem, shell, topMenu } = electron;

beforeEach(() => electron.resetElectron());

/** Never started: only its proxy URL is read. */
const lab = new Lab({ backends: 0, proxyPort: 25400 });

function setup(running = true, startLab = vi.fn(async () => true)): () => void {
  return setupMenu({ proxyUrl: () => lab.proxyUrl, labRunning: () => running, startLab });
}

const roles = (label: string): (string | undefined)[] => (topMenu(label)?.submenu ?? []).map((item) => item.role).filter(Boolean);

describe('setupMenu', () => {
  it('sets the application menu: File > Quit', () => {
    setup();
    expect(Menu.application).not.toBeNull();
    expect(roles('File')).toEqual(['quit']);
  });

  it('has View > Reload, Toggle DevTools and the zoom items', () => {
    setup();
    expect(roles('View')).toEqual(expect.arrayContaining(['reload', 'toggleDevTools', 'resetZoom', 'zoomIn', 'zoomOut']));
  });

  it('has an Edit menu, so copy and paste work in the form fields on macOS', () => {
    setup();
    expect(topMenu('editMenu')).toBeDefined();
  });

  it('Lab > Open Proxy URL in Browser opens the lab proxy URL in the system browser', () => {
    setup();
    const item = menuItem(MENU_LABELS.openProxy)!;
    expect(item.enabled).toBe(true);
    item.click!();
    expect(shell.openExternal).toHaveBeenCalledWith('http://127.0.0.1:25400/');
  });

  it('offers to retry only while the lab is not running, and rebuilds the menu once a retry worked', async () => {
    let running = false;
    const startLab = vi.fn(async () => (running = true));
    setupMenu({ proxyUrl: () => lab.proxyUrl, labRunning: () => running, startLab });
    expect(menuItem(MENU_LABELS.retryStart)!.enabled).toBe(true);
    expect(menuItem(MENU_LABELS.openProxy)!.enabled).toBe(false);

    menuItem(MENU_LABELS.retryStart)!.click!();
    expect(startLab).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(menuItem(MENU_LABELS.retryStart)!.enabled).toBe(false));
    expect(menuItem(MENU_LABELS.openProxy)!.enabled).toBe(true);
  });

  it('returns the function that rebuilds it for the lab state of the moment', () => {
    let running = false;
    const refresh = setupMenu({ proxyUrl: () => lab.proxyUrl, labRunning: () => running, startLab: async () => true });
    running = true;
    refresh();
    expect(menuItem(MENU_LABELS.retryStart)!.enabled).toBe(false);
  });
});
