import { describe, expect, it } from 'vitest';
import type { LabSettings } from '../../../electron/shared/settings';
import { labOptionsFrom } from '../../../electron/main/lab-options';
import { startLab, useLabs } from '../../support/lab-fixture';

useLabs();

describe('labOptionsFrom', () => {
  it('asks for one backend per saved weight, with the saved algorithm, ports and command', () => {
    const settings: LabSettings = { algorithm: 'least-conn', basePort: 5000, proxyPort: 9090, weights: [3, 5, 2], command: 'flask run -p {port}' };
    expect(labOptionsFrom(settings)).toEqual({ backends: 3, weights: [3, 5, 2], algorithm: 'least-conn', basePort: 5000, proxyPort: 9090, command: 'flask run -p {port}' });
  });

  it('leaves the command out when the session ran the sample backend', () => {
    const options = labOptionsFrom({ algorithm: 'weighted', basePort: 4000, proxyPort: 8080, weights: [] });
    expect(options).toEqual({ backends: 0, weights: [], algorithm: 'weighted', basePort: 4000, proxyPort: 8080 });
    expect('command' in options).toBe(false);
  });

  it('gives a lab that reports the same settings back once it is running', async () => {
    const settings: LabSettings = { algorithm: 'round-robin', basePort: 25210, proxyPort: 25200, weights: [2, 0] };
    const lab = await startLab(labOptionsFrom(settings));
    expect(lab.settings()).toEqual(settings);
  });

  it('restores the balancer options and health checks a session had on', async () => {
    const settings: LabSettings = {
      algorithm: 'hash',
      basePort: 25220,
      proxyPort: 25201,
      weights: [1, 1],
      hashKey: 'path',
      trustForwardedFor: true,
      sticky: true,
      health: { path: '/health', intervalMs: 500, rise: 2, fall: 3 },
    };
    const lab = await startLab(labOptionsFrom(settings));
    expect(lab.settings()).toEqual(settings);
    expect(lab.snapshot().proxy).toMatchObject({ hashKey: 'path', trustForwardedFor: true, sticky: true, health: { enabled: true, path: '/health' } });
  });
});
