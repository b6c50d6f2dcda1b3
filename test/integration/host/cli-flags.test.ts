import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../electron/shared/types';
import { runCli, untilRunning, useCli } from '../../support/built-cli';
import { api } from '../../support/http-client';

useCli();

describe('lb-lab flags for methods, server parameters and health checks', () => {
  it('refuses a bad value of each new flag with a message naming it and exit code 2', async () => {
    for (const [args, named] of [
      [['--hash-key', 'cookie'], '--hash-key'],
      [['--backup', '3', '--backends', '3'], '--backup'],
      [['--backup', 'two'], '--backup'],
      [['--backup', '1', '--algorithm', 'ip-hash'], 'nginx'],
      [['--max-fails', '-1'], '--max-fails'],
      [['--fail-timeout', 'soon'], '--fail-timeout'],
      [['--max-conns', '1.5'], '--max-conns'],
      [['--slow-start', '-5'], '--slow-start'],
      [['--health-path', 'health'], '--health-path'],
      [['--health-path', '/health', '--health-interval', '5'], '--health-interval'],
      [['--health-rise', '2'], '--health-path'],
      [['--health-path', '/health', '--health-fall', '0'], '--health-fall'],
      [['--sticky=yes'], '--sticky'],
    ] as const) {
      const run = runCli([...args, '--base-port', '27800', '--ui-port', '27870', '--proxy-port', '27880']);
      const { code } = await run.exited;
      expect(code, args.join(' ')).toBe(2);
      expect(run.output(), args.join(' ')).toContain(named);
    }
  });

  it('starts a lab with the flags applied, visible in the snapshot', async () => {
    const run = runCli([
      ...['--backends', '3', '--base-port', '27810', '--proxy-port', '27881', '--ui-port', '27871'],
      ...['--algorithm', 'least-conn', '--hash-key', 'path', '--trust-forwarded-for', '--sticky', '--backup', '1'],
      ...['--max-fails', '2', '--fail-timeout', '3000', '--max-conns', '9', '--slow-start', '1500'],
      ...['--health-path', '/health', '--health-interval', '500', '--health-fall', '2'],
    ]);
    await untilRunning(run);
    expect(run.output()).toContain('running (least-conn, client from X-Forwarded-For, sticky cookie, 1 backup(s), health checks on /health)');
    const snapshot = (await api('http://127.0.0.1:27871', 'GET', '/api/snapshot')).json as Snapshot;
    expect(snapshot.proxy).toMatchObject({
      algorithm: 'least-conn',
      hashKey: 'path',
      trustForwardedFor: true,
      sticky: true,
      health: { enabled: true, path: '/health', intervalMs: 500, rise: 2, fall: 2 },
    });
    expect(snapshot.backends.map((b) => b.backup)).toEqual([false, false, true]);
    for (const b of snapshot.backends) expect(b).toMatchObject({ maxFails: 2, failTimeoutMs: 3000, maxConns: 9, slowStartMs: 1500 });
    run.child.kill('SIGINT');
    expect((await run.exited).code).toBe(130);
  });
});
