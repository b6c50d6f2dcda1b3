import { describe, expect, it } from 'vitest';
import { parseSetup, setupJsonSchema, type LabSetup } from '../../../electron/lab/setup';

/** A node of the published JSON Schema, as much of it as this walk reads. */
interface SchemaNode {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: SchemaNode | boolean;
  propertyNames?: SchemaNode;
}

/** One bad field: where it is, what it is set to, and the field the refusal must name. */
interface BadField {
  path: string[];
  value: unknown;
  why: string;
  named: string;
}

/** A valid setup with every object and list of the schema present, so any one field can be spoilt on its own. */
const VALID: LabSetup = {
  version: 1,
  proxy: { port: 8080, algorithm: 'weighted', hashKey: 'path', trustForwardedFor: true, sticky: true, connectTimeoutMs: 1000, readTimeoutMs: 5000, nextUpstream: ['error', 'timeout'], nextUpstreamTries: 2 },
  health: { path: '/health', intervalMs: 2000, rise: 2, fall: 3 },
  backends: [
    { port: 4000, command: 'node app.js {port}', cwd: '/srv/app', env: { NODE_ENV: 'production' }, weight: 4, backup: false, down: false, drain: false, maxFails: 2, failTimeoutMs: 5000, maxConns: 10, slowStartMs: 1000, fault: { latencyMs: 100, jitterMs: 10 } },
    { port: 4001, weight: 6 },
  ],
};

/** Values that break what `node` says of a field: its type, its list, its bounds, its length, its pattern. */
function badValues(node: SchemaNode): [why: string, value: unknown][] {
  const out: [string, unknown][] = [];
  if (node.const !== undefined) out.push(['another value than its only one', typeof node.const === 'number' ? node.const + 1 : 'other']);
  if (node.enum) out.push(['a value not in its list', 'no-such-value']);
  if (node.type === 'integer') out.push(['a fraction', 1.5]);
  if (node.type === 'integer' || node.type === 'number') {
    out.push(['text', 'ten']);
    if (node.minimum !== undefined) out.push(['below its minimum', node.minimum - 1]);
    if (node.maximum !== undefined) out.push(['above its maximum', node.maximum + 1]);
  }
  if (node.type === 'boolean') out.push(['text', 'yes'], ['null', null]);
  if (node.type === 'string') {
    out.push(['a number', 42]);
    if (node.minLength !== undefined && node.minLength > 0) out.push(['empty', '']);
    if (node.maxLength !== undefined) out.push(['too long', 'x'.repeat(node.maxLength + 1)]);
    if (node.pattern !== undefined && !new RegExp(node.pattern).test(' ')) out.push(['against its pattern', ' ']);
  }
  if (node.type === 'object') out.push(['text', 'x'], ['a list', []]);
  if (node.type === 'array') out.push(['an object', {}]);
  return out;
}

/** Every bad field under `node` at `path`, each field spoilt in each way its schema forbids. */
function badFields(node: SchemaNode, path: string[] = []): BadField[] {
  const here = path.join('.');
  const own = path.length === 0 ? [] : badValues(node).map(([why, value]) => ({ path, value, why, named: here }));
  const properties = Object.entries(node.properties ?? {}).flatMap(([name, child]) => badFields(child, [...path, name]));
  const items = node.items ? badFields(node.items, [...path, '0']) : [];
  const values = typeof node.additionalProperties === 'object' ? badFields(node.additionalProperties, [...path, 'SOME_NAME']) : [];
  const names = node.propertyNames?.pattern !== undefined ? [{ path: [...path, 'BAD NAME'], value: 'x', why: 'a name against its pattern', named: here }] : [];
  return [...own, ...properties, ...items, ...values, ...names];
}

/** VALID with the one field at `path` set to `value` (objects on the way made as needed). */
function spoilt(path: readonly string[], value: unknown): unknown {
  const copy = structuredClone(VALID) as unknown as Record<string, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) {
    at[key] ??= {};
    at = at[key] as Record<string, unknown>;
  }
  at[path.at(-1)!] = value;
  return copy;
}

const SCHEMA = JSON.parse(setupJsonSchema()) as SchemaNode;
const BAD = badFields(SCHEMA).map((bad) => ({ ...bad, label: `${bad.path.join('.')} set to ${bad.why}` }));

describe('every field of a setup file, refused by name', () => {
  it('the valid setup the cases start from is accepted', () => {
    expect(parseSetup(VALID)).toEqual({ ok: true, value: VALID });
  });

  it('the published schema holds everything a setup holds: ports, commands, cwd, env, weights and flags, method and routing, health checks, timeouts and retries, faults', () => {
    const fields = new Set(BAD.map((b) => b.path.join('.')));
    const proxy = ['port', 'algorithm', 'hashKey', 'trustForwardedFor', 'sticky', 'connectTimeoutMs', 'readTimeoutMs', 'nextUpstream', 'nextUpstreamTries'];
    const health = ['path', 'intervalMs', 'rise', 'fall'];
    const backend = ['port', 'command', 'cwd', 'env', 'weight', 'backup', 'down', 'drain', 'maxFails', 'failTimeoutMs', 'maxConns', 'slowStartMs', 'fault'];
    const fault = ['latencyMs', 'jitterMs', 'errorRate', 'errorStatus', 'hang', 'resetRate'];
    const expected = ['version', 'proxy', 'health', 'backends', ...proxy.map((f) => `proxy.${f}`), ...health.map((f) => `health.${f}`), ...backend.map((f) => `backends.0.${f}`), ...fault.map((f) => `backends.0.fault.${f}`)];
    expect(expected.filter((f) => !fields.has(f))).toEqual([]);
  });

  it.each(BAD)('refuses $label, naming $named', ({ path, value, named }) => {
    const result = parseSetup(spoilt(path, value));
    expect(result.ok, `${path.join('.')} = ${JSON.stringify(value)?.slice(0, 40)} was accepted`).toBe(false);
    if (result.ok) return;
    expect(result.field === named || result.field.startsWith(`${named}.`), `named ${result.field}: ${result.error}`).toBe(true);
    expect(result.error.startsWith(`${result.field}: `)).toBe(true);
  });
});
