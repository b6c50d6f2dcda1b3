import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { commandTemplateSchema, weightSchema } from '../shared/schemas';
import { ALGORITHMS, type Algorithm } from '../shared/types';

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
  -h, --help          show this help
`;

const port = (name: string) =>
  z.coerce.number({ error: `--${name} must be a port number` }).int(`--${name} must be a whole number`).min(1, `--${name} must be 1-65535`).max(65535, `--${name} must be 1-65535`);

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
  })
  .superRefine((o, ctx) => {
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
}

export type CliParse = { ok: true; options: CliOptions } | { ok: false; help: true } | { ok: false; help: false; error: string };

const FLAG_NAMES: Record<string, string> = { basePort: 'base-port', proxyPort: 'proxy-port', uiPort: 'ui-port' };

/** Parse and validate argv; a bad flag gets a message naming it. */
export function parseCli(argv: readonly string[]): CliParse {
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
    },
  };
}
