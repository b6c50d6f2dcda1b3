import { describe, expect, it } from 'vitest';
import { get } from '../../support/http-client';
import { expectStatus, startLab, statusOf, useLabs } from '../../support/lab-fixture';

useLabs();
const BASE = 22500;
const PROXY = 22580;

const answeredBy = async (path: string): Promise<string> => String((await get(`http://127.0.0.1:${PROXY}${path}`)).headers['x-lab-backend']);

describe('hashing methods through the real proxy', () => {
  it('ip-hash keeps one client on one backend, and hash keeps each URL on one backend and moves only the stopped backend’s URLs', async () => {
    const lab = await startLab({ backends: 3, basePort: BASE, proxyPort: PROXY });
    await lab.setBalancer({ algorithm: 'ip-hash' });
    const byClient = new Set<string>();
    for (let i = 0; i < 20; i++) byClient.add(await answeredBy(`/whoami?i=${i}`));
    expect(byClient.size).toBe(1);

    await lab.setBalancer({ algorithm: 'hash' });
    const paths = 'abcdefghijklmnopqrstuvwxyz'.split('').map((c) => `/${c}`);
    const before = new Map<string, string>();
    for (const path of paths) before.set(path, await answeredBy(path));
    for (const path of paths) expect(await answeredBy(path), path).toBe(before.get(path));
    expect(new Set(before.values()).size).toBe(3);

    const gone = String(BASE + 1);
    await lab.backendAction(BASE + 1, 'stop');
    await expectStatus(lab, () => statusOf(lab, BASE + 1) === 'stopped');
    for (const path of paths) {
      const now = await answeredBy(path);
      if (before.get(path) === gone) expect(now, path).not.toBe(gone);
      else expect(now, `${path} must not move`).toBe(before.get(path));
    }
  });
});
