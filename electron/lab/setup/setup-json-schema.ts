import { z } from 'zod';
import { labSetupSchema } from './setup-schema';

/** Where the published JSON Schema lives, relative to the repository root. */
export const SETUP_JSON_SCHEMA_PATH = 'resources/setup.schema.json';

/**
 * The setup schema as JSON Schema (draft 2020-12), for editors and other
 * tools. Cross-field rules (unique ports, backup with a hashing method) are
 * the zod schema's alone; JSON Schema cannot say them.
 */
export function setupJsonSchema(): string {
  const schema = z.toJSONSchema(labSetupSchema, { target: 'draft-2020-12', unrepresentable: 'throw' });
  const published = {
    ...schema,
    $id: 'https://github.com/load-balancer-lab/load-balancer-lab/resources/setup.schema.json',
    title: 'Load Balancer Lab setup',
    description: 'A whole lab: proxy, method, routing, timeouts, retries, health checks and backends. Validated by electron/lab/setup/setup-schema.ts.',
  };
  return `${JSON.stringify(published, null, 2)}\n`;
}
