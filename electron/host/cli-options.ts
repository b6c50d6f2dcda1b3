import { parseArgs, type ParseArgsConfig } from 'node:util';
import { backupConflict } from '../lab/backup-conflict';
import { methodOf } from '../lab/balancer/methods';
import { defaultAlgorithm, DEFAULTS } from '../lab/defaults';
import type { Algorithm, SetHealthInput } from '../shared/types';
import { FLAGS, type FlagKey, type FlagRow, type FlagValues } from './cli-flags';
import { helpText } from './cli-usage';

/** `lb-lab --help`. */
export const USAGE = helpText();

/** The health-check flags, which together make `health`. */
type HealthKey = 'healthPath' | 'healthInterval' | 'healthRise' | 'healthFall';

/**
 * What the host is started with: every flag's value (defaults filled in),
 * with the method and the number of backends settled, and the health-check
 * flags gathered into `health`. A new row in FLAGS appears here by itself.
 */
export type CliOptions = Omit<FlagValues, HealthKey | 'backends' | 'algorithm' | 'scenario'> & {
  backends: number;
  algorithm: Algorithm;
  /** Present when --health-path was given. */
  health?: SetHealthInput;
  /** --scenario with where its backends go: their own ports, or --base-port when it was given. */
  guide?: { id: string; basePort?: number };
};

export type CliParse = { ok: true; options: CliOptions } | { ok: false; help: true } | { ok: false; help: false; error: string };

type Entry = [FlagKey, FlagRow<unknown>];
const entries = (): Entry[] => Object.entries(FLAGS) as Entry[];

/** A rule across flags: the message naming the flag at fault, or null. `given` holds the flags on the command line. */
type CrossRule = (values: FlagValues, given: ReadonlySet<FlagKey>) => string | null;

const backendCount = (v: FlagValues): number => v.backends ?? v.weights?.length ?? DEFAULTS.backends;
const algorithmOf = (v: FlagValues): Algorithm => v.algorithm ?? defaultAlgorithm(v.weights !== undefined);

const CROSS_RULES: readonly CrossRule[] = [
  (v, given) => (given.has('backups') && v.backups >= backendCount(v) ? `--backup ${v.backups} leaves no primary among ${backendCount(v)} backend(s)` : null),
  (v, given) =>
    given.has('backups') && !methodOf(algorithmOf(v)).traits.allowsBackup
      ? `--backup: ${backupConflict(algorithmOf(v), `${v.backups} backend(s) would be backup`)}`
      : null,
  (_v, given) => {
    const loose = (['healthInterval', 'healthRise', 'healthFall'] as const).find((key) => given.has(key));
    return loose !== undefined && !given.has('healthPath') ? `--${FLAGS[loose].flag} needs --health-path (health checks are on only with a path)` : null;
  },
  (v) => (v.weights && v.backends !== undefined && v.weights.length !== v.backends ? `--weights gives ${v.weights.length} weights but --backends is ${v.backends}` : null),
  (v) => (v.proxyPort === v.uiPort ? '--ui-port must differ from --proxy-port' : null),
  (_v, given) => (given.has('setupFile') && given.has('nginxFile') ? '--setup and --nginx each give the whole lab: choose one' : null),
  (_v, given) => (given.has('upstream') && !given.has('nginxFile') ? '--upstream names a block of --nginx FILE' : null),
  (_v, given) => (given.has('scenario') && (given.has('setupFile') || given.has('nginxFile')) ? '--scenario gives the whole lab, as --setup and --nginx do: choose one' : null),
];

/**
 * Parse and validate argv against the flag table; a bad flag gets a message
 * naming it. `env` supplies the rows that name an environment variable.
 */
export function parseCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): CliParse {
  const rows = entries();
  const options: ParseArgsConfig['options'] = { help: { type: 'boolean', short: 'h' } };
  for (const [, row] of rows) options[row.flag] = { type: row.arg === undefined ? 'boolean' : 'string' };
  let raw: Record<string, string | boolean | undefined>;
  try {
    raw = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values as typeof raw;
  } catch (error) {
    return { ok: false, help: false, error: (error as Error).message };
  }
  if (raw.help === true) return { ok: false, help: true };

  const values: Record<string, unknown> = {};
  const given = new Set<FlagKey>();
  for (const [key, row] of rows) {
    // An empty variable (LB_LAB_TOKEN=) is unset, as shells treat it; an empty flag is a mistake.
    const text = raw[row.flag] ?? (row.env === undefined ? undefined : env[row.env] || undefined);
    if (text === undefined) {
      values[key] = row.default;
      continue;
    }
    const result = row.schema.safeParse(text);
    if (!result.success) {
      const message = result.error.issues[0]?.message ?? 'is not valid';
      return { ok: false, help: false, error: message.startsWith('--') ? message : `--${row.flag}: ${message}` };
    }
    values[key] = result.data;
    given.add(key);
  }
  const v = values as FlagValues;
  for (const rule of CROSS_RULES) {
    const error = rule(v, given);
    if (error !== null) return { ok: false, help: false, error };
  }

  const { healthPath, healthInterval, healthRise, healthFall, scenario, ...rest } = v;
  return {
    ok: true,
    options: {
      ...definedOnly(rest),
      backends: backendCount(v),
      algorithm: algorithmOf(v),
      ...(healthPath !== undefined ? { health: { path: healthPath, intervalMs: healthInterval, rise: healthRise, fall: healthFall } } : {}),
      ...(scenario !== undefined ? { guide: { id: scenario, ...(given.has('basePort') ? { basePort: v.basePort } : {}) } } : {}),
    },
  };
}

/** The entries whose value is set: options without a value stay absent rather than undefined. */
function definedOnly<T extends object>(values: T): T {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as T;
}
