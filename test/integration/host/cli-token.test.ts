import { describe, expect, it } from 'vitest';
import { api } from '../../support/http-client';
import { printedDashboardUrl, runCli, untilRunning, useCli } from '../../support/built-cli';
import { bearer } from '../../support/test-token';

useCli();

describe('lb-lab and its control API token', () => {
  it('prints the dashboard URL with a fresh random token, which the API then requires', async () => {
    const run = runCli(['--backends', '0', '--base-port', '27930', '--proxy-port', '27994', '--ui-port', '27974'], null);
    await untilRunning(run);
    const url = printedDashboardUrl(run);
    const token = url.searchParams.get('token')!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(run.output()).toContain(`Authorization: Bearer ${token}`);
    const base = url.origin;
    expect((await api(base, 'GET', '/api/snapshot', undefined, {}, null)).status).toBe(401);
    expect((await api(base, 'GET', '/api/snapshot')).status).toBe(401);
    expect((await api(base, 'GET', '/api/snapshot', undefined, bearer(token), null)).status).toBe(200);
    run.child.kill('SIGINT');
    expect((await run.exited).code).toBe(130);
  });

  it('takes the token from --token or LB_LAB_TOKEN, and refuses a weak one with exit code 2', async () => {
    const chosen = 'chosen-by-flag-0123456789';
    const run = runCli(['--backends', '0', '--base-port', '27940', '--proxy-port', '27995', '--ui-port', '27975', '--token', chosen]);
    await untilRunning(run);
    expect(printedDashboardUrl(run).searchParams.get('token')).toBe(chosen);
    expect((await api('http://127.0.0.1:27975', 'GET', '/api/snapshot', undefined, bearer(chosen), null)).status).toBe(200);
    run.child.kill('SIGINT');
    await run.exited;

    for (const [args, token] of [
      [['--token', 'short'], null],
      [[], 'short-env'],
      [['--token', 'no spaces allowed in a token'], null],
    ] as const) {
      const bad = runCli([...args, '--backends', '0', '--base-port', '27960', '--proxy-port', '27997', '--ui-port', '27977'], token);
      expect((await bad.exited).code, args.join(' ') || String(token)).toBe(2);
      expect(bad.output()).toContain('--token');
    }
  });

  it('prints a backend’s control characters as visible escapes, and its output lines indented under the event', async () => {
    const osc = '\u001b]0;pwned\u0007';
    const run = runCli(['--backends', '1', '--base-port', '27950', '--proxy-port', '27996', '--ui-port', '27976', '--command', `printf 'boom\\007\\033c\\nline2\\n'; exit 3 # ${osc} {port}`]);
    await untilRunning(run);
    run.child.kill('SIGINT');
    await run.exited;
    const out = run.output();
    expect(out).toContain('starting: ');
    expect(out).toContain('\\x1b]0;pwned\\x07');
    expect(out).toContain('boom\\x07\\x1bc');
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    // Every line of the output tail is indented: none passes for an event (which starts with the time).
    const tail = out.split('\n').filter((line) => line.trim() === 'line2');
    expect(tail).toHaveLength(1);
    expect(tail[0]).toMatch(/^ +line2$/);
  });
});
