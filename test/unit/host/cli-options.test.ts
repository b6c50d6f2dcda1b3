import { describe, expect, it } from 'vitest';
import { parseCli, type CliParse } from '../../../electron/host/cli-options';
import { FLAGS } from '../../../electron/host/cli-flags';
import { DEFAULTS } from '../../../electron/lab/defaults';

const NO_ENV = {};
const parse = (...argv: string[]): CliParse => parseCli(argv, NO_ENV);
const errorOf = (...argv: string[]): string => {
  const result = parse(...argv);
  if (result.ok || result.help) throw new Error(`expected a refusal of ${argv.join(' ')}`);
  return result.error;
};

describe('parseCli', () => {
  it('fills in every default from the defaults module when no flag is given', () => {
    const result = parse();
    expect(result.ok && result.options).toMatchObject({
      backends: DEFAULTS.backends,
      basePort: DEFAULTS.basePort,
      proxyPort: DEFAULTS.proxyPort,
      uiPort: DEFAULTS.uiPort,
      algorithm: 'round-robin',
      maxFails: DEFAULTS.maxFails,
      failTimeoutMs: DEFAULTS.failTimeoutMs,
      hashKey: DEFAULTS.hashKey,
    });
    expect(result.ok && 'health' in result.options).toBe(false);
  });

  it('takes one backend per weight and the weighted method when --weights comes alone', () => {
    const result = parse('--weights', '3, 5,2');
    expect(result.ok && result.options).toMatchObject({ backends: 3, weights: [3, 5, 2], algorithm: 'weighted' });
  });

  it('gathers the health-check flags into health, with the defaults for the ones left out', () => {
    const result = parse('--health-path', '/health', '--health-fall', '5');
    expect(result.ok && result.options.health).toEqual({ path: '/health', intervalMs: DEFAULTS.health.intervalMs, rise: DEFAULTS.health.rise, fall: 5 });
  });

  it('refuses ports and counts that are not plain decimal integers, naming the flag', () => {
    for (const [flag, text] of [
      ['--proxy-port', '0x6d60'],
      ['--base-port', '2.8e4'],
      ['--ui-port', '028000'],
      ['--max-conns', '1e3'],
      ['--backends', ''],
      ['--fail-timeout', '-5'],
      ['--health-interval', ' 500'],
    ] as const) {
      expect(errorOf(`${flag}=${text}`, '--health-path', '/h'), `${flag} ${JSON.stringify(text)}`).toMatch(new RegExp(`^${flag}: `));
    }
  });

  it('refuses an empty item in --weights instead of reading it as 0', () => {
    expect(errorOf('--weights', '1,,2')).toBe('--weights: item 2 is empty');
    expect(errorOf('--weights', '1,2,')).toBe('--weights: item 3 is empty');
    expect(errorOf('--weights', '')).toBe('--weights: must not be empty');
    expect(errorOf('--weights', '1,0x10')).toMatch(/^--weights: item 2 must be a whole number 0-256/);
  });

  it('refuses values outside the ranges the shared schemas allow', () => {
    expect(errorOf('--proxy-port', '70000')).toBe('--proxy-port: must be a whole number 1-65535');
    expect(errorOf('--weights', '3,257')).toMatch(/^--weights: item 2 must be a whole number 0-256/);
    expect(errorOf('--max-fails', '1001')).toBe('--max-fails: must be a whole number 0-1000');
  });

  it('checks the rules that span flags, naming the flag at fault', () => {
    expect(errorOf('--backup', '3', '--backends', '3')).toBe('--backup 3 leaves no primary among 3 backend(s)');
    expect(errorOf('--backup', '1', '--algorithm', 'hash')).toMatch(/^--backup: .*nginx `hash`.*Use round-robin, weighted, least-conn or least-time/);
    expect(errorOf('--health-rise', '2')).toBe('--health-rise needs --health-path (health checks are on only with a path)');
    expect(errorOf('--weights', '3,5', '--backends', '3')).toBe('--weights gives 2 weights but --backends is 3');
    expect(errorOf('--ui-port', '9000', '--proxy-port', '9000')).toBe('--ui-port must differ from --proxy-port');
  });

  it('takes --scenario on its own ports, or from --base-port only when that is given, and never with --setup or --nginx', () => {
    const own = parse('--scenario', 'login-session');
    expect(own.ok && own.options.guide).toEqual({ id: 'login-session' });
    const moved = parse('--scenario', 'login-session', '--base-port', '24000');
    expect(moved.ok && moved.options.guide).toEqual({ id: 'login-session', basePort: 24000 });
    expect(errorOf('--scenario', 'Login Session')).toMatch(/^--scenario: /);
    expect(errorOf('--scenario', 'login-session', '--setup', 'lab.json')).toBe('--scenario gives the whole lab, as --setup and --nginx do: choose one');
  });

  it('refuses unknown flags, positionals and a value on a switch', () => {
    expect(errorOf('--frobnicate')).toContain('--frobnicate');
    expect(errorOf('--sticky=yes')).toContain('--sticky');
    expect(errorOf('extra')).toContain('extra');
  });

  it('asks for help with -h or --help, whatever else is given', () => {
    expect(parse('-h')).toEqual({ ok: false, help: true });
    expect(parse('--backends', 'x', '--help')).toEqual({ ok: false, help: true });
  });

  it('reads a row’s environment variable when its flag is absent, and the flag wins when both are given', () => {
    const withEnv = { ...FLAGS.proxyPort, env: 'LB_LAB_TEST_PROXY_PORT' };
    const original = FLAGS.proxyPort;
    (FLAGS as { proxyPort: typeof withEnv }).proxyPort = withEnv;
    try {
      const fromEnv = parseCli([], { LB_LAB_TEST_PROXY_PORT: '9123' });
      expect(fromEnv.ok && fromEnv.options.proxyPort).toBe(9123);
      const fromFlag = parseCli(['--proxy-port', '9124'], { LB_LAB_TEST_PROXY_PORT: '9123' });
      expect(fromFlag.ok && fromFlag.options.proxyPort).toBe(9124);
      const bad = parseCli([], { LB_LAB_TEST_PROXY_PORT: '0x10' });
      expect(!bad.ok && !bad.help && bad.error).toMatch(/^--proxy-port: /);
    } finally {
      (FLAGS as { proxyPort: typeof original }).proxyPort = original;
    }
  });
});
