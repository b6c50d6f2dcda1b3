import { describe, expect, it } from 'vitest';
import { get, hammer } from '../../support/http-client';
import { expectStatus, startLab, statusOf, useLabs } from '../../support/lab-fixture';
import { backendOf } from './cookie-jar';

useLabs();
const BASE = 27100;
const PROXY = 27180;

describe('backup servers (nginx `backup`) with real processes', () => {
  it('takes traffic only when every primary is down, and lets go of it as soon as one primary is back', async () => {
    const lab = await startLab({ backends: 3, basePort: BASE, proxyPort: PROXY, backups: 1 });
    const [a, b, backup] = lab.snapshot().backends.map((row) => row.port) as [number, number, number];
    expect(lab.snapshot().backends.map((row) => row.backup)).toEqual([false, false, true]);
    // A standing-by backup is not in rotation: no new request would go to it.
    expect(lab.snapshot().backends.map((row) => row.inRotation)).toEqual([true, true, false]);
    const url = `http://127.0.0.1:${PROXY}/whoami`;

    const primaries = new Set<number>();
    for (let i = 0; i < 20; i++) primaries.add(backendOf(await get(url)));
    expect([...primaries].sort()).toEqual([a, b]);

    await lab.backendAction(a, 'kill');
    for (let i = 0; i < 10; i++) expect(backendOf(await get(url))).toBe(b);
    await lab.backendAction(b, 'kill');
    expect(lab.snapshot().backends.find((row) => row.port === backup)!.inRotation).toBe(true);
    for (let i = 0; i < 10; i++) {
      const reply = await get(url);
      expect(reply.status).toBe(200);
      expect(backendOf(reply)).toBe(backup);
    }

    await lab.backendAction(a, 'start');
    await expectStatus(lab, () => statusOf(lab, a) === 'up');
    const load = await hammer(url, 4, new Promise((resolve) => setTimeout(resolve, 500)));
    expect(load.failed).toEqual([]);
    expect([...load.byBackend.keys()]).toEqual([String(a)]);
    expect(lab.snapshot().backends.find((row) => row.port === backup)!.inRotation).toBe(false);
  });

  it('refuses backup with ip-hash, hash or random-two (nginx forbids it) with a 409 that changes nothing', async () => {
    const lab = await startLab({ backends: 2, basePort: BASE + 10, proxyPort: PROXY + 1, backups: 1 });
    for (const algorithm of ['ip-hash', 'hash', 'random-two'] as const) {
      await expect(lab.setBalancer({ algorithm })).rejects.toMatchObject({ status: 409, field: 'algorithm', message: expect.stringContaining('cannot be used along with the hash, ip_hash, and random') });
    }
    expect(lab.snapshot().proxy.algorithm).toBe('round-robin');

    await lab.patchBackend(BASE + 11, { backup: false });
    await lab.setBalancer({ algorithm: 'ip-hash' });
    const before = lab.snapshot().backends.map((row) => [row.backup, row.weight]);
    await expect(lab.patchBackend(BASE + 10, { backup: true, weight: 5 })).rejects.toMatchObject({ status: 409, field: 'backup', message: expect.stringContaining('ip_hash') });
    expect(lab.snapshot().backends.map((row) => [row.backup, row.weight])).toEqual(before);
  });
});
