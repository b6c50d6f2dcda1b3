import { type NginxDirective, parseNginxConfig } from './parse-nginx-config';
import { parseNginxDuration } from './nginx-duration';
import { parseSetup } from './parse-setup';
import { NGINX_PROXY_DEFAULTS, SERVER_DEFAULTS } from './setup-defaults';
import { type BackendSetup, type LabSetup, NEXT_UPSTREAM_CONDITIONS, type NextUpstreamCondition, type ProxySetup, SETUP_VERSION } from './setup-schema';
import type { HashKey } from '../../shared/types';

export interface NginxImportOptions {
  /** The upstream block to take when the file has several. */
  upstream?: string;
  /** The first backend's port; the next servers take the next ports. */
  basePort: number;
  /** The proxy's port when no `listen` names one (default 8080). */
  proxyPort?: number;
}

/** Which nginx `server` became which local backend. */
export interface ServerMapping {
  /** The address as written (`demo_api_1:8001`, `unix:/tmp/app.sock`). */
  server: string;
  port: number;
  line: number;
}

export interface NginxImport {
  setup: LabSetup;
  upstream: string | null;
  mapping: ServerMapping[];
  /** What the lab cannot model, in plain words, one line each. */
  unsupported: string[];
}

/** A refused import: why, and where (1-based). */
export interface NginxImportError {
  error: string;
  line: number;
  column: number;
}

export type NginxImportResult = { ok: true; value: NginxImport } | ({ ok: false } & NginxImportError);

const HASH_KEYS: Record<string, HashKey> = { $request_uri: 'request-uri', $uri: 'path', $remote_addr: 'client' };
/** Upstream directives that change nothing about which server answers in a lab. */
const UPSTREAM_NOTES: Record<string, string> = {
  zone: 'shares state between worker processes; the lab is one process',
  keepalive: 'keeps idle connections to the servers; the lab pools its own',
  keepalive_requests: 'limits requests per kept-alive connection; the lab pools its own',
  keepalive_time: 'limits how long a kept-alive connection lives; the lab pools its own',
  keepalive_timeout: 'closes idle kept-alive connections; the lab pools its own',
  resolver: 'resolves server names; lab backends are local ports',
  resolver_timeout: 'resolves server names; lab backends are local ports',
  ntlm: 'pins NTLM-authenticated connections; the lab does not model them',
  queue: 'queues requests when every server is at max_conns (nginx Plus); the lab answers 502',
  state: 'keeps the server list in a file (nginx Plus); a lab setup file does that',
};

class ImportFault extends Error {
  constructor(
    message: string,
    readonly at: { line: number; column: number },
  ) {
    super(message);
  }
}

/**
 * A lab setup from an nginx config: a whole nginx.conf, a bare `upstream`
 * block or bare `server` lines. Each server becomes a local backend on the
 * next port from `basePort`, whatever host it named; the method and server
 * parameters come along, and so do the timeouts, retry conditions and
 * real-IP setting of the location that proxies to it. Any error (syntax,
 * a bad value) names its line and column, and nothing else is returned.
 */
export function importNginx(text: string, options: NginxImportOptions): NginxImportResult {
  const parsed = parseNginxConfig(text);
  if (!parsed.ok) return { ok: false, error: parsed.error, line: parsed.line, column: parsed.column };
  try {
    return { ok: true, value: build(parsed.directives, options) };
  } catch (error) {
    if (!(error instanceof ImportFault)) throw error;
    const { line, column } = error.at;
    return { ok: false, error: `line ${line}, column ${column}: ${error.message}`, line, column };
  }
}

