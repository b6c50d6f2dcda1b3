import { describe, expect, it } from 'vitest';
import { startHost, useHost } from '../../support/host-fixture';
import { get, keepAlive } from '../../support/http-client';
import { bearer } from '../../support/test-token';

useHost();
const BASE = 22700;
const UI = 22790;
const CONTROL = `http://127.0.0.1:${UI}`;

describe('GET /api/backends/:port/output', () => {
  it('returns the backend\'s recent terminal output as plain text, access log included', async () => {
    await startHost(BASE, UI);
    const proxied = await get(`http://127.0.0.1:${BASE + 80}/whoami?from=output-test`);
    expect(proxied.status).toBe(200);
    const answered = Number(proxied.headers['x-lab-backend']);
    // The sample backend batches its access log; ask until the line is there (bounded).
    let reply = await get(`${CONTROL}/api/backends/${answered}/output`, keepAlive, bearer());
    for (let tries = 0; tries < 100 && !reply.body.includes('/whoami?from=output-test'); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      reply = await get(`${CONTROL}/api/backends/${answered}/output`, keepAlive, bearer());
    }
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^text\/plain/);
    const text = reply.body;
    expect(text).toContain('/whoami?from=output-test');
    // Plain text for scripts: no escape sequences survive.
    expect(text.includes('\u001b')).toBe(false);
  });

  it('answers 404 naming the port for a port with no backend', async () => {
    await startHost(BASE, UI);
    const reply = await get(`${CONTROL}/api/backends/${BASE + 50}/output`, keepAlive, bearer());
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.body)).toMatchObject({ field: 'port' });
  });
});
