import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { setupFromFile, setupFromNginx } from '../../../electron/host/setup-source';

const dir = mkdtempSync(join(tmpdir(), 'lb-lab-setup-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

// A whole nginx.conf with two upstreams, as a site with an API and a web tier has.
const TWO_UPSTREAMS = `events {}
http {
    upstream web {
        server web_1:80;
    }
    upstream api {
        zone api 64k;
        server api_1:8001 weight=3;
        server api_2:8001 weight=5 backup;
    }
    server {
        listen 8081;
        location / { proxy_pass http://web; }
        location /api/ { proxy_pass http://api; }
    }
}
`;

describe('lb-lab --nginx FILE [--upstream NAME]', () => {
  it('asks which upstream when the file has several, naming the line and column, and gives no setup', () => {
    const source = setupFromNginx(file('two.conf', TWO_UPSTREAMS), 4000, 8080);
    expect(source.ok).toBe(false);
    if (!source.ok) expect(source.error).toMatch(new RegExp(`^--nginx ${join(dir, 'two.conf')}: line \\d+, column \\d+: .*choose one`));
  });

  it('takes the upstream --upstream names, saying which server became which port and what the lab does not model', () => {
    const source = setupFromNginx(file('two.conf', TWO_UPSTREAMS), 4000, 8080, 'api');
    expect(source.ok).toBe(true);
    if (!source.ok) return;
    expect(source.setup.backends.map((b) => [b.port, b.weight, b.backup ?? false])).toEqual([
      [4000, 3, false],
      [4001, 5, true],
    ]);
    expect(source.notes).toEqual(['api_1:8001 (line 8) becomes 4000', 'api_2:8001 (line 9) becomes 4001', expect.stringMatching(/^not modelled: line 7: zone/)]);
  });

  it('names an upstream the file does not have', () => {
    const source = setupFromNginx(file('two.conf', TWO_UPSTREAMS), 4000, 8080, 'cache');
    expect(source).toMatchObject({ ok: false, error: expect.stringContaining('cache') });
  });

  it('says when the file is not there', () => {
    expect(setupFromNginx(join(dir, 'missing.conf'), 4000, 8080)).toEqual({ ok: false, error: `--nginx ${join(dir, 'missing.conf')}: no such file` });
  });
});

describe('lb-lab --setup FILE', () => {
  it('reads a setup file, with nothing to note', () => {
    const setup = { version: 1, proxy: { port: 8080, algorithm: 'weighted' }, backends: [{ port: 4000, weight: 4 }, { port: 4001, weight: 6, backup: true }] };
    expect(setupFromFile(file('lab.json', JSON.stringify(setup)))).toEqual({ ok: true, setup, notes: [] });
  });

  it.each([
    ['a bad field', JSON.stringify({ version: 1, proxy: { port: 8080, algorithm: 'fair' }, backends: [] }), 'proxy.algorithm'],
    ['text that is not JSON', '{"version": 1,', 'setup: not JSON'],
  ])('refuses %s, naming the file and the field', (_what, text, field) => {
    const path = file('bad.json', text);
    const source = setupFromFile(path);
    expect(source.ok).toBe(false);
    if (!source.ok) expect(source.error.startsWith(`--setup ${path}: ${field}`)).toBe(true);
  });

  it('says when the file is not there', () => {
    expect(setupFromFile(join(dir, 'missing.json'))).toEqual({ ok: false, error: `--setup ${join(dir, 'missing.json')}: no such file` });
  });
});
