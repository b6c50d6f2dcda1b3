import { z } from 'zod';
import { commandTemplateSchema, setHealthSchema, weightSchema } from './schemas';
import { ALGORITHMS, HASH_KEYS } from './types';

const port = z.number().int().min(1).max(65535);

/**
 * What the desktop app saves on quit and restores on the next launch. It is
 * read back from disk, so it is validated like any other outside input.
 */
export const labSettingsSchema = z.strictObject({
  algorithm: z.enum(ALGORITHMS),
  basePort: port,
  proxyPort: port,
  /** One per backend, in port order. */
  weights: z.array(weightSchema).max(64),
  /** The command template the backends ran; absent for the sample backend. */
  command: commandTemplateSchema.optional(),
  /** Balancer options, each present only when it differs from the default. */
  hashKey: z.enum(HASH_KEYS).optional(),
  trustForwardedFor: z.literal(true).optional(),
  sticky: z.literal(true).optional(),
  /** Active health checks, present only when they were on. */
  health: setHealthSchema.optional(),
});

export type LabSettings = z.infer<typeof labSettingsSchema>;

/** A first launch: 3 sample backends on 4000-4002, 1:1:1, proxy on 8080. */
export const DEFAULT_SETTINGS: LabSettings = { algorithm: 'weighted', basePort: 4000, proxyPort: 8080, weights: [1, 1, 1] };
