import { publishJsonSchema } from '../publish-json-schema';
import { scenarioSchema } from './scenario-schema';

/** Where the published JSON Schema lives, relative to the repository root; each scenario file names it in `$schema`. */
export const SCENARIO_JSON_SCHEMA_PATH = 'resources/scenario.schema.json';

/** The scenario schema as JSON Schema; that every port a step names is a backend of the setup, and what a person can be asked to do, are the zod schema's alone. */
export function scenarioJsonSchema(): string {
  return publishJsonSchema(
    scenarioSchema,
    SCENARIO_JSON_SCHEMA_PATH,
    'Load Balancer Lab guided scenario',
    'A lab setup (the setup file format) and the steps that walk a person through it. Validated by electron/lab/scenarios/scenario-schema.ts.',
  );
}