function build(directives: NginxDirective[], options: NginxImportOptions): NginxImport {
  const unsupported: string[] = [];
  const { name, body, at } = chooseUpstream(directives, options.upstream);
  // nginx's defaults written out, so the setup says what nginx would do (a 60 s connect timeout, not the lab's 1 s).
  const proxy: ProxySetup = { port: options.proxyPort ?? 8080, algorithm: 'round-robin', ...NGINX_PROXY_DEFAULTS, nextUpstream: [...NGINX_PROXY_DEFAULTS.nextUpstream] };
  let method: ProxySetup['algorithm'] | null = null;
  const backends: BackendSetup[] = [];
  const mapping: ServerMapping[] = [];

  for (const d of body) {
    switch (d.name) {
      case 'server': {
        const port = options.basePort + backends.length;
        const { backend, notes } = server(d, port);
        backends.push(backend);
        mapping.push({ server: d.args[0]!, port, line: d.line });
        unsupported.push(...notes);
        break;
      }
      case 'least_conn':
        method = 'least-conn';
        break;
      case 'ip_hash':
        method = 'ip-hash';
        break;
      case 'least_time':
        method = 'least-time';
        unsupported.push(`line ${d.line}: least_time ${d.args.join(' ')} (nginx Plus) becomes the lab's least-time, which weighs time to first byte`);
        break;
      case 'hash': {
        method = 'hash';
        const key = d.args[0] ?? '';
        const hashKey = HASH_KEYS[key];
        if (hashKey) proxy.hashKey = hashKey;
        else unsupported.push(`line ${d.line}: hash key ${key} is not one the lab hashes ($request_uri, $uri, $remote_addr); it hashes $request_uri`);
        if (d.args[1] !== 'consistent') unsupported.push(`line ${d.line}: hash without "consistent" maps keys by modulo; the lab's hash is always the consistent (ketama) one`);
        break;
      }
      case 'random':
        method = 'random-two';
        if (d.args[0] !== 'two') unsupported.push(`line ${d.line}: random without "two" picks one server at random; the lab picks the less loaded of two (random two)`);
        else if (d.args[1] !== undefined && d.args[1] !== 'least_conn') unsupported.push(`line ${d.line}: random two ${d.args[1]}: the lab compares connections (least_conn)`);
        break;
      case 'sticky':
        proxy.sticky = true;
        if (d.args[0] !== 'cookie') unsupported.push(`line ${d.line}: sticky ${d.args[0] ?? ''} (nginx Plus): the lab's sticky sessions use a cookie it sets itself`);
        break;
      default:
        unsupported.push(`line ${d.line}: ${d.name}: ${UPSTREAM_NOTES[d.name] ?? 'not something the lab models'}`);
    }
  }
  if (backends.length === 0) throw new ImportFault(`upstream${name ? ` ${name}` : ''} has no server`, at);
  proxy.algorithm = method ?? (backends.some((b) => b.weight !== 1) ? 'weighted' : 'round-robin');

  const site = name ? proxySite(directives, name) : null;
  if (site) readSite(site, proxy, unsupported);
  const health = site ? healthCheck(site.location) : undefined;

  const setup: LabSetup = { version: SETUP_VERSION, proxy, ...(health ? { health } : {}), backends };
  const checked = parseSetup(setup);
  if (!checked.ok) {
    const index = /^backends\.(\d+)\./.exec(checked.field)?.[1];
    const where = index !== undefined ? body.filter((d) => d.name === 'server')[Number(index)]! : at;
    throw new ImportFault(checked.error, where);
  }
  return { setup: checked.value, upstream: name, mapping, unsupported };
}

function chooseUpstream(directives: NginxDirective[], wanted: string | undefined): { name: string | null; body: NginxDirective[]; at: { line: number; column: number } } {
  const upstreams = walk(directives).filter((d) => d.name === 'upstream' && d.block);
  if (upstreams.length === 0) {
    // Bare `server` lines pasted on their own: the body of an upstream without its name.
    const servers = directives.filter((d) => d.name === 'server' && !d.block);
    if (servers.length > 0) return { name: null, body: directives, at: servers[0]! };
    throw new ImportFault('no upstream block and no server lines found', directives[0] ?? { line: 1, column: 1 });
  }
  if (wanted !== undefined) {
    const found = upstreams.find((u) => u.args[0] === wanted);
    if (!found) throw new ImportFault(`no upstream named ${wanted} (there is ${upstreams.map((u) => u.args[0]).join(', ')})`, upstreams[0]!);
    return { name: wanted, body: found.block!, at: found };
  }
  if (upstreams.length > 1) throw new ImportFault(`${upstreams.length} upstream blocks (${upstreams.map((u) => u.args[0]).join(', ')}): choose one with upstream`, upstreams[1]!);
  const only = upstreams[0]!;
  return { name: only.args[0] ?? null, body: only.block!, at: only };
}

function server(d: NginxDirective, port: number): { backend: BackendSetup; notes: string[] } {
  const [address, ...params] = d.args;
  if (address === undefined) throw new ImportFault('server needs an address', d);
  const notes: string[] = [];
  if (address.startsWith('unix:')) notes.push(`line ${d.line}: server ${address} is a Unix socket; the lab runs it as a TCP backend on port ${port}`);
  const backend: BackendSetup = { port, weight: SERVER_DEFAULTS.weight, maxFails: SERVER_DEFAULTS.maxFails, failTimeoutMs: SERVER_DEFAULTS.failTimeoutMs };
  for (const param of params) {
    const [key, value] = splitParam(param);
    const number = (): number => {
      if (value === undefined || !/^\d+$/.test(value)) throw new ImportFault(`invalid parameter "${param}"`, d);
      return Number(value);
    };
    const duration = (): number => {
      const ms = value === undefined ? null : parseNginxDuration(value);
      if (ms === null) throw new ImportFault(`invalid parameter "${param}"`, d);
      return ms;
    };
    switch (key) {
      case 'weight':
        backend.weight = number();
        break;
      case 'max_fails':
        backend.maxFails = number();
        break;
      case 'fail_timeout':
        backend.failTimeoutMs = duration();
        break;
      case 'max_conns':
        backend.maxConns = number();
        break;
      case 'slow_start':
        backend.slowStartMs = duration();
        break;
      case 'backup':
        backend.backup = true;
        break;
      case 'down':
        backend.down = true;
        break;
      case 'drain':
        backend.drain = true;
        break;
      case 'resolve':
        notes.push(`line ${d.line}: server ${address} resolve: re-resolving names does not apply to a local port`);
        break;
      default:
        notes.push(`line ${d.line}: server ${address} ${param}: not something the lab models`);
    }
  }
  return { backend, notes };
}

