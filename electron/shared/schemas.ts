import { z } from 'zod';
import { ALGORITHMS } from './types';

/**
 * One schema per command, shared by every edge (control API, IPC, CLI) so a
 * bad input is refused the same way everywhere, before it reaches the lab.
 */

export const MAX_BACKENDS_PER_ADD = 16;

const port = z.number().int().min(1).max(65535);
/** HAProxy's range: 0 takes no new requests, 256 is the most. */
export const weightSchema = z.number().int().min(0).max(256);

export const commandTemplateSchema = z
  .string()
  .trim()
  .min(1, 'command is empty')
  .max(2000)
  .refine((c) => c.includes('{port}') || c.includes('PORT'), {
    message: 'command must contain {port} (or read the PORT variable) so each backend listens on its own port',
  });

export const addBackendsSchema = z.strictObject({
  count: z.number().int().min(1).max(MAX_BACKENDS_PER_ADD).optional(),
  command: commandTemplateSchema.optional(),
  weight: weightSchema.optional(),
  basePort: port.optional(),
});

export const patchBackendSchema = z
  .strictObject({
    weight: weightSchema.optional(),
    maxFails: z.number().int().min(0).max(1000).optional(),
    failTimeoutMs: z.number().int().min(0).max(3_600_000).optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change: give weight, maxFails or failTimeoutMs' });

export const setBalancerSchema = z.strictObject({
  algorithm: z.enum(ALGORITHMS),
});

export const portParamSchema = z.coerce.number().int().min(1).max(65535);

export const backendActionSchema = z.enum(['start', 'stop', 'kill', 'restart']);

export const emptySchema = z.strictObject({});

/** A parse failure as `{error, field}`: the first issue, naming its field. */
export interface InputError {
  error: string;
  field: string;
}

/**
 * Validate `input`; returns the parsed value or an error naming the field.
 * `name` is the field reported when the input as a whole is wrong.
 */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown, name: string): { ok: true; value: T } | ({ ok: false } & InputError) {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    return { ok: false, error: `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}`, field: issue.keys[0] ?? name };
  }
  const field = issue.path.length > 0 ? issue.path.join('.') : name;
  return { ok: false, error: `${field}: ${issue.message}`, field };
}
