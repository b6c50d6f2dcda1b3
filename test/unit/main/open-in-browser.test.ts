import { beforeEach, describe, expect, it, vi } from 'vitest';
import { openInBrowser } from '../../../electron/main/open-in-browser';

const electron = await vi.hoisted(() => import('./fake-electron'));
vi.mock('electron', () => electron);
const { shell } = electron;

beforeEach(() => electron.resetElectron());

describe('openInBrowser', () => {
  it.each(['http://127.0.0.1:8080/', 'https://nginx.org/', 'HTTPS://EXAMPLE.COM/'])('opens %s in the system browser', (url) => {
    expect(openInBrowser(url)).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith(url);
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'mailto:someone@example.com', 'vscode://file/x', '/relative', ''])('refuses %j', (url) => {
    expect(openInBrowser(url)).toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });
});