function splitParam(param: string): [string, string | undefined] {
  const eq = param.indexOf('=');
  return eq === -1 ? [param, undefined] : [param.slice(0, eq), param.slice(eq + 1)];
}

/** Every directive, depth first. */
function walk(directives: NginxDirective[]): NginxDirective[] {
  return directives.flatMap((d) => [d, ...walk(d.block ?? [])]);
}

/** The http, server and location around the `proxy_pass http://<name>` that uses the upstream; the nearer level wins, as nginx inherits. */
interface Site {
  levels: NginxDirective[][];
  location: NginxDirective[];
  server: NginxDirective[];
}

function proxySite(directives: NginxDirective[], name: string): Site | null {
  const search = (list: NginxDirective[], levels: NginxDirective[][], server: NginxDirective[] | null): Site | null => {
    for (const d of list) {
      if (d.name === 'proxy_pass' && /^https?:\/\/([^/:]+)/.exec(d.args[0] ?? '')?.[1] === name && server) {
        return { levels: [...levels, list], location: list, server };
      }
      if (d.block) {
        const found = search(d.block, [...levels, list], d.name === 'server' ? d.block : server);
        if (found) return found;
      }
    }
    return null;
  };
  return search(directives, [], null);
}

/** The nearest value of `name` from the location outwards. */
function inherited(site: Site, name: string): NginxDirective | undefined {
  for (const level of [...site.levels].reverse()) {
    const found = level.find((d) => d.name === name);
    if (found) return found;
  }
  return undefined;
}

function readSite(site: Site, proxy: ProxySetup, unsupported: string[]): void {
  const listen = site.server.find((d) => d.name === 'listen');
  const port = listen ? /(?:^|:)(\d+)$/.exec(listen.args[0] ?? '')?.[1] : undefined;
  if (port !== undefined) proxy.port = Number(port);
  const time = (name: string): number | undefined => {
    const d = inherited(site, name);
    if (!d) return undefined;
    const ms = parseNginxDuration(d.args[0] ?? '');
    if (ms === null) throw new ImportFault(`invalid value "${d.args[0] ?? ''}" in ${name}`, d);
    return ms;
  };
  const connect = time('proxy_connect_timeout');
  if (connect !== undefined) proxy.connectTimeoutMs = connect;
  const read = time('proxy_read_timeout');
  if (read !== undefined) proxy.readTimeoutMs = read;
  const next = inherited(site, 'proxy_next_upstream');
  if (next) {
    const known = new Set<string>(NEXT_UPSTREAM_CONDITIONS);
    proxy.nextUpstream = next.args[0] === 'off' ? [] : (next.args.filter((a) => known.has(a)) as NextUpstreamCondition[]);
    for (const a of next.args) if (a !== 'off' && !known.has(a)) unsupported.push(`line ${next.line}: proxy_next_upstream ${a}: the lab does not retry on it`);
  }
  const tries = inherited(site, 'proxy_next_upstream_tries');
  if (tries) {
    if (!/^\d+$/.test(tries.args[0] ?? '')) throw new ImportFault(`invalid value "${tries.args[0] ?? ''}" in proxy_next_upstream_tries`, tries);
    proxy.nextUpstreamTries = Number(tries.args[0]);
  }
  const realIp = inherited(site, 'real_ip_header');
  if (realIp && realIp.args[0]?.toLowerCase() === 'x-forwarded-for') proxy.trustForwardedFor = true;
}

/** nginx Plus `health_check` in the location: its defaults are interval=5s, passes=1, fails=1, uri=/. */
function healthCheck(location: NginxDirective[]): LabSetup['health'] {
  const d = location.find((x) => x.name === 'health_check');
  if (!d) return undefined;
  const health = { path: '/', intervalMs: 5000, rise: 1, fall: 1 };
  for (const param of d.args) {
    const [key, value = ''] = splitParam(param);
    if (key === 'uri') health.path = value;
    else if (key === 'interval') health.intervalMs = parseNginxDuration(value) ?? health.intervalMs;
    else if (key === 'passes') health.rise = Number(value);
    else if (key === 'fails') health.fall = Number(value);
  }
  return health;
}
