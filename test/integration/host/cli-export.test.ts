import { describe, expect, it } from 'vitest';
import { runExport } from '../../../electron/host/cli-export';
import { startHost, useHost } from '../../support/host-fixture';
import { TEST_TOKEN } from '../../support/test-token';

useHost();
const BASE = 26820;
const UI = 26890;
/** Nothing listens here. */
const NOBODY = 26891;

/** `lb-lab export …argv` with LB_LAB_TOKEN as `env` says: its exit code and what it wrote to stdout and stderr. */
async function exportCli(argv: string[], env: Record<string, string> = { LB_LAB_TOKEN: TEST_TOKEN }): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runExport(argv, env, (text) => (out += text), (text) => (err += text));
  return { code, out, err };
}

describe('lb-lab export against a running lab', () => {
  it.each(['nginx', 'haproxy', 'compose'] as const)('prints the lab’s %s export as GET /api/export answers it', async (kind) => {
    const host = await startHost(BASE, UI);
    // A flag the default lab does not have, so the text printed is this lab's.
    await host.lab.patchBackend(BASE + 1, { backup: true });
    const result = await exportCli([kind, '--ui-port', String(UI)]);
    expect(result).toEqual({ code: 0, out: host.lab.exportSetup(kind), err: '' });
    expect(result.out).toMatch(/backup/);
  });

  it('takes the token from --token as well as from LB_LAB_TOKEN', async () => {
    const host = await startHost(BASE, UI);
    expect(await exportCli(['haproxy', '--ui-port', String(UI), '--token', TEST_TOKEN], {})).toEqual({ code: 0, out: host.lab.exportSetup('haproxy'), err: '' });
  });

  it('without the token says where to find it, and exits 1', async () => {
    await startHost(BASE, UI);
    const result = await exportCli(['nginx', '--ui-port', String(UI)], {});
    expect([result.code, result.out]).toEqual([1, '']);
    expect(result.err).toMatch(/401 .*the lab wants its token: --token T or LB_LAB_TOKEN/);
  });

  it('with no lab on the port says so, and exits 1', async () => {
    const result = await exportCli(['nginx', '--ui-port', String(NOBODY)]);
    expect([result.code, result.out]).toEqual([1, '']);
    expect(result.err).toContain(`no lab answers on http://127.0.0.1:${NOBODY}/api/export/nginx`);
  });

  it.each([
    [['apache'], /give one of nginx, haproxy, compose/],
    [[], /give one of nginx, haproxy, compose/],
    [['nginx', 'haproxy'], /give one of nginx, haproxy, compose/],
    [['nginx', '--ui-port', '0x10'], /--ui-port: /],
    [['nginx', '--port', '1'], /Unknown option '--port'/],
  ])('refuses %j with the usage and exit 2, asking no lab', async (argv, message) => {
    const result = await exportCli(argv);
    expect([result.code, result.out]).toEqual([2, '']);
    expect(result.err).toMatch(message);
  });
});
