import { shell } from 'electron';

/**
 * Hand an http(s) URL to the system browser; anything else (file:,
 * javascript:, custom schemes) is refused. Returns whether it was opened.
 */
export function openInBrowser(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const { protocol } = new URL(url);
  if (protocol !== 'http:' && protocol !== 'https:') return false;
  shell.openExternal(url).catch((error: unknown) => console.error(`could not open ${url} in the browser:`, error));
  return true;
}
