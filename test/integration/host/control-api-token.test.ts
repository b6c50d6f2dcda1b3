import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSetCookie } from 'cookie';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { tokenCookieName } from '../../../electron/host/auth-token';
import { Host } from '../../../electron/host/host';
import type { Snapshot } from '../../../electron/shared/types';
import { startHost as startTestHost, useHost } from '../../support/host-fixture';
import { api, get } from '../../support/http-client';
import { bearer, TEST_TOKEN } from '../../support/test-token';

const UI = 27970;
const BASE_URL = `http://127.0.0.1:${UI}`;
const COOKIE = `${tokenCookieName(UI)}=${TEST_TOKEN}`;
const renderer = mkdtempSync(join(tmpdir(), 'lb-lab-renderer-'));
writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>lab</title>');
afterAll(() => rmSync(renderer, { recursive: true, force: true }));
useHost();
const startHost = () => startTestHost(27900, UI, renderer);

/** How a WebSocket upgrade on `path` ends: 'open', or the HTTP status it was refused with. */
function upgrade(path: string, headers: Record<string, string>): Promise<number | 'open'> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${UI}${path}`, { headers });
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.once('error', (error) => reject(error));
  });
}

const state = (snapshot: Snapshot) => snapshot.backends.map((b) => [b.port, b.status, b.weight]);

describe('control API token', () => {
  it('refuses every command without the token or with a wrong one (401, nothing done), and runs it with the right one', async () => {
    const { lab } = await startHost();
    const marker = join(renderer, 'started-27902');
    const before = state(lab.snapshot());
    const commands: [string, string, unknown][] = [
      ['GET', '/api/snapshot', undefined],
      ['GET', '/api/events/recent', undefined],
      ['POST', '/api/backends', { count: 1, command: `touch ${join(renderer, 'started-{port}')}; sleep 30 # {port}` }],
      ['POST', '/api/backends/27900/stop', undefined],
      ['DELETE', '/api/backends/27901', undefined],
      ['PATCH', '/api/backends/27900', { weight: 9 }],
      ['PUT', '/api/balancer', { algorithm: 'least-conn' }],
      ['POST', '/api/stats/reset', undefined],
      ['GET', '/api/no-such-route', undefined],
    ];
    const wrong: [string, Record<string, string>][] = [
      ['no token', {}],
      ['a wrong Bearer token', bearer('lab-wrong-token-0123456789abcde')],
      ['a Bearer prefix of the token', bearer(TEST_TOKEN.slice(0, -1))],
      ['an empty Bearer', { authorization: 'Bearer ' }],
      ['the token as Basic', { authorization: `Basic ${TEST_TOKEN}` }],
      ['a wrong cookie', { cookie: `${tokenCookieName(UI)}=nope` }],
      ['the cookie of a lab on another port', { cookie: `${tokenCookieName(UI + 1)}=${TEST_TOKEN}` }],
      ['the token in the query', {}],
    ];
    for (const [method, path, body] of commands) {
      for (const [how, headers] of wrong) {
        const target = how === 'the token in the query' ? `${path}?token=${TEST_TOKEN}` : path;
        const reply = await api(BASE_URL, method, target, body, headers, null);
        expect(reply.status, `${method} ${path} with ${how}`).toBe(401);
        expect(reply.json.field).toBe('token');
      }
    }
    expect((await get(`${BASE_URL}/api/snapshot`, false)).headers['www-authenticate']).toMatch(/^Bearer/);
    expect(state(lab.snapshot())).toEqual(before);
    expect(lab.snapshot().proxy.algorithm).toBe('round-robin');
    expect(existsSync(marker)).toBe(false);

    expect((await api(BASE_URL, 'GET', '/api/snapshot')).status).toBe(200);
    expect((await api(BASE_URL, 'PATCH', '/api/backends/27900', { weight: 3 }, { cookie: COOKIE }, null)).status).toBe(200);
    expect(lab.snapshot().backends[0]!.weight).toBe(3);
  });

  it('refuses the events socket, and any socket under /api/, without the right token; opens it with a Bearer header or the cookie', async () => {
    await startHost();
    expect(await upgrade('/api/events', {})).toBe(401);
    expect(await upgrade('/api/events', bearer('lab-wrong-token-0123456789abcde'))).toBe(401);
    expect(await upgrade('/api/events', { cookie: `${tokenCookieName(UI)}=nope` })).toBe(401);
    expect(await upgrade(`/api/events?token=${TEST_TOKEN}`, {})).toBe(401);
    expect(await upgrade('/api/backends/27900/terminal', {})).toBe(401);
    expect(await upgrade('/api/events', { ...bearer(), origin: 'http://evil.example' })).toBe(403);
    expect(await upgrade('/api/events', bearer())).toBe('open');
    expect(await upgrade('/api/events', { cookie: COOKIE })).toBe('open');
    // Past the gate a terminal socket opens (and then closes with 4404 when no backend is on that port).
    expect(await upgrade('/api/backends/27900/terminal', bearer())).toBe('open');
    expect(await upgrade('/api/backends/0x6d6c/terminal', bearer())).toBe(400);
    expect(await upgrade('/api/nothing-here', bearer())).toBe(404);
  });

  it('turns the printed ?token= URL into an HttpOnly SameSite=Strict cookie and redirects to the URL without it', async () => {
    const host = await startHost();
    expect(host.control.dashboardUrl).toBe(`${BASE_URL}/?token=${TEST_TOKEN}`);
    const landing = await get(host.control.dashboardUrl, false);
    expect(landing.status).toBe(302);
    expect(landing.headers.location).toBe('/');
    const cookie = parseSetCookie(String(landing.headers['set-cookie']));
    expect(cookie).toMatchObject({ name: tokenCookieName(UI), value: TEST_TOKEN, httpOnly: true, sameSite: 'strict', path: '/' });
    const page = await get(`${BASE_URL}${landing.headers.location}`, false, { cookie: `${cookie.name}=${cookie.value}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>lab</title>');
    expect((await api(BASE_URL, 'GET', '/api/snapshot', undefined, { cookie: `${cookie.name}=${cookie.value}` }, null)).status).toBe(200);

    const deep = await get(`${BASE_URL}/some/page?view=log&token=${TEST_TOKEN}`, false);
    expect([deep.status, deep.headers.location]).toEqual([302, '/some/page?view=log']);
    const wrong = await get(`${BASE_URL}/?token=lab-wrong-token-0123456789abcde`, false);
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    // The dashboard's files need no token: the page loads, and says what to do.
    expect((await get(`${BASE_URL}/`, false)).status).toBe(200);
  });

  it('makes a random token when none is given, different on every start', async () => {
    const tokens: string[] = [];
    // A UI port of its own each time: a pooled connection to a closed host would fail the next request.
    for (const uiPort of [27972, 27973]) {
      const host = new Host({ backends: 0, basePort: 27950, proxyPort: 27981, uiPort, rendererRoot: renderer });
      const base = `http://127.0.0.1:${uiPort}`;
      try {
        await host.start();
        tokens.push(host.control.token);
        expect(host.control.dashboardUrl).toBe(`${base}/?token=${host.control.token}`);
        expect((await api(base, 'GET', '/api/snapshot', undefined, bearer(host.control.token), null)).status).toBe(200);
        expect((await api(base, 'GET', '/api/snapshot')).status).toBe(401);
      } finally {
        await host.shutdown();
      }
    }
    expect(tokens.every((t) => /^[A-Za-z0-9_-]{43}$/.test(t))).toBe(true);
    expect(tokens[0]).not.toBe(tokens[1]);
  });

  it('sends X-Frame-Options DENY and frame-ancestors none on pages, API answers, errors, redirects and refused sockets', async () => {
    await startHost();
    const answers = {
      page: await get(`${BASE_URL}/`, false),
      'missing page (index.html)': await get(`${BASE_URL}/nothing/here`, false),
      'token redirect': await get(`${BASE_URL}/?token=${TEST_TOKEN}`, false),
      'wrong token page': await get(`${BASE_URL}/?token=nope`, false),
      'malformed URI': await get(`${BASE_URL}/%zz`, false),
      'API 200': await get(`${BASE_URL}/api/snapshot`, false, bearer()),
      'API 401': await get(`${BASE_URL}/api/snapshot`, false),
      'API 403': await get(`${BASE_URL}/api/snapshot`, false, { ...bearer(), origin: 'http://evil.example' }),
      'API 404': await get(`${BASE_URL}/api/nothing`, false, bearer()),
      'API 400': await get(`${BASE_URL}/api/backends/%zz`, false, bearer()),
      'API GET on the socket path (404)': await get(`${BASE_URL}/api/events`, false, bearer()),
    };
    for (const [what, reply] of Object.entries(answers)) {
      expect(reply.headers['x-frame-options'], what).toBe('DENY');
      expect(reply.headers['content-security-policy'], what).toBe("frame-ancestors 'none'");
    }
    const refused = await new Promise<Record<string, string | string[] | undefined>>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${UI}/api/events`);
      ws.once('unexpected-response', (_req, res) => {
        resolve(res.headers);
        res.resume();
        ws.terminate();
      });
      ws.once('error', reject);
    });
    expect(refused['x-frame-options']).toBe('DENY');
    expect(refused['content-security-policy']).toBe("frame-ancestors 'none'");
  });
});
