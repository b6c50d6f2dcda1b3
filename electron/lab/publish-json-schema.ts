import { z } from 'zod';

/**
 * A file format's zod schema as JSON Schema (draft 2020-12), for editors and
 * other tools, with the published file's name, title and description.
 * Cross-field rules (`superRefine`) are the zod schema's alone: JSON Schema
 * cannot say them.
 */
export function publishJsonSchema(schema: z.ZodType, file: string, title: string, description: string): string {
  const published = {
    ...z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'throw' }),
    $id: `https://github.com/load-balancer-lab/load-balancer-lab/${file}`,
    title,
    description,
  };
  return `${JSON.stringify(published, null, 2)}\n`;
}
