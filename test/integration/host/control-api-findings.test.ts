import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../electron/shared/types';
import { startHost as startTestHost, useHost } from '../../support/host-fixture';
import { api, get } from '../../support/http-client';

const UI = 27971;
const BASE_URL = `http://127.0.0.1:${UI}`;
useHost();
const startHost = () => startTestHost(27910, UI);

/** What a refused command must leave as it was. */
const state = (snapshot: Snapshot) => ({
  algorithm: snapshot.proxy.algorithm,
  backends: snapshot.backends.map((b) => ({ port: b.port, status: b.status, pid: b.pid, weight: b.weight, backup: b.backup, restarts: b.restarts })),
});

type Case = [method: string, path: string, body: unknown, status: number, field: string];

async function expectRefused(cases: Case[]): Promise<void> {
  for (const [method, path, body, status, field] of cases) {
    const reply = await api(BASE_URL, method, path, body);
    const what = `${method} ${path} ${JSON.stringify(body) ?? ''}`;
    expect(reply.status, what).toBe(status);
    expect(reply.json.field, what).toBe(field);
    expect(typeof reply.json.error, what).toBe('string');
  }
}

describe('control API: the smaller findings of the attack run', () => {
  it('answers a malformed URI with 400 naming the path, for the API and for the dashboard’s files alike', async () => {
    const { lab } = await startHost();
    const before = state(lab.snapshot());
    await expectRefused([
      ['GET', '/api/backends/%zz', undefined, 400, 'path'],
      ['PATCH', '/api/backends/%zz', { weight: 2 }, 400, 'path'],
      ['POST', '/api/backends/27910/%E0%A4%A', undefined, 400, 'path'],
      ['DELETE', '/api/%', undefined, 400, 'path'],
    ]);
    for (const path of ['/%zz', '/assets/%E0%A4%A', '/%']) {
      const reply = await get(`${BASE_URL}${path}`, false);
      expect(reply.status, path).toBe(400);
      expect(JSON.parse(reply.body), path).toMatchObject({ field: 'path' });
    }
    expect(state(lab.snapshot())).toEqual(before);
  });

  it('refuses a port range past 65535 with 400 naming count, and starts nothing', async () => {
    const { lab } = await startHost();
    const before = state(lab.snapshot());
    await expectRefused([
      ['POST', '/api/backends', { basePort: 65535, count: 2 }, 400, 'count'],
      ['POST', '/api/backends', { basePort: 65530, count: 7 }, 400, 'count'],
      ['POST', '/api/backends', { basePort: 65536 }, 400, 'basePort'],
      ['POST', '/api/backends', { basePort: 0, count: 1 }, 400, 'basePort'],
    ]);
    expect(state(lab.snapshot())).toEqual(before);
  });

  it('takes a port in a path only in plain decimal: hex, exponent, leading zero, sign or spaces are 400 port and touch nothing', async () => {
    const { lab } = await startHost();
    const before = state(lab.snapshot());
    // Each spelling means 27910 (or 1000) to Number(); none may reach that backend.
    const spellings = ['0x6d06', '2.791e4', '027910', '27910.0', '27910e0', '%2027910', '27910%20', '+27910', '1e3', '0b110110100000110', ''];
    const cases: Case[] = spellings.flatMap((p): Case[] => [
      ['POST', `/api/backends/${p}/stop`, undefined, 400, 'port'],
      ['POST', `/api/backends/${p}/kill`, undefined, 400, 'port'],
      ['PATCH', `/api/backends/${p}`, { weight: 7 }, 400, 'port'],
      ['DELETE', `/api/backends/${p}`, undefined, 400, 'port'],
    ]);
    await expectRefused(cases);
    expect(state(lab.snapshot())).toEqual(before);
    // The plain spelling still works.
    expect((await api(BASE_URL, 'PATCH', '/api/backends/27910', { weight: 7 })).status).toBe(200);
    expect(lab.snapshot().backends[0]!.weight).toBe(7);
  });

  it('refuses to make the last primary a backup with 409, as nginx does ("no servers in upstream")', async () => {
    const { lab } = await startHost();
    expect((await api(BASE_URL, 'PATCH', '/api/backends/27911', { backup: true })).status).toBe(200);
    const before = state(lab.snapshot());
    // nginx 1.22.1, `nginx -t` on an upstream whose every server is `backup`:
    // [emerg] no servers in upstream "lab" in nginx.conf:7
    const refused = await api(BASE_URL, 'PATCH', '/api/backends/27910', { backup: true, weight: 5 });
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ field: 'backup', error: expect.stringContaining('no servers in upstream') });
    expect(state(lab.snapshot())).toEqual(before);
    // Swapping roles is fine: a new primary first, then the old one may become a backup.
    expect((await api(BASE_URL, 'PATCH', '/api/backends/27911', { backup: false })).status).toBe(200);
    expect((await api(BASE_URL, 'PATCH', '/api/backends/27910', { backup: true })).status).toBe(200);
    expect(lab.snapshot().backends.map((b) => b.backup)).toEqual([true, false]);
  });

  it('neutralises control characters of a command and its output in the event log', async () => {
    const { lab } = await startHost();
    const command = "printf 'boom\\007\\033c\\n'; exit 3 # \u001b]0;pwned\u0007 {port}";
    // Its status is another finding's business (a start that fails); here only the log lines count.
    await api(BASE_URL, 'POST', '/api/backends', { count: 1, basePort: 27912, command });
    const recent = (await api(BASE_URL, 'GET', '/api/events/recent')).json as { port: number | null; message: string }[];
    const lines = recent.filter((e) => e.port === 27912).map((e) => e.message);
    expect(lines.some((m) => m.includes('starting: ') && m.includes('\\x1b]0;pwned\\x07'))).toBe(true);
    expect(lines.some((m) => m.includes('failed to start') && m.includes('boom\\x07\\x1bc'))).toBe(true);
    // eslint-disable-next-line no-control-regex
    for (const line of lines) expect(line, line).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(lab.snapshot().backends.find((b) => b.port === 27912)?.status).toBe('failed');
  });
});
