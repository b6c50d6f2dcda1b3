import { existsSync, statSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULTS } from '../lab/defaults';
import { listInWords, methodTraits, NO_BACKUP_ALGORITHMS } from '../lab/balancer/methods';
import { decimalInt, decimalIntList } from '../shared/decimal';
import {
  commandTemplateSchema,
  failTimeoutSchema,
  healthIntervalSchema,
  healthPathSchema,
  healthStreakSchema,
  MAX_BACKENDS_PER_ADD,
  maxConnsSchema,
  maxFailsSchema,
  slowStartSchema,
} from '../shared/schemas';
import { ALGORITHMS, HASH_KEYS } from '../shared/types';
import { DEFAULT_PROXY_SETTINGS, NEXT_UPSTREAM_CONDITIONS, proxySettingsPatchSchema } from '../shared/proxy-settings';
import { controlTokenSchema } from '../shared/schemas';
import { scenarioIdSchema } from '../shared/scenario';

/** The groups of --help, in order, with their headings (null: no heading). */
export const FLAG_SECTIONS = {
  lab: null,
  routing: 'How requests are read (PUT /api/balancer):',
  server: 'Every backend’s server parameters (PATCH /api/backends/:port):',
  health: 'Active health checks (PUT /api/health), on when --health-path is given:',
  proxy: 'Timeouts and retries, as nginx has them (PUT /api/proxy):',
  setup: 'Setups (GET /api/setup):',
} as const;
export type FlagSection = keyof typeof FLAG_SECTIONS;

/** One row of the flag table: everything the parser, --help and the README's usage line know about a flag. */
export interface FlagRow<T> {
  /** The flag without its dashes: `base-port`. */
  flag: string;
  /** What its value looks like in --help and the usage line (`P`, `MS`, `3,5,2`); absent for a switch. A choice's list comes from its schema. */
  arg?: string;
  /** From the flag's text (a switch's: `true`) to its value. Its messages name no flag: the parser adds `--flag: `. */
  schema: z.ZodType<T>;
  /** The value when the flag is absent; --help shows it. */
  default?: T;
  /** --help's words for the default when showing the value is not enough ("3, or one per --weights entry"). */
  defaultText?: string;
  /** An environment variable that gives the value when the flag is absent. */
  env?: string;
  /** One sentence for --help. */
  help: string;
  /** Lines --help prints under the flag (a list of choices, say). */
  details?: () => readonly string[];
  section: FlagSection;
}

/** A row with a default: its value is always there. */
type WithDefault<T> = FlagRow<T> & { default: T };

/** Declare a row, keeping its value type (and whether it has a default) for {@link FlagValues}. */
export function flagRow<T>(row: WithDefault<T>): WithDefault<T>;
export function flagRow<T>(row: FlagRow<T>): FlagRow<T>;
export function flagRow<T>(row: FlagRow<T>): FlagRow<T> {
  return row;
}

/** A shared number schema's range, read from text as a plain decimal integer. */
const within = (schema: z.ZodNumber) => decimalInt(schema.minValue ?? 0, schema.maxValue ?? Number.MAX_SAFE_INTEGER);
const port = decimalInt(1, 65535);
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `must be one of ${values.join(', ')}` });

/**
 * Every flag of `lb-lab`, once, keyed by the option it sets. Parsing,
 * `--help` and the README's usage line are generated from this table; add a
 * flag by adding a row (its value then appears in `CliOptions`).
 */
