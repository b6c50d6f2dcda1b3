import { z } from 'zod';
import { NO_BACKUP_ALGORITHMS } from '../balancer/types';
import {
  commandTemplateSchema,
  cwdSchema,
  envSchema,
  failTimeoutSchema,
  healthIntervalSchema,
  healthPathSchema,
  healthStreakSchema,
  maxConnsSchema,
  maxFailsSchema,
  slowStartSchema,
  weightSchema,
} from '../../shared/schemas';
import { faultSchema } from '../../shared/fault';
import { NEXT_UPSTREAM_CONDITIONS } from '../../shared/proxy-settings';
import { ALGORITHMS, HASH_KEYS } from '../../shared/types';

/** The one version this lab writes and reads; a file from a newer lab is refused by name, not half-read. */
export const SETUP_VERSION = 1;

const port = z.number().int().min(1).max(65535);

export { NEXT_UPSTREAM_CONDITIONS, type NextUpstreamCondition } from '../../shared/proxy-settings';

export const proxySetupSchema = z.strictObject({
  port,
  algorithm: z.enum(ALGORITHMS),
  hashKey: z.enum(HASH_KEYS).optional(),
  trustForwardedFor: z.boolean().optional(),
  sticky: z.boolean().optional(),
  /** nginx `proxy_connect_timeout`, HAProxy `timeout connect`. */
  connectTimeoutMs: z.number().int().min(1).max(3_600_000).optional(),
  /** nginx `proxy_read_timeout`, HAProxy `timeout server`. */
  readTimeoutMs: z.number().int().min(1).max(3_600_000).optional(),
  nextUpstream: z
    .array(z.enum(NEXT_UPSTREAM_CONDITIONS))
    .max(NEXT_UPSTREAM_CONDITIONS.length)
    .refine((list) => new Set(list).size === list.length, { message: 'each condition at most once' })
    .optional(),
  /** nginx `proxy_next_upstream_tries`: 0 is no limit. */
  nextUpstreamTries: z.number().int().min(0).max(100).optional(),
});

/** Active health checks; present means on. */
export const healthSetupSchema = z.strictObject({
  path: healthPathSchema,
  intervalMs: healthIntervalSchema,
  rise: healthStreakSchema,
  fall: healthStreakSchema,
});

export const backendSetupSchema = z.strictObject({
  port,
  /** Command template with {port} (or reading PORT); absent runs the bundled sample backend. */
  command: commandTemplateSchema.optional(),
  cwd: cwdSchema.optional(),
  env: envSchema.optional(),
  weight: weightSchema.optional(),
  backup: z.boolean().optional(),
  down: z.boolean().optional(),
  drain: z.boolean().optional(),
  maxFails: maxFailsSchema.optional(),
  failTimeoutMs: failTimeoutSchema.optional(),
  maxConns: maxConnsSchema.optional(),
  slowStartMs: slowStartSchema.optional(),
  /** Faults on the lab's leg to it: the same schema as `PUT /api/backends/:port/fault`. */
  fault: faultSchema.optional(),
});

/**
 * A whole lab: the proxy with its method, routing, timeouts and retry
 * conditions, the health checks, and every backend with how it runs and
 * its nginx `server` parameters. Strict at every level, so a typo is an
 * error naming the field rather than a setting silently lost. Scenario files
 * embed it as it is (`{ ..., setup: LabSetup }`).
 */
export const labSetupSchema = z
  .strictObject({
    /** Lets an editor find resources/setup.schema.json; the lab ignores it. */
    $schema: z.string().max(2000).optional(),
    version: z.literal(SETUP_VERSION),
    proxy: proxySetupSchema,
    health: healthSetupSchema.optional(),
    backends: z.array(backendSetupSchema).max(64),
  })
  .superRefine((setup, ctx) => {
    const seen = new Set<number>([setup.proxy.port]);
    setup.backends.forEach((backend, i) => {
      if (seen.has(backend.port)) {
        const what = backend.port === setup.proxy.port ? 'the proxy port' : 'another backend';
        ctx.addIssue({ code: 'custom', path: ['backends', i, 'port'], message: `port ${backend.port} is already ${what}` });
      }
      seen.add(backend.port);
      if (backend.backup && NO_BACKUP_ALGORITHMS.includes(setup.proxy.algorithm)) {
        ctx.addIssue({ code: 'custom', path: ['backends', i, 'backup'], message: `backup servers cannot be used with ${setup.proxy.algorithm} (nginx forbids it)` });
      }
    });
  });

export type LabSetup = z.infer<typeof labSetupSchema>;
export type ProxySetup = z.infer<typeof proxySetupSchema>;
export type BackendSetup = z.infer<typeof backendSetupSchema>;
export type HealthSetup = z.infer<typeof healthSetupSchema>;
export type FaultSetup = z.infer<typeof faultSchema>;
