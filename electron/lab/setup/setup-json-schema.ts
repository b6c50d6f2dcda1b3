import { publishJsonSchema } from '../publish-json-schema';
import { labSetupSchema } from './setup-schema';

/** Where the published JSON Schema lives, relative to the repository root. */
export const SETUP_JSON_SCHEMA_PATH = 'resources/setup.schema.json';

/** The setup schema as JSON Schema; unique ports and backup-with-a-hashing-method are the zod schema's alone. */
export function setupJsonSchema(): string {
  return publishJsonSchema(
    labSetupSchema,
    SETUP_JSON_SCHEMA_PATH,
    'Load Balancer Lab setup',
    'A whole lab: proxy, method, routing, timeouts, retries, health checks and backends. Validated by electron/lab/setup/setup-schema.ts.',
  );
}
