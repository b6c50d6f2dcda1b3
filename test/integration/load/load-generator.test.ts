import { describe, expect, it } from 'vitest';
import { startLab, useLabs } from '../../support/lab-fixture';
import { generator, useGenerators } from './helpers';

useLabs();
useGenerators();
const BASE = 21800;
const PROXY = 21880;

describe('the hammer against a real lab', () => {
  it('sends 200/s for 3 s on schedule, stops by itself, and its counts equal the proxy’s own', async () => {
    const lab = await startLab({ backends: 3, basePort: BASE, proxyPort: PROXY });
    const before = lab.snapshot();
    const hammer = generator();
    const progress: number[] = [];
    hammer.onProgress((p) => progress.push(p.sent));

    hammer.start({ rate: 200, durationS: 3, paths: ['/whoami'] }, { host: '127.0.0.1', port: lab.proxyPort });
    const status = await hammer.whenEnded();

    expect(status.state).toBe('done');
    const planned = 200 * 3;
    expect(Math.abs(status.sent - planned)).toBeLessThanOrEqual(planned * 0.05);
    expect(status.answered).toBe(status.sent);
    expect(status.errors).toEqual({ refused: 0, timeout: 0, reset: 0, http5xx: 0, other: 0 });
    expect(status.result!.requests).toBe(status.answered);

    const after = lab.snapshot();
    expect(after.proxy.requests - before.proxy.requests).toBe(status.answered);
    const proxyHits = Object.fromEntries(
      after.backends.map((b) => [String(b.port), b.hits - (before.backends.find((x) => x.port === b.port)?.hits ?? 0)]),
    );
    expect(status.result!.byBackend).toEqual(proxyHits);
    // Round-robin over three: every backend took a share.
    expect(Object.keys(status.result!.byBackend)).toHaveLength(3);
    // Progress came in while it ran, not per request.
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.length).toBeLessThan(status.sent);
  });
});
