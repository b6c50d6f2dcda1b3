import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { backupConflict } from '../lab/backup-conflict';
import { NO_BACKUP_ALGORITHMS } from '../lab/balancer/types';
import {
  commandTemplateSchema,
  controlTokenSchema,
  failTimeoutSchema,
  healthIntervalSchema,
  healthPathSchema,
  healthStreakSchema,
  maxConnsSchema,
  maxFailsSchema,
  slowStartSchema,
  weightSchema,
} from '../shared/schemas';
import { ALGORITHMS, HASH_KEYS, type Algorithm, type HashKey, type SetHealthInput } from '../shared/types';

export const USAGE = `Usage: lb-lab [options]

Starts sample backends on sequential ports behind a weighted reverse proxy,
and a control API + dashboard. Runs until Ctrl-C, then stops everything.

  --backends N        how many backends to start (default 3, or one per weight)
  --base-port P       first backend port (default 4000)
  --proxy-port P      port of the load-balancing proxy (default 8080)
  --ui-port P         port of the dashboard and control API (default 5170)
  --algorithm A       ${ALGORITHMS.join(' | ')}
                      (default round-robin, or weighted when --weights is given)
  --weights 3,5,2     one weight (0-256) per backend
  --command "CMD"     your own backend, with {port} (e.g. "python3 -m http.server {port}")
  --cwd DIR           working folder for --command

How requests are read (PUT /api/balancer):
  --hash-key K        what the hash method hashes: ${HASH_KEYS.join(' | ')}
                      (nginx hash $request_uri | $uri | $remote_addr; default request-uri)
  --trust-forwarded-for
                      ip-hash/hash take the client from the first X-Forwarded-For
                      address, so one laptop can play many clients
  --sticky            sticky sessions by cookie (nginx sticky cookie, HAProxy cookie SRV insert)

Every backend's server parameters (PATCH /api/backends/:port):
  --backup N          the last N backends are backups (nginx backup; not with
                      ip-hash, hash or random-two)
  --max-fails N       nginx max_fails (default 1; 0 = never mark failed)
  --fail-timeout MS   nginx fail_timeout (default 10000)
  --max-conns N       nginx max_conns (default 0 = no limit)
  --slow-start MS     weight ramps from 0 to full over MS after a backend comes back
                      (nginx Plus slow_start, HAProxy slowstart; default 0 = off)

Active health checks (PUT /api/health), on when --health-path is given:
  --health-path /P    GET this path on every backend (the sample backend has /health)
  --health-interval MS  between checks (default 2000; HAProxy inter)
  --health-rise N     passes to put a backend back (default 2)
  --health-fall N     failures to take it out (default 3)

Control API token (issue 8):
  --token T           the token the control API requires (16+ URL-safe characters;
                      default: a random one, printed in the dashboard URL).
                      LB_LAB_TOKEN=T does the same.

  -h, --help          show this help
`;

const port = (name: string) =>
  z.coerce.number({ error: `--${name} must be a port number` }).int(`--${name} must be a whole number`).min(1, `--${name} must be 1-65535`).max(65535, `--${name} must be 1-65535`);

/** A flag's text as a whole number in the range the shared schema of that setting allows. */
const count = (flag: string, schema: z.ZodNumber) => {
  const min = schema.minValue ?? 0;
  const max = schema.maxValue ?? Number.MAX_SAFE_INTEGER;
  return z.coerce
    .number({ error: `--${flag} must be a number` })
    .int(`--${flag} must be a whole number`)
    .min(min, `--${flag} must be ${min}-${max}`)
    .max(max, `--${flag} must be ${min}-${max}`);
};

const HEALTH_DEFAULTS = { intervalMs: 2000, rise: 2, fall: 3 };

