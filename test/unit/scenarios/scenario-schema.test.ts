import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withField as changed } from '../../support/with-field';
import { parseScenario, parseScenarioJson, readScenarios, scenarioFolder } from '../../../electron/lab/scenarios/scenario-files';
import { SCENARIO_JSON_SCHEMA_PATH, scenarioJsonSchema } from '../../../electron/lab/scenarios/scenario-json-schema';
import type { Scenario } from '../../../electron/lab/scenarios/scenario-schema';

const good: Scenario = {
  version: 1,
  id: 'two-at-4-6',
  title: 'Two at 4:6',
  source: 'a tutorial',
  summary: 'Two servers, then one stops.',
  setup: { version: 1, proxy: { port: 8080, algorithm: 'weighted' }, backends: [{ port: 8001, weight: 4 }, { port: 8002, weight: 6 }] },
  steps: [
    { title: 'Ten visits', text: '{8001} gets 4, {8002} gets 6.', do: { kind: 'requests', count: 10 }, checks: [{ kind: 'hits', port: 8001, equals: 4 }] },
    { title: 'Stop {8001}', text: 'Press Stop.', by: 'you', do: { kind: 'backend', port: 8001, action: 'stop' }, checks: [{ kind: 'backend', port: 8001, status: ['stopped'] }] },
    { title: 'Under load', text: 'Kill it halfway.', do: { kind: 'load', load: { rate: 50, durationS: 2 }, midway: { kind: 'backend', port: 8002, action: 'kill' } }, checks: [{ kind: 'noNewHits', port: 8002 }] },
  ],
};

/** `good` with one field changed. */
const withField = (path: string, value: unknown): unknown => changed(good, path, value);

const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('scenario files', () => {
  it('accepts a scenario that uses a setup, a person’s step and a hammer with a midway action', () => {
    expect(parseScenario(good)).toEqual({ ok: true, value: good });
  });

  it('validates every bundled scenario, each named after its file and naming the schema', async () => {
    const names = readdirSync(scenarioFolder()).filter((n) => n.endsWith('.json'));
    const { scenarios, problems } = await readScenarios();
    expect(problems).toEqual([]);
    expect(scenarios.map((s) => `${s.id}.json`).sort()).toEqual(names.sort());
    expect(scenarios.length).toBeGreaterThanOrEqual(6);
    for (const name of names) expect(JSON.parse(readFileSync(join(scenarioFolder(), name), 'utf8')).$schema).toBe('../scenario.schema.json');
  });

  it.each([
    ['version', 2],
    ['id', 'Two At 4:6'],
    ['title', ''],
    ['setup.proxy.algorithm', 'fair'],
    ['setup.backends.1.weight', 300],
    ['steps', []],
    ['steps.0.do.count', 0],
    ['steps.0.do.kind', 'teleport'],
    ['steps.0.checks.0.port', 9999],
    ['steps.0.checks.0.kind', 'vibes'],
    ['steps.0.text', 'see {9999}'],
    ['steps.1.do.action', 'explode'],
    ['steps.2.do.midway.port', 1234],
    ['steps.2.do.load.rate', 1e9],
  ])('refuses a bad %s by naming it', (field, value) => {
    const result = parseScenario(withField(field, value));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.field.startsWith(field.split('.').slice(0, 3).join('.')), `${result.field}: ${result.error}`).toBe(true);
  });

  it('refuses a step a person cannot do themselves, a session check without a session, and counter checks on a comparison', () => {
    expect(parseScenario(withField('steps.2.by', 'you'))).toMatchObject({ ok: false, field: 'steps.2.by' });
    expect(parseScenario(withField('steps.0.checks', [{ kind: 'session', kept: true }]))).toMatchObject({ ok: false, field: 'steps.0.checks.0.kind' });
    const compare = { title: 'Compare', text: 'Two methods.', do: { kind: 'compare', compare: { a: {}, b: {} } }, checks: [{ kind: 'hits', port: 8001, min: 1 }] };
    expect(parseScenario(withField('steps.0', compare))).toMatchObject({ ok: false, field: 'steps.0.checks.0.kind' });
  });

  it('refuses an unknown field by naming it, and a file that is not JSON as the field scenario', () => {
    expect(parseScenario(withField('steps.0.wait', 5))).toMatchObject({ ok: false, field: 'steps.0.wait' });
    expect(parseScenarioJson('{"version": 1,')).toMatchObject({ ok: false, field: 'scenario' });
  });

  it('lists the good files of a folder and says why it left out a bad one, or one whose id is not its file name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lb-lab-scenarios-'));
    folders.push(dir);
    writeFileSync(join(dir, 'two-at-4-6.json'), JSON.stringify(good));
    writeFileSync(join(dir, 'broken.json'), JSON.stringify(withField('steps.0.do.count', 0)));
    writeFileSync(join(dir, 'renamed.json'), JSON.stringify(good));
    const { scenarios, problems } = await readScenarios(dir);
    expect(scenarios.map((s) => s.id)).toEqual(['two-at-4-6']);
    expect(problems).toEqual([expect.stringMatching(/^broken\.json: steps\.0\.do\.count: /), 'renamed.json: id "two-at-4-6" must match the file name']);
  });

  it('publishes the same schema in resources/scenario.schema.json (UPDATE_SCENARIO_SCHEMA=1 rewrites it)', () => {
    const file = resolve(import.meta.dirname, '../../..', SCENARIO_JSON_SCHEMA_PATH);
    if (process.env.UPDATE_SCENARIO_SCHEMA === '1') writeFileSync(file, scenarioJsonSchema());
    expect(readFileSync(file, 'utf8'), 'resources/scenario.schema.json is stale: run UPDATE_SCENARIO_SCHEMA=1 npx vitest run test/unit/scenarios').toBe(scenarioJsonSchema());
  });
});
