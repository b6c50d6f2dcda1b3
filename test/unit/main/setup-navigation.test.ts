import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rendererPage } from '../../../electron/main/renderer-page';
import { setupNavigation } from '../../../electron/main/setup-navigation';

const electron = await vi.hoisted(() => import('./fake-electron'));
vi.mock('electron', () => electron);
const { BrowserWindow, shell } = electron;

const page = rendererPage('/app/out/main', undefined);
let contents: InstanceType<typeof BrowserWindow>['webContents'];

beforeEach(async () => {
  electron.resetElectron();
  setupNavigation(page.isAppUrl);
  const window = new BrowserWindow({});
  await window.loadURL(page.url);
  contents = window.webContents;
});
afterEach(() => vi.restoreAllMocks());

describe('setupNavigation', () => {
  it('denies window.open and opens http(s) links in the system browser instead', () => {
    expect(contents.windowOpen('https://nginx.org/en/docs/http/ngx_http_upstream_module.html')).toEqual({ action: 'deny' });
    expect(contents.windowOpen('http://127.0.0.1:8080/')).toEqual({ action: 'deny' });
    expect(shell.openExternal.mock.calls).toEqual([['https://nginx.org/en/docs/http/ngx_http_upstream_module.html'], ['http://127.0.0.1:8080/']]);
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share', page.url, 'not a url'])(
    'denies window.open of %s and does not open it anywhere',
    (url) => {
      expect(contents.windowOpen(url)).toEqual({ action: 'deny' });
      expect(shell.openExternal).not.toHaveBeenCalled();
    },
  );

  it('blocks a navigation away from the app page, and sends an http(s) target to the system browser', () => {
    expect(contents.navigate('http://127.0.0.1:8080/')).toBe(true);
    expect(contents.mainFrame.url).toBe(page.url);
    expect(shell.openExternal).toHaveBeenCalledWith('http://127.0.0.1:8080/');
  });

  it('blocks a navigation to another local file without opening it', () => {
    expect(contents.navigate('file:///etc/passwd')).toBe(true);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('lets the app page navigate within itself', () => {
    expect(contents.navigate(`${page.url}#/log`)).toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('guards every web page the app creates, not only the first window', () => {
    const second = new BrowserWindow({}).webContents;
    expect(second.windowOpen('https://example.com/')).toEqual({ action: 'deny' });
    expect(second.navigate('https://example.com/')).toBe(true);
  });

  it('logs a browser that cannot be opened instead of throwing', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    shell.openExternal.mockRejectedValueOnce(new Error('no browser'));
    expect(contents.windowOpen('https://example.com/')).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(error).toHaveBeenCalledWith('could not open https://example.com/ in the browser:', expect.any(Error)));
  });
});
