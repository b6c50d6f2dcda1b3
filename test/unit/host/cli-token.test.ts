import { describe, expect, it } from 'vitest';
import { parseCli } from '../../../electron/host/cli-options';

const token = 'a-chosen-token-0123456789';

describe('lb-lab --token and LB_LAB_TOKEN', () => {
  it('takes the token from --token, else from LB_LAB_TOKEN, else leaves it to the host', () => {
    expect(parseCli(['--token', token])).toMatchObject({ ok: true, options: { token } });
    expect(parseCli([], { LB_LAB_TOKEN: token })).toMatchObject({ ok: true, options: { token } });
    expect(parseCli(['--token', token], { LB_LAB_TOKEN: 'the-other-token-0123456789' })).toMatchObject({ ok: true, options: { token } });
    const none = parseCli([]);
    expect(none.ok && none.options.token).toBeUndefined();
  });

  it('refuses a short or URL-unsafe token, naming --token', () => {
    for (const bad of ['', 'short', 'has spaces in it, long enough', 'semi;colon-0123456789', 'x'.repeat(513)]) {
      const parsed = parseCli(['--token', bad]);
      expect(parsed.ok, bad).toBe(false);
      expect(!parsed.ok && !parsed.help && parsed.error, bad).toContain('--token');
    }
    expect(parseCli([], { LB_LAB_TOKEN: 'short' }).ok).toBe(false);
  });
});