export const FLAGS = {
  backends: flagRow({
    flag: 'backends',
    arg: 'N',
    schema: decimalInt(0, MAX_BACKENDS_PER_ADD),
    defaultText: `${DEFAULTS.backends}, or one per --weights entry`,
    help: 'how many backends to start',
    section: 'lab',
  }),
  basePort: flagRow({ flag: 'base-port', arg: 'P', schema: port, default: DEFAULTS.basePort, help: 'first backend port', section: 'lab' }),
  proxyPort: flagRow({ flag: 'proxy-port', arg: 'P', schema: port, default: DEFAULTS.proxyPort, help: 'port of the load-balancing proxy', section: 'lab' }),
  uiPort: flagRow({ flag: 'ui-port', arg: 'P', schema: port, default: DEFAULTS.uiPort, help: 'port of the dashboard and control API', section: 'lab' }),
  algorithm: flagRow({
    flag: 'algorithm',
    arg: 'A',
    schema: oneOf(ALGORITHMS),
    defaultText: 'round-robin, or weighted when --weights is given',
    help: 'the balancing method',
    details: () => methodTraits().map((m) => `${m.name.padEnd(12)} nginx ${plainText(m.nginx)}`),
    section: 'lab',
  }),
  weights: flagRow({ flag: 'weights', arg: '3,5,2', schema: decimalIntList(0, 256), help: 'one weight (0-256) per backend', section: 'lab' }),
  command: flagRow({
    flag: 'command',
    arg: '"python3 -m http.server {port}"',
    schema: commandTemplateSchema,
    help: 'your own backend, with {port} (default the sample backend)',
    section: 'lab',
  }),
  cwd: flagRow({
    flag: 'cwd',
    arg: 'DIR',
    schema: z.string().refine((dir) => existsSync(dir) && statSync(dir).isDirectory(), { message: 'must be an existing folder' }),
    help: 'working folder for --command',
    section: 'lab',
  }),
  hashKey: flagRow({
    flag: 'hash-key',
    arg: 'K',
    schema: oneOf(HASH_KEYS),
    default: DEFAULTS.hashKey,
    help: 'what the hash method hashes (nginx $request_uri, $uri, $remote_addr)',
    section: 'routing',
  }),
  trustForwardedFor: flagRow({
    flag: 'trust-forwarded-for',
    schema: z.boolean(),
    default: DEFAULTS.trustForwardedFor,
    help: 'ip-hash/hash take the client from the first X-Forwarded-For address, so one laptop can play many clients',
    section: 'routing',
  }),
  sticky: flagRow({
    flag: 'sticky',
    schema: z.boolean(),
    default: DEFAULTS.sticky,
    help: 'sticky sessions by cookie (nginx sticky cookie, HAProxy cookie SRV insert)',
    section: 'routing',
  }),
  backups: flagRow({
    flag: 'backup',
    arg: 'N',
    schema: decimalInt(1, MAX_BACKENDS_PER_ADD - 1),
    default: DEFAULTS.backups,
    help: `the last N backends are backups (nginx backup; not with ${listInWords(NO_BACKUP_ALGORITHMS)})`,
    section: 'server',
  }),
  maxFails: flagRow({ flag: 'max-fails', arg: 'N', schema: within(maxFailsSchema), default: DEFAULTS.maxFails, help: 'nginx max_fails, 0 = never mark failed', section: 'server' }),
  failTimeoutMs: flagRow({ flag: 'fail-timeout', arg: 'MS', schema: within(failTimeoutSchema), default: DEFAULTS.failTimeoutMs, help: 'nginx fail_timeout', section: 'server' }),
  maxConns: flagRow({ flag: 'max-conns', arg: 'N', schema: within(maxConnsSchema), default: DEFAULTS.maxConns, help: 'nginx max_conns, 0 = no limit', section: 'server' }),
  slowStartMs: flagRow({
    flag: 'slow-start',
    arg: 'MS',
    schema: within(slowStartSchema),
    default: DEFAULTS.slowStartMs,
    help: 'weight ramps from 0 to full over MS after a backend comes back (nginx Plus slow_start, HAProxy slowstart), 0 = off',
    section: 'server',
  }),
  healthPath: flagRow({
    flag: 'health-path',
    arg: '/health',
    schema: healthPathSchema,
    help: 'GET this path on every backend (the sample backend has /health)',
    section: 'health',
  }),
  healthInterval: flagRow({ flag: 'health-interval', arg: 'MS', schema: within(healthIntervalSchema), default: DEFAULTS.health.intervalMs, help: 'between checks (HAProxy inter)', section: 'health' }),
  healthRise: flagRow({ flag: 'health-rise', arg: 'N', schema: within(healthStreakSchema), default: DEFAULTS.health.rise, help: 'passes to put a backend back', section: 'health' }),
  healthFall: flagRow({ flag: 'health-fall', arg: 'N', schema: within(healthStreakSchema), default: DEFAULTS.health.fall, help: 'failures to take it out', section: 'health' }),
  token: flagRow({
    flag: 'token',
    arg: 'T',
    schema: controlTokenSchema,
    env: 'LB_LAB_TOKEN',
    defaultText: 'a random one, printed in the dashboard URL',
    help: 'the token the control API requires (16+ URL-safe characters; LB_LAB_TOKEN=T does the same)',
    section: 'lab',
  }),
  connectTimeoutMs: flagRow({ flag: 'connect-timeout', arg: 'MS', schema: decimalInt(1, 2_147_483_647), default: DEFAULT_PROXY_SETTINGS.connectTimeoutMs, help: 'nginx proxy_connect_timeout, HAProxy timeout connect', section: 'proxy' }),
  readTimeoutMs: flagRow({ flag: 'read-timeout', arg: 'MS', schema: decimalInt(1, 2_147_483_647), default: DEFAULT_PROXY_SETTINGS.readTimeoutMs, help: 'nginx proxy_read_timeout, HAProxy timeout server: the longest wait for the response to start and between two reads', section: 'proxy' }),
  nextUpstream: flagRow({
    flag: 'next-upstream',
    arg: 'LIST',
    schema: z
      .string()
      .transform((text) => (text === 'off' ? [] : text.split(',')))
      .pipe(proxySettingsPatchSchema.shape.nextUpstream.unwrap()),
    default: [...DEFAULT_PROXY_SETTINGS.nextUpstream],
    help: `nginx proxy_next_upstream, HAProxy retry-on: when a failed attempt goes to the next server (${NEXT_UPSTREAM_CONDITIONS.join(', ')}; off for none)`,
    section: 'proxy',
  }),
  nextUpstreamTries: flagRow({ flag: 'next-upstream-tries', arg: 'N', schema: decimalInt(0, 1000), default: DEFAULT_PROXY_SETTINGS.nextUpstreamTries, help: 'nginx proxy_next_upstream_tries, HAProxy retries: attempts per request, 0 = no limit', section: 'proxy' }),
  setupFile: flagRow({ flag: 'setup', arg: 'FILE', schema: z.string().min(1), help: 'start the lab from a setup file (resources/setup.schema.json)', section: 'setup' }),
  nginxFile: flagRow({ flag: 'nginx', arg: 'FILE', schema: z.string().min(1), help: 'start the lab from an nginx.conf or a bare upstream block: each server becomes a local backend', section: 'setup' }),
  upstream: flagRow({ flag: 'upstream', arg: 'NAME', schema: z.string().min(1), help: 'which upstream block of --nginx to take (needed when there are several)', section: 'setup' }),
  scenario: flagRow({ flag: 'scenario', arg: 'ID', schema: scenarioIdSchema, help: 'start with a guided scenario (resources/scenarios/ID.json) on its tutorial ports, or from --base-port if given', section: 'setup' }),
};

export type Flags = typeof FLAGS;
export type FlagKey = keyof Flags;

/** The value of one row: always there when it has a default, else possibly undefined. */
type ValueOf<R> = R extends WithDefault<infer T> ? T : R extends FlagRow<infer T> ? T | undefined : never;

/** Every flag's parsed value, by option name. */
export type FlagValues = { [K in FlagKey]: ValueOf<Flags[K]> };

/** Inline text without its markup, for a terminal. */
function plainText(text: ReadonlyArray<string | { code: string }>): string {
  return text.map((part) => (typeof part === 'string' ? part : part.code)).join('');
}
