import { describe, expect, it } from 'vitest';
import type { Lab } from '../../../electron/lab/lab';
import { get } from '../../support/http-client';
import { startLab, useLabs } from '../../support/lab-fixture';
import { backendOf } from './cookie-jar';

useLabs();
const BASE = 27000;
const PROXY = 27080;
const whoami = (proxy: number): string => `http://127.0.0.1:${proxy}/whoami`;

/** Twenty pretend clients, each in its own /24: ip_hash hashes the first three octets. */
const CLIENTS = Array.from({ length: 20 }, (_, i) => `10.0.${i}.7`);

/** The backend index (0, 1, 2) each pretend client lands on, checked stable over three requests. */
async function mapping(lab: Lab): Promise<number[]> {
  const url = whoami(lab.proxyPort);
  const ports = lab.snapshot().backends.map((b) => b.port);
  const out: number[] = [];
  for (const client of CLIENTS) {
    const seen = new Set<number>();
    for (let i = 0; i < 3; i++) seen.add(backendOf(await get(url, undefined, { 'x-forwarded-for': client })));
    expect(seen.size, `${client} moved between requests`).toBe(1);
    out.push(ports.indexOf([...seen][0]!));
  }
  return out;
}

describe('ip-hash through the real proxy', () => {
  it('with trustForwardedFor, different X-Forwarded-For clients spread over the backends, each one pinned; without it they are one client', async () => {
    const lab = await startLab({ backends: 3, basePort: BASE, proxyPort: PROXY, algorithm: 'ip-hash' });
    const url = whoami(PROXY);
    // Not trusted: every request comes from 127.0.0.1, whatever the header says.
    const untrusted = new Set<number>();
    for (const client of CLIENTS) untrusted.add(backendOf(await get(url, undefined, { 'x-forwarded-for': client })));
    expect(untrusted.size).toBe(1);

    await lab.setBalancer({ algorithm: 'ip-hash', trustForwardedFor: true });
    expect(lab.snapshot().proxy).toMatchObject({ algorithm: 'ip-hash', trustForwardedFor: true, sticky: false });
    const byClient = await mapping(lab);
    expect(new Set(byClient).size).toBe(3);
    // Only the FIRST address counts: proxies after the client append theirs.
    const first = backendOf(await get(url, undefined, { 'x-forwarded-for': `${CLIENTS[0]}, 192.168.1.1, 172.16.0.1` }));
    expect(lab.snapshot().backends.map((b) => b.port).indexOf(first)).toBe(byClient[0]);
  });

  it('maps each client to the same backend index after the whole lab is shut down and started again', async () => {
    const options = { backends: 3, basePort: BASE + 10, proxyPort: PROXY + 1, algorithm: 'ip-hash', trustForwardedFor: true } as const;
    const first = await startLab(options);
    const before = await mapping(first);
    await first.shutdown();

    const second = await startLab(options);
    expect(second).not.toBe(first);
    expect(await mapping(second)).toEqual(before);
  });
});
