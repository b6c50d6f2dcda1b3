import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withField as changed } from '../../support/with-field';
import { parseSetup, parseSetupJson, SETUP_JSON_SCHEMA_PATH, setupJsonSchema, type LabSetup } from '../../../electron/lab/setup';

const good: LabSetup = {
  version: 1,
  proxy: { port: 8080, algorithm: 'weighted', hashKey: 'path', trustForwardedFor: true, sticky: true, connectTimeoutMs: 1000, readTimeoutMs: 5000, nextUpstream: ['error', 'timeout'], nextUpstreamTries: 2 },
  health: { path: '/health', intervalMs: 2000, rise: 2, fall: 3 },
  backends: [
    { port: 4000, weight: 4, maxFails: 2, failTimeoutMs: 5000, maxConns: 10, slowStartMs: 1000, fault: { latencyMs: 100, jitterMs: 10, errorRate: 0.1, errorStatus: 503, hang: false, resetRate: 0 } },
    { port: 4001, command: 'node app.js {port}', cwd: '/srv/app', env: { NODE_ENV: 'production' }, weight: 6, backup: true, down: false, drain: false },
  ],
};

/** `good` with one field changed. */
const withField = (path: string, value: unknown): unknown => changed(good, path, value);

describe('lab setup files', () => {
  it('accepts a setup that uses every field', () => {
    expect(parseSetup(good)).toEqual({ ok: true, value: good });
  });

  it.each([
    ['version', 2],
    ['proxy.port', 70000],
    ['proxy.algorithm', 'fair'],
    ['proxy.hashKey', '$cookie'],
    ['proxy.trustForwardedFor', 'yes'],
    ['proxy.sticky', 1],
    ['proxy.connectTimeoutMs', 0],
    ['proxy.readTimeoutMs', -1],
    ['proxy.nextUpstream', ['error', 'http_404']],
    ['proxy.nextUpstreamTries', 1.5],
    ['health.path', 'health'],
    ['health.intervalMs', 10],
    ['health.rise', 0],
    ['health.fall', 101],
    ['backends', {}],
    ['backends.0.port', 0],
    ['backends.1.command', 'node app.js'],
    ['backends.1.cwd', ''],
    ['backends.1.env', { 'BAD NAME': 'x' }],
    ['backends.1.weight', 257],
    ['backends.0.backup', 'no'],
    ['backends.0.down', null],
    ['backends.0.drain', 0],
    ['backends.0.maxFails', -1],
    ['backends.0.failTimeoutMs', 'ten'],
    ['backends.0.maxConns', 1e9],
    ['backends.0.slowStartMs', -5],
    ['backends.0.fault.latencyMs', -1],
    ['backends.0.fault.jitterMs', 1.5],
    ['backends.0.fault.errorRate', 2],
    ['backends.0.fault.errorStatus', 99],
    ['backends.0.fault.hang', 'always'],
    ['backends.0.fault.resetRate', -0.1],
    ['backends.0.fault.unreachable', 'yes'],
  ])('refuses a bad %s by naming it', (field, value) => {
    const result = parseSetup(withField(field, value));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.field.startsWith(field), `${result.field}: ${result.error}`).toBe(true);
  });

  it.each([
    ['an unknown top-level field', withField('proxys', {}), 'proxys'],
    ['a misspelt backend field', withField('backends.1.wieght', 3), 'backends.1.wieght'],
    ['an unknown fault', withField('backends.0.fault.loss', 0.5), 'backends.0.fault.loss'],
    ['a port used twice', withField('backends.1.port', 4000), 'backends.1.port'],
    ['a backend on the proxy port', withField('backends.0.port', 8080), 'backends.0.port'],
    ['a backup under ip-hash', withField('proxy.algorithm', 'ip-hash'), 'backends.1.backup'],
  ])('refuses %s by naming the field', (_what, input, field) => {
    const result = parseSetup(input);
    expect(result).toMatchObject({ ok: false, field });
  });

  it('refuses a file that is not JSON as the field setup', () => {
    expect(parseSetupJson('{"version": 1,')).toMatchObject({ ok: false, field: 'setup' });
    expect(parseSetupJson(JSON.stringify(good))).toEqual({ ok: true, value: good });
  });

  it('publishes the same schema in resources/setup.schema.json (UPDATE_SETUP_SCHEMA=1 rewrites it)', () => {
    const file = resolve(import.meta.dirname, '../../..', SETUP_JSON_SCHEMA_PATH);
    if (process.env.UPDATE_SETUP_SCHEMA === '1') writeFileSync(file, setupJsonSchema());
    expect(readFileSync(file, 'utf8'), 'resources/setup.schema.json is stale: run UPDATE_SETUP_SCHEMA=1 npx vitest run test/unit/setup/setup-schema.test.ts').toBe(setupJsonSchema());
  });
});
