import { describe, expect, it } from 'vitest';
import { rendererPage } from '../../../electron/main/renderer-page';

describe('rendererPage', () => {
  it('is the built index.html beside out/main when there is no dev server', () => {
    expect(rendererPage('/opt/lab/out/main', undefined).url).toBe('file:///opt/lab/out/renderer/index.html');
  });

  it('is the dev server electron-vite announces, when there is one', () => {
    expect(rendererPage('/opt/lab/out/main', 'http://localhost:5173').url).toBe('http://localhost:5173/');
  });

  it('takes only the built page itself (any hash or query) as the app, not other files', () => {
    const { isAppUrl } = rendererPage('/opt/lab/out/main', undefined);
    expect(isAppUrl('file:///opt/lab/out/renderer/index.html')).toBe(true);
    expect(isAppUrl('file:///opt/lab/out/renderer/index.html#/backends?x=1')).toBe(true);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('file:///opt/lab/out/renderer/other.html')).toBe(false);
    expect(isAppUrl('http://127.0.0.1:8080/')).toBe(false);
  });

  it('takes the dev server origin as the app, and nothing else', () => {
    const { isAppUrl } = rendererPage('/opt/lab/out/main', 'http://localhost:5173/');
    expect(isAppUrl('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(isAppUrl('http://localhost:5174/')).toBe(false);
    expect(isAppUrl('https://localhost:5173/')).toBe(false);
    expect(isAppUrl('http://127.0.0.1:8080/')).toBe(false);
  });

  it('does not take something that is not a URL', () => {
    expect(rendererPage('/opt/lab/out/main', undefined).isAppUrl('index.html')).toBe(false);
  });
});