const cliSchema = z
  .strictObject({
    backends: z.coerce.number().int('--backends must be a whole number').min(0, '--backends must be 0-16').max(16, '--backends must be 0-16').optional(),
    basePort: port('base-port').default(4000),
    proxyPort: port('proxy-port').default(8080),
    uiPort: port('ui-port').default(5170),
    algorithm: z.enum(ALGORITHMS, { error: `--algorithm must be one of ${ALGORITHMS.join(', ')}` }).optional(),
    weights: z
      .string()
      .transform((text) => text.split(',').map((w) => Number(w.trim())))
      .pipe(z.array(weightSchema, { error: '--weights must be integers 0-256, comma separated' }).min(1))
      .optional(),
    command: commandTemplateSchema.optional(),
    cwd: z
      .string()
      .refine((dir) => existsSync(dir) && statSync(dir).isDirectory(), { message: '--cwd must be an existing folder' })
      .optional(),
    hashKey: z.enum(HASH_KEYS, { error: `--hash-key must be one of ${HASH_KEYS.join(', ')}` }).optional(),
    trustForwardedFor: z.boolean().optional(),
    sticky: z.boolean().optional(),
    backups: count('backup', z.number().min(1).max(15)).optional(),
    maxFails: count('max-fails', maxFailsSchema).optional(),
    failTimeoutMs: count('fail-timeout', failTimeoutSchema).optional(),
    maxConns: count('max-conns', maxConnsSchema).optional(),
    slowStartMs: count('slow-start', slowStartSchema).optional(),
    healthPath: healthPathSchema.optional(),
    healthInterval: count('health-interval', healthIntervalSchema).optional(),
    healthRise: count('health-rise', healthStreakSchema).optional(),
    healthFall: count('health-fall', healthStreakSchema).optional(),
    // Control API token (issue 8).
    token: controlTokenSchema.optional(),
  })
  .superRefine((o, ctx) => {
    const backends = o.backends ?? o.weights?.length ?? 3;
    if (o.backups !== undefined && o.backups >= backends) {
      ctx.addIssue({ code: 'custom', path: ['backups'], message: `--backup ${o.backups} leaves no primary among ${backends} backend(s)` });
    }
    const algorithm = o.algorithm ?? (o.weights ? 'weighted' : 'round-robin');
    if (o.backups !== undefined && NO_BACKUP_ALGORITHMS.includes(algorithm)) {
      ctx.addIssue({ code: 'custom', path: ['backups'], message: `--backup: ${backupConflict(algorithm, `${o.backups} backend(s) would be backup`)}` });
    }
    for (const key of ['healthInterval', 'healthRise', 'healthFall'] as const) {
      if (o[key] !== undefined && o.healthPath === undefined) {
        ctx.addIssue({ code: 'custom', path: [key], message: `--${FLAG_NAMES[key]} needs --health-path (health checks are on only with a path)` });
      }
    }
    if (o.weights && o.backends !== undefined && o.weights.length !== o.backends) {
      ctx.addIssue({ code: 'custom', path: ['weights'], message: `--weights gives ${o.weights.length} weights but --backends is ${o.backends}` });
    }
    if (o.proxyPort === o.uiPort) ctx.addIssue({ code: 'custom', path: ['uiPort'], message: '--ui-port must differ from --proxy-port' });
  });

export interface CliOptions {
  backends: number;
  basePort: number;
  proxyPort: number;
  uiPort: number;
  algorithm: Algorithm;
  weights?: number[];
  command?: string;
  cwd?: string;
  hashKey?: HashKey;
  trustForwardedFor?: boolean;
  sticky?: boolean;
  /** The last N backends are backups. */
  backups?: number;
  maxFails?: number;
  failTimeoutMs?: number;
  maxConns?: number;
  slowStartMs?: number;
  /** Present when --health-path was given. */
  health?: SetHealthInput;
  /** The control API token from --token or LB_LAB_TOKEN; the host makes one when absent. */
  token?: string;
}

export type CliParse = { ok: true; options: CliOptions } | { ok: false; help: true } | { ok: false; help: false; error: string };

