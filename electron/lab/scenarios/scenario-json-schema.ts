import { z } from 'zod';
import { scenarioSchema } from './scenario-schema';

/** Where the published JSON Schema lives, relative to the repository root; each scenario file names it in `$schema`. */
export const SCENARIO_JSON_SCHEMA_PATH = 'resources/scenario.schema.json';

/**
 * The scenario schema as JSON Schema (draft 2020-12), for editors. The
 * cross-field rules (every port a step names is a backend of the setup,
 * what a person can be asked to do) are the zod schema's alone.
 */
export function scenarioJsonSchema(): string {
  const schema = z.toJSONSchema(scenarioSchema, { target: 'draft-2020-12', unrepresentable: 'throw' });
  const published = {
    ...schema,
    $id: 'https://github.com/load-balancer-lab/load-balancer-lab/resources/scenario.schema.json',
    title: 'Load Balancer Lab guided scenario',
    description: 'A lab setup (the setup file format) and the steps that walk a person through it. Validated by electron/lab/scenarios/scenario-schema.ts.',
  };
  return `${JSON.stringify(published, null, 2)}\n`;
}
