import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../electron/shared/types';
import { runCli, untilRunning, useCli } from '../../support/built-cli';
import { api } from '../../support/http-client';

useCli();
const BASE = 22900;
const UI = 22990;
const PROXY = 22980;
const CONTROL = `http://127.0.0.1:${UI}`;
const dir = mkdtempSync(join(tmpdir(), 'lb-lab-setup-'));

describe('lb-lab --setup, --nginx and export', () => {
  it('starts a whole lab from a setup file, flags included, and exports it for nginx', async () => {
    const file = join(dir, 'lab.json');
    const setup = {
      version: 1,
      proxy: { port: PROXY, algorithm: 'weighted', readTimeoutMs: 3000 },
      backends: [
        { port: BASE, weight: 3 },
        { port: BASE + 1, weight: 5, maxFails: 2 },
        { port: BASE + 2, weight: 2, backup: true },
      ],
    };
    writeFileSync(file, JSON.stringify(setup));
    const run = runCli(['--setup', file, '--ui-port', String(UI)]);
    await untilRunning(run);
    const snapshot = (await api(CONTROL, 'GET', '/api/snapshot')).json as Snapshot;
    expect(snapshot.proxy).toMatchObject({ port: PROXY, algorithm: 'weighted', readTimeoutMs: 3000 });
    expect(snapshot.backends.map((b) => [b.port, b.weight, b.backup, b.maxFails, b.status])).toEqual([
      [BASE, 3, false, 1, 'up'],
      [BASE + 1, 5, false, 2, 'up'],
      [BASE + 2, 2, true, 1, 'up'],
    ]);
    const exported = runCli(['export', 'nginx', '--ui-port', String(UI)]);
    expect((await exported.exited).code).toBe(0);
    expect(exported.output()).toContain(`server 127.0.0.1:${BASE + 2} weight=2 max_fails=1 fail_timeout=10s backup;`);
    expect(exported.output()).toContain('proxy_read_timeout 3s;');
    run.child.kill('SIGINT');
    await run.exited;
  });

  it('refuses a bad setup file naming the field, and starts nothing', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ version: 1, proxy: { port: PROXY, algorithm: 'weighted' }, backends: [{ port: BASE, weight: 999 }] }));
    const run = runCli(['--setup', file, '--ui-port', String(UI)]);
    expect((await run.exited).code).toBe(2);
    expect(run.output()).toMatch(/backends\.0\.weight/);
  });

  it('starts from a tutorial\'s upstream block with --nginx, saying which server became which port', async () => {
    const file = join(dir, 'up.conf');
    writeFileSync(file, 'upstream demo_api {\n  server demo_api_1:8001 weight=4;\n  server demo_api_2:8001 weight=6;\n}\n');
    const run = runCli(['--nginx', file, '--base-port', String(BASE), '--proxy-port', String(PROXY), '--ui-port', String(UI)]);
    await untilRunning(run);
    expect(run.output()).toContain(`demo_api_1:8001 (line 2) becomes ${BASE}`);
    const snapshot = (await api(CONTROL, 'GET', '/api/snapshot')).json as Snapshot;
    expect(snapshot.backends.map((b) => [b.port, b.weight])).toEqual([
      [BASE, 4],
      [BASE + 1, 6],
    ]);
    run.child.kill('SIGINT');
    await run.exited;
  });

  it('names the line and column of an nginx parse error, and starts nothing', async () => {
    const file = join(dir, 'broken.conf');
    writeFileSync(file, 'upstream a {\n  server x:1 weight=4\n');
    const run = runCli(['--nginx', file, '--ui-port', String(UI)]);
    expect((await run.exited).code).toBe(2);
    expect(run.output()).toMatch(/line \d+, column \d+/);
  });
});