const FLAG_NAMES: Record<string, string> = {
  basePort: 'base-port',
  proxyPort: 'proxy-port',
  uiPort: 'ui-port',
  hashKey: 'hash-key',
  trustForwardedFor: 'trust-forwarded-for',
  backups: 'backup',
  maxFails: 'max-fails',
  failTimeoutMs: 'fail-timeout',
  maxConns: 'max-conns',
  slowStartMs: 'slow-start',
  healthPath: 'health-path',
  healthInterval: 'health-interval',
  healthRise: 'health-rise',
  healthFall: 'health-fall',
};

/** Parse and validate argv (and LB_LAB_TOKEN from `env`); a bad flag gets a message naming it. */
export function parseCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): CliParse {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        backends: { type: 'string' },
        'base-port': { type: 'string' },
        'proxy-port': { type: 'string' },
        'ui-port': { type: 'string' },
        algorithm: { type: 'string' },
        weights: { type: 'string' },
        command: { type: 'string' },
        cwd: { type: 'string' },
        'hash-key': { type: 'string' },
        'trust-forwarded-for': { type: 'boolean' },
        sticky: { type: 'boolean' },
        backup: { type: 'string' },
        'max-fails': { type: 'string' },
        'fail-timeout': { type: 'string' },
        'max-conns': { type: 'string' },
        'slow-start': { type: 'string' },
        'health-path': { type: 'string' },
        'health-interval': { type: 'string' },
        'health-rise': { type: 'string' },
        'health-fall': { type: 'string' },
        token: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return { ok: false, help: false, error: (error as Error).message };
  }
  if (values.help) return { ok: false, help: true };
  const raw = {
    backends: values.backends,
    basePort: values['base-port'],
    proxyPort: values['proxy-port'],
    uiPort: values['ui-port'],
    algorithm: values.algorithm,
    weights: values.weights,
    command: values.command,
    cwd: values.cwd,
    hashKey: values['hash-key'],
    trustForwardedFor: values['trust-forwarded-for'],
    sticky: values.sticky,
    backups: values.backup,
    maxFails: values['max-fails'],
    failTimeoutMs: values['fail-timeout'],
    maxConns: values['max-conns'],
    slowStartMs: values['slow-start'],
    healthPath: values['health-path'],
    healthInterval: values['health-interval'],
    healthRise: values['health-rise'],
    healthFall: values['health-fall'],
    // An empty LB_LAB_TOKEN= is unset, as shells treat it; an empty --token is a mistake.
    token: values.token ?? (env.LB_LAB_TOKEN || undefined),
  };
  const defined = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
  const result = cliSchema.safeParse(defined);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const key = String(issue.path[0] ?? '');
    const flag = `--${FLAG_NAMES[key] ?? key}`;
    return { ok: false, help: false, error: issue.message.startsWith('--') ? issue.message : `${flag}: ${issue.message}` };
  }
  const o = result.data;
  return {
    ok: true,
    options: {
      backends: o.backends ?? o.weights?.length ?? 3,
      basePort: o.basePort,
      proxyPort: o.proxyPort,
      uiPort: o.uiPort,
      algorithm: o.algorithm ?? (o.weights ? 'weighted' : 'round-robin'),
      ...(o.weights ? { weights: o.weights } : {}),
      ...(o.command ? { command: o.command } : {}),
      ...(o.cwd ? { cwd: o.cwd } : {}),
      ...definedOnly({
        hashKey: o.hashKey,
        trustForwardedFor: o.trustForwardedFor,
        sticky: o.sticky,
        backups: o.backups,
        maxFails: o.maxFails,
        failTimeoutMs: o.failTimeoutMs,
        maxConns: o.maxConns,
        slowStartMs: o.slowStartMs,
        token: o.token,
      }),
      ...(o.healthPath !== undefined
        ? {
            health: {
              path: o.healthPath,
              intervalMs: o.healthInterval ?? HEALTH_DEFAULTS.intervalMs,
              rise: o.healthRise ?? HEALTH_DEFAULTS.rise,
              fall: o.healthFall ?? HEALTH_DEFAULTS.fall,
            },
          }
        : {}),
    },
  };
}

/** The entries whose value is set: optional options stay absent rather than undefined. */
function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
