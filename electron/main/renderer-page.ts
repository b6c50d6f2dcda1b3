import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The page the window shows, and the test for "is this still our page". */
export interface RendererPage {
  url: string;
  /** True for the app's own page: the dev server's origin, or the built index.html itself. */
  isAppUrl(url: string): boolean;
}

/**
 * The renderer's address: electron-vite's dev server (it sets
 * ELECTRON_RENDERER_URL under `npm start`), else the built
 * `out/renderer/index.html` beside `out/main/`.
 */
export function rendererPage(mainDir: string, devServerUrl: string | undefined): RendererPage {
  const url = devServerUrl ? new URL(devServerUrl).href : pathToFileURL(join(mainDir, '../renderer/index.html')).href;
  const home = new URL(url);
  return {
    url,
    isAppUrl(candidate) {
      if (!URL.canParse(candidate)) return false;
      const target = new URL(candidate);
      if (home.protocol === 'file:') return target.protocol === 'file:' && target.pathname === home.pathname;
      return target.origin === home.origin;
    },
  };
}
