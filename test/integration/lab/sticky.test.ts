import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../../../electron/shared/types';
import { get } from '../../support/http-client';
import { expectStatus, startLab, statusOf, useLabs } from '../../support/lab-fixture';
import { backendOf, CookieJar, getWithJar } from './cookie-jar';

useLabs();
const BASE = 27400;
const PROXY = 27480;

describe('sticky sessions by cookie (nginx `sticky cookie`, HAProxy `cookie SRV insert`)', () => {
  it('keeps a client on one backend for 100 requests, and moves it (re-setting the cookie) when that backend stops', async () => {
    const lab = await startLab({ backends: 3, basePort: BASE, proxyPort: PROXY });
    await lab.setBalancer({ algorithm: 'round-robin', sticky: true });
    const events: LabEvent[] = [];
    lab.onEvent((event) => events.push(event));
    const url = `http://127.0.0.1:${PROXY}/whoami`;
    const jar = new CookieJar();

    const first = await getWithJar(url, jar);
    const pinned = backendOf(first);
    const setCookie = first.headers['set-cookie']!.find((c) => c.startsWith('lb_lab_srv='))!;
    expect(setCookie).toMatch(new RegExp(`^lb_lab_srv=${pinned}\\.[A-Za-z0-9_-]+; Path=/; HttpOnly; SameSite=Lax$`));
    const clientId = jar.get('lb_lab_srv')!.split('.')[1];

    for (let i = 0; i < 100; i++) {
      const reply = await getWithJar(url, jar);
      expect(backendOf(reply)).toBe(pinned);
      // The cookie already names the right backend: nothing to set again.
      expect(reply.headers['set-cookie']?.some((c) => c.startsWith('lb_lab_srv=')) ?? false).toBe(false);
    }
    // Cookie-less clients are still balanced round-robin.
    const others = new Set<number>();
    for (let i = 0; i < 6; i++) others.add(backendOf(await get(url, false)));
    expect(others.size).toBe(3);
    expect(lab.snapshot().backends.find((b) => b.port === pinned)!.stickyClients).toBe(1);

    await lab.backendAction(pinned, 'stop');
    await expectStatus(lab, () => statusOf(lab, pinned) === 'stopped');
    const moved = await getWithJar(url, jar);
    const now = backendOf(moved);
    expect(moved.status).toBe(200);
    expect(now).not.toBe(pinned);
    expect(jar.get('lb_lab_srv')).toBe(`${now}.${clientId}`);
    for (let i = 0; i < 20; i++) expect(backendOf(await getWithJar(url, jar))).toBe(now);
    const rows = lab.snapshot().backends;
    expect(rows.find((b) => b.port === pinned)!.stickyClients).toBe(0);
    expect(rows.find((b) => b.port === now)!.stickyClients).toBe(1);
    expect(events.map((e) => e.message)).toContain(
      `${pinned} stopped: its in-memory sessions are gone; those visitors start over on another backend (this is why ip_hash / sticky exist, and why real apps keep sessions in a shared store)`,
    );
  });

  it('ignores a cookie it could not have set, and sets no cookie while sticky is off', async () => {
    const lab = await startLab({ backends: 2, basePort: BASE + 10, proxyPort: PROXY + 1, sticky: true });
    const url = `http://127.0.0.1:${PROXY + 1}/whoami`;
    for (const cookie of ['lb_lab_srv=99999.abc', 'lb_lab_srv=garbage', 'xlb_lab_srv=27410.abc', `lb_lab_srv=${BASE + 10}.bad id`]) {
      const reply = await get(url, false, { cookie });
      expect(reply.status).toBe(200);
      expect(reply.headers['set-cookie']?.some((c) => c.startsWith('lb_lab_srv='))).toBe(true);
    }
    await lab.setBalancer({ algorithm: 'round-robin', sticky: false });
    const reply = await get(url, false, { cookie: `lb_lab_srv=${BASE + 10}.abc` });
    expect(reply.headers['set-cookie']?.some((c) => c.startsWith('lb_lab_srv=')) ?? false).toBe(false);
    expect(lab.snapshot().proxy.sticky).toBe(false);
  });
});
