import { describe, expect, it } from 'vitest';
import { waitUntil } from '../../../electron/lab/wait-until';
import { startHost, useHost } from '../../support/host-fixture';
import { api } from '../../support/http-client';

useHost();

// Ports 24700-24799 belong to this file.
const UI = 24790;
const BASE_URL = `http://127.0.0.1:${UI}`;

describe('guided scenarios through the control API', () => {
  it('lists the scenarios, refuses bad input by field, and asks before replacing a running lab', async () => {
    const { lab } = await startHost(24700, UI);
    const list = await api(BASE_URL, 'GET', '/api/scenarios');
    expect(list.status).toBe(200);
    expect(list.json.problems).toEqual([]);
    expect(list.json.scenarios.map((s: { id: string }) => s.id)).toContain('docker-django-4-6');

    const before = lab.snapshot().backends.map((b) => [b.port, b.pid]);
    for (const [body, status, field] of [
      [{ id: 'Docker Django' }, 400, 'id'],
      [{ id: 'docker-django-4-6', basePort: 70000 }, 400, 'basePort'],
      [{ id: 'docker-django-4-6', basePort: 65535, replace: true }, 400, 'basePort'],
      [{ id: 'docker-django-4-6', speed: 2 }, 400, 'speed'],
      [{ id: 'no-such-story', replace: true }, 404, 'id'],
      [{ id: 'docker-django-4-6' }, 409, 'replace'],
    ] as const) {
      const reply = await api(BASE_URL, 'POST', '/api/scenario', body);
      expect(reply.status, JSON.stringify(body)).toBe(status);
      expect(reply.json.field, JSON.stringify(body)).toBe(field);
    }
    // Nothing changed: the same processes on the same ports, no scenario.
    expect(lab.snapshot().backends.map((b) => [b.port, b.pid])).toEqual(before);
    expect((await api(BASE_URL, 'GET', '/api/scenario')).json.state).toBe('idle');
    expect((await api(BASE_URL, 'POST', '/api/scenario/do')).status).toBe(409);

    const loaded = await api(BASE_URL, 'POST', '/api/scenario', { id: 'docker-django-4-6', basePort: 24710, replace: true });
    expect(loaded.status).toBe(200);
    expect(loaded.json).toMatchObject({ state: 'active', current: 0, ports: { '8001': 24710, '8002': 24711 } });
    expect(lab.snapshot().backends.map((b) => [b.port, b.weight])).toEqual([[24710, 4], [24711, 6]]);
    expect(lab.snapshot().proxy.scenario).toMatchObject({ id: 'docker-django-4-6', current: 0, state: 'ready' });
  }, 60_000);

  it('does a person’s step for them when asked, reports a check that fails in words, and refuses to move on while a step runs', async () => {
    const { lab } = await startHost(24720, UI);
    await lab.loadScenario({ id: 'docker-django-4-6', basePort: 24730, replace: true });
    // Someone changes the weights before the first step: its exact 4:6 check must fail, and say so with the figures.
    await lab.patchBackend(24730, { weight: 1 });
    await lab.patchBackend(24731, { weight: 1 });
    lab.scenarioDo();
    expect(lab.scenarioStatus().steps[0]!.state).toBe('doing');
    expect(() => lab.scenarioNext()).toThrow(expect.objectContaining({ status: 409, field: 'scenario' }));
    expect(() => lab.scenarioDo()).toThrow(expect.objectContaining({ status: 409 }));
    const first = (await lab.scenarioStepEnded()).steps[0]!;
    expect(first.state).toBe('failed');
    expect(first.checks).toEqual([
      { ok: false, words: '24730 answered 5 of 10 (expected 4)' },
      { ok: false, words: '24731 answered 5 of 10 (expected 6)' },
      { ok: true, words: '0 of 10 request(s) failed' },
    ]);

    // The second step is the person's; "do it for me" stops it the same way.
    lab.scenarioNext();
    expect(lab.scenarioStatus().steps[1]!.state).toBe('waiting');
    const next = await api(BASE_URL, 'POST', '/api/scenario/do');
    expect(next.status).toBe(200);
    expect((await lab.scenarioStepEnded()).steps[1]).toMatchObject({ state: 'passed', action: 'stop 24730' });
    expect(lab.snapshot().backends.find((b) => b.port === 24730)!.status).toBe('stopped');
  }, 60_000);

  it('closing during a hammer step stops the hammer and leaves the lab as it is', async () => {
    const { lab } = await startHost(24740, UI);
    await lab.loadScenario({ id: 'docker-django-4-6', basePort: 24750, replace: true });
    for (let i = 0; i < 4; i++) lab.scenarioNext();
    expect(lab.scenarioStatus().steps[4]!.action).toBe('hammer 100 req/s for 4 s; halfway: stop 24750');
    lab.scenarioDo();
    expect(await waitUntil(() => lab.snapshot().proxy.load.state === 'running', 10_000)).toBe(true);
    const closed = await api(BASE_URL, 'DELETE', '/api/scenario');
    expect(closed.status).toBe(200);
    expect(closed.json.state).toBe('idle');
    expect(lab.snapshot().proxy.load.state).toBe('stopped');
    expect(lab.snapshot().backends.map((b) => b.port)).toEqual([24750, 24751]);
    expect(lab.recentEvents().map((e) => e.message)).toContain('scenario closed: Two servers at 4:6, then stop one');
  }, 60_000);
});
