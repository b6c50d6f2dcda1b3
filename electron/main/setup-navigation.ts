import { app, type WebContents } from 'electron';
import { openInBrowser } from './open-in-browser';

/**
 * Every web page the app creates stays on the app's own page: window.open
 * opens no Electron window (http(s) links go to the system browser
 * instead), and navigating away from the app's page is blocked the same
 * way. Registered before any window exists, so it covers them all.
 */
export function setupNavigation(isAppUrl: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents) => guard(contents, isAppUrl));
}

function guard(contents: WebContents, isAppUrl: (url: string) => boolean): void {
  contents.setWindowOpenHandler(({ url }) => {
    openInBrowser(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    openInBrowser(event.url);
  });
}
