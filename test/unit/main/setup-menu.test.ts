import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Lab } from '../../../electron/lab/lab';
import { MENU_LABELS, setupMenu } from '../../../electron/main/setup-menu';

const electron = await vi.hoisted(() => import('./fake-electron'));
vi.mock('electron', () => electron);
const { Menu, menuItem, shell, topMenu } = electron;

beforeEach(() => electron.resetElectron());

/** Never started: only its proxy URL is read. */
const lab = new Lab({ backends: 0, proxyPort: 23040 });

/** What the File menu's items were asked to do. */
const file = { openSetup: vi.fn(async () => undefined), saveSetup: vi.fn(async () => undefined), exportSetup: vi.fn(async (_kind: string) => undefined) };

function setup(running = true, startLab = vi.fn(async () => true)): () => void {
  return setupMenu({ proxyUrl: () => lab.proxyUrl, labRunning: () => running, startLab, file });
}

beforeEach(() => Object.values(file).forEach((action) => action.mockClear()));

const roles = (label: string): (string | undefined)[] => (topMenu(label)?.submenu ?? []).map((item) => item.role).filter(Boolean);

describe('setupMenu', () => {
  it('sets the application menu: File > Open Setup…, Save Setup…, Export > nginx.conf… / haproxy.cfg… / docker-compose…, Quit', () => {
    setup();
    expect(Menu.application).not.toBeNull();
    const items = topMenu('File')!.submenu!;
    expect(items.map((item) => item.label ?? item.role ?? item.type)).toEqual([MENU_LABELS.openSetup, MENU_LABELS.saveSetup, MENU_LABELS.export, 'separator', 'quit']);
    expect(menuItem(MENU_LABELS.export)!.submenu!.map((item) => item.label)).toEqual([MENU_LABELS.exportNginx, MENU_LABELS.exportHaproxy, MENU_LABELS.exportCompose]);
    expect(menuItem(MENU_LABELS.openSetup)!.accelerator).toBe('CmdOrCtrl+O');
    expect(menuItem(MENU_LABELS.saveSetup)!.accelerator).toBe('CmdOrCtrl+S');
  });

  it('each File item runs its action: open, save, and each export by its kind', () => {
    setup();
    menuItem(MENU_LABELS.openSetup)!.click!();
    menuItem(MENU_LABELS.saveSetup)!.click!();
    menuItem(MENU_LABELS.exportNginx)!.click!();
    menuItem(MENU_LABELS.exportHaproxy)!.click!();
    menuItem(MENU_LABELS.exportCompose)!.click!();
    expect(file.openSetup).toHaveBeenCalledTimes(1);
    expect(file.saveSetup).toHaveBeenCalledTimes(1);
    expect(file.exportSetup.mock.calls).toEqual([['nginx'], ['haproxy'], ['compose']]);
  });

  it('offers Open, Save and Export only while the lab runs', () => {
    setup(false);
    for (const label of [MENU_LABELS.openSetup, MENU_LABELS.saveSetup, MENU_LABELS.export]) expect(menuItem(label)!.enabled).toBe(false);
    setup(true);
    for (const label of [MENU_LABELS.openSetup, MENU_LABELS.saveSetup, MENU_LABELS.export]) expect(menuItem(label)!.enabled).toBe(true);
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
    expect(shell.openExternal).toHaveBeenCalledWith('http://127.0.0.1:23040/');
  });

  it('offers to retry only while the lab is not running, and rebuilds the menu once a retry worked', async () => {
    let running = false;
    const startLab = vi.fn(async () => (running = true));
    setupMenu({ proxyUrl: () => lab.proxyUrl, labRunning: () => running, startLab, file });
    expect(menuItem(MENU_LABELS.retryStart)!.enabled).toBe(true);
    expect(menuItem(MENU_LABELS.openProxy)!.enabled).toBe(false);

    menuItem(MENU_LABELS.retryStart)!.click!();
    expect(startLab).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(menuItem(MENU_LABELS.retryStart)!.enabled).toBe(false));
    expect(menuItem(MENU_LABELS.openProxy)!.enabled).toBe(true);
  });

  it('returns the function that rebuilds it for the lab state of the moment', () => {
    let running = false;
    const refresh = setupMenu({ proxyUrl: () => lab.proxyUrl, labRunning: () => running, startLab: async () => true, file });
    running = true;
    refresh();
    expect(menuItem(MENU_LABELS.retryStart)!.enabled).toBe(false);
  });
});
