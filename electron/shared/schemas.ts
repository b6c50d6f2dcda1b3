import { z } from 'zod';
import { ALGORITHMS, HASH_KEYS } from './types';

/**
 * One schema per command, shared by every edge (control API, IPC, CLI) so a
 * bad input is refused the same way everywhere, before it reaches the lab.
 */

export const MAX_BACKENDS_PER_ADD = 16;

const MAX_PORT = 65535;
const port = z.number().int().min(1).max(MAX_PORT);
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

/** A backend's working folder and environment variables. */
export const cwdSchema = z.string().min(1).max(4096);
export const envSchema = z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'variable names are letters, digits and _'), z.string().max(10_000));

export const addBackendsSchema = z
  .strictObject({
    count: z.number().int().min(1).max(MAX_BACKENDS_PER_ADD).optional(),
    command: commandTemplateSchema.optional(),
    /** Run the bundled sample backend even when the lab was started with its own command. */
    sample: z.boolean().optional(),
    weight: weightSchema.optional(),
    basePort: port.optional(),
    /** Working folder and environment of these backends (default the lab's own). */
    cwd: cwdSchema.optional(),
    env: envSchema.optional(),
  })
  .refine((input) => !(input.sample && input.command !== undefined), { message: 'give either command or sample, not both', path: ['sample'] })
  .refine((input) => input.basePort === undefined || input.basePort + (input.count ?? 1) - 1 <= MAX_PORT, {
    message: `${MAX_PORT} is the highest port: from basePort, count backends do not fit`,
    path: ['count'],
  });

/** nginx `max_fails`: 0 turns failure accounting off. */
export const maxFailsSchema = z.number().int().min(0).max(1000);
/** nginx `fail_timeout`, in ms. */
export const failTimeoutSchema = z.number().int().min(0).max(3_600_000);
/** nginx `max_conns`: 0 is no limit. */
export const maxConnsSchema = z.number().int().min(0).max(100_000);
/** nginx Plus `slow_start` / HAProxy `slowstart`, in ms: 0 is off. */
export const slowStartSchema = z.number().int().min(0).max(3_600_000);

export const patchBackendSchema = z
  .strictObject({
    weight: weightSchema.optional(),
    backup: z.boolean().optional(),
    down: z.boolean().optional(),
    drain: z.boolean().optional(),
    maxFails: maxFailsSchema.optional(),
    failTimeoutMs: failTimeoutSchema.optional(),
    maxConns: maxConnsSchema.optional(),
    slowStartMs: slowStartSchema.optional(),
  })
  .refine((p) => Object.keys(p).length > 0, {
    message: 'nothing to change: give weight, backup, down, drain, maxFails, failTimeoutMs, maxConns or slowStartMs',
  });

/** A partial update: fields left out keep their value, so two quick toggles never undo each other. */
export const setBalancerSchema = z
  .strictObject({
    algorithm: z.enum(ALGORITHMS).optional(),
    hashKey: z.enum(HASH_KEYS).optional(),
    trustForwardedFor: z.boolean().optional(),
    sticky: z.boolean().optional(),
  })
  .refine((input) => Object.keys(input).length > 0, { message: 'nothing to change: give algorithm, hashKey, trustForwardedFor or sticky', path: ['algorithm'] });

/** The path health checks GET: visible ASCII only, since it goes on the request line as it is. */
export const healthPathSchema = z
  .string()
  .max(2000)
  .regex(/^\/[\x21-\x7e]*$/, 'path must start with / and contain no spaces or control characters');
/** HAProxy `inter`, in ms. */
export const healthIntervalSchema = z.number().int().min(100).max(3_600_000);
/** HAProxy `rise` / `fall`: consecutive results that decide a backend. */
export const healthStreakSchema = z.number().int().min(1).max(100);

export const setHealthSchema = z.strictObject({
  enabled: z.boolean().optional(),
  path: healthPathSchema,
  intervalMs: healthIntervalSchema,
  rise: healthStreakSchema,
  fall: healthStreakSchema,
});

/** Plain decimal digits, no sign, no leading zero, no spaces: the one way a number is written in a URL path. */
const DECIMAL_PATH_SEGMENT = /^(0|[1-9][0-9]*)$/;

/**
 * A port argument: a number from IPC, or a URL path segment written in plain
 * decimal. `Number()` would also take `0x6d60`, `2.8e4`, `028000`, `1e3`,
 * ` 28000` or `+28000`; a port has one spelling.
 */
export const portParamSchema = z
  .union([z.number(), z.string().regex(DECIMAL_PATH_SEGMENT).transform(Number)], { error: 'port must be a whole number 1-65535, in plain decimal' })
  .pipe(port);

/**
 * The control API's token when a person chooses it (`--token`, LB_LAB_TOKEN):
 * long enough not to be guessed by another local process, and URL-safe, since
 * it goes in the printed URL and a cookie as it is.
 */
export const controlTokenSchema = z
  .string()
  .min(16, 'token must be at least 16 characters')
  .max(512, 'token must be at most 512 characters')
  .regex(/^[A-Za-z0-9._~-]+$/, 'token may contain only letters, digits and . _ ~ -');

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

export const EXPORT_KINDS = ['nginx', 'haproxy', 'compose'] as const;
/** What a setup exports to: nginx.conf, haproxy.cfg, or docker-compose with its files. */
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const exportKindSchema = z.enum(EXPORT_KINDS, { error: `must be one of ${EXPORT_KINDS.join(', ')}` });

/** `POST /api/import/nginx`: a whole nginx.conf or a bare upstream block, and which upstream to take. */
export const importNginxSchema = z.strictObject({
  config: z.string().min(1, 'config is empty').max(1_000_000),
  upstream: z.string().min(1).max(200).optional(),
});
export type ImportNginxInput = z.infer<typeof importNginxSchema>;
