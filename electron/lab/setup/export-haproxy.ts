import { STICKY_COOKIE } from '../proxy/sticky-cookie';
import { describeFault } from './describe-fault';
import type { ServerAddress } from './export-nginx';
import { formatDuration, SERVER_DEFAULTS } from './setup-defaults';
import { DEFAULT_PROXY_SETTINGS } from '../../shared/proxy-settings';
import type { BackendSetup, LabSetup, NextUpstreamCondition } from './setup-schema';

export interface HaproxyExportOptions {
  address?: ServerAddress;
}

/** nginx retry conditions as HAProxy `retry-on` keywords (null: HAProxy 2.6 has none). */
const RETRY_ON: Record<Exclude<NextUpstreamCondition, 'non_idempotent'>, string | null> = {
  error: 'conn-failure empty-response junk-response',
  timeout: 'response-timeout',
  http_500: '500',
  http_502: '502',
  http_503: '503',
  http_504: '504',
  http_429: null,
};

/**
 * A complete haproxy.cfg for `setup`: timeouts in defaults, a frontend on
 * the proxy's port, a backend with the method, every server's parameters,
 * health checks, sticky cookies and the retry settings. Where HAProxy
 * picks in another order or on another ring than nginx, a comment says so.
 */
export function exportHaproxy(setup: LabSetup, options: HaproxyExportOptions = {}): string {
  const address = options.address ?? ((b: BackendSetup) => `127.0.0.1:${b.port}`);
  const { proxy } = setup;
  const lines = [
    `# haproxy.cfg exported by Load Balancer Lab: the lab on port ${proxy.port}, method ${proxy.algorithm}.`,
    '# Check it with `haproxy -c -f haproxy.cfg`.',
    '',
    'global',
    '    log stdout format raw local0',
    '',
    'defaults',
    '    mode http',
    '    log global',
    '    option httplog',
    `    timeout connect ${formatDuration(proxy.connectTimeoutMs ?? DEFAULT_PROXY_SETTINGS.connectTimeoutMs)}`,
    '    timeout client 60s',
    `    timeout server ${formatDuration(proxy.readTimeoutMs ?? DEFAULT_PROXY_SETTINGS.readTimeoutMs)}`,
    '',
    'frontend lab',
    `    bind :${proxy.port}`,
    ...(proxy.trustForwardedFor
      ? [
          '    # X-Forwarded-For names the client: its first address, as in the lab.',
          '    http-request set-src hdr_ip(X-Forwarded-For,1) if { req.hdr(X-Forwarded-For) -m found }',
        ]
      : []),
    '    option forwardfor',
    '    default_backend lab_backends',
    '',
    'backend lab_backends',
    ...[...balanceLines(setup), ...retryLines(setup), ...healthLines(setup), ...stickyLines(setup)].map((l) => `    ${l}`),
    ...setup.backends.map((b, i) => `    ${serverLine(setup, b, address(b, i))}`),
    '',
  ];
  return lines.join('\n');
}

function balanceLines(setup: LabSetup): string[] {
  const { proxy } = setup;
  const ringNote = "# HAProxy's consistent ring is not nginx's ketama ring: the same key may land on another server.";
  const lines: string[] = [];
  switch (proxy.algorithm) {
    case 'round-robin':
      lines.push('# round-robin: the lab takes every weight as 1, so each server has weight 1.', 'balance roundrobin');
      break;
    case 'weighted':
      lines.push(
        "# HAProxy's roundrobin gives each server its weight's share over a cycle, but not in nginx's smooth order.",
        'balance roundrobin',
      );
      break;
    case 'least-conn':
      lines.push('# ties go in HAProxy\'s own order, not nginx\'s smooth weighted round-robin among the tied.', 'balance leastconn');
      break;
    case 'ip-hash':
      lines.push(
        "# nginx's ip_hash hashes the first three IPv4 octets on its own formula; HAProxy hashes the whole address,",
        '# so clients land on other servers (and two in one /24 may part).',
        'balance source',
        'hash-type map-based',
      );
      break;
    case 'hash': {
      const key = proxy.hashKey ?? 'request-uri';
      lines.push(key === 'request-uri' ? 'balance uri whole' : key === 'path' ? 'balance uri' : 'balance source', 'hash-type consistent', ringNote);
      break;
    }
    case 'random-two':
      lines.push('balance random(2)');
      break;
    case 'least-time':
      lines.push('# least-time (nginx Plus least_time header) has no HAProxy method; leastconn is the nearest.', 'balance leastconn');
      break;
  }
  if (setup.backends.filter((b) => b.backup).length > 1) lines.push('# nginx shares the load over all backups; HAProxy uses only the first without this.', 'option allbackups');
  return lines;
}

/**
 * nginx tries the next server on every retry, each server at most once,
 * with tries 0 meaning as many as there are servers: HAProxy's `retries`
 * with `option redispatch 1` (a new server on every retry).
 */
function retryLines(setup: LabSetup): string[] {
  const { proxy } = setup;
  const conditions = proxy.nextUpstream ?? DEFAULT_PROXY_SETTINGS.nextUpstream;
  const tries = proxy.nextUpstreamTries ?? DEFAULT_PROXY_SETTINGS.nextUpstreamTries;
  if (conditions.length === 0) return ['# proxy_next_upstream off: no retries.', 'retries 0', 'retry-on none'];
  const keywords = new Set(conditions.flatMap((c) => (c === 'non_idempotent' ? [] : (RETRY_ON[c]?.split(' ') ?? []))));
  const lines: string[] = [];
  if (conditions.includes('http_429')) lines.push('# nginx http_429 has no HAProxy 2.6 retry-on keyword.');
  if (conditions.includes('timeout') && !conditions.includes('error')) {
    lines.push('# nginx `timeout` without `error`: HAProxy has one keyword for refused and timed-out connects.');
    keywords.add('conn-failure');
  }
  const servers = Math.max(1, setup.backends.length);
  lines.push(`retries ${tries === 0 ? servers - 1 : tries - 1}`, 'option redispatch 1', `retry-on ${keywords.size > 0 ? [...keywords].join(' ') : 'none'}`);
  if (!conditions.includes('non_idempotent')) {
    lines.push('# as nginx: POST, LOCK and PATCH are retried only when their connection failed.', 'http-request disable-l7-retry if METH_POST || { method LOCK PATCH }');
  }
  return lines;
}

function healthLines(setup: LabSetup): string[] {
  // `#`, quotes and backslashes mean something to HAProxy's line reader; percent-encoded they are the same path.
  const path = setup.health?.path.replace(/[#"'\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return path ? [`option httpchk GET ${path}`] : [];
}

function stickyLines(setup: LabSetup): string[] {
  return setup.proxy.sticky ? [`cookie ${STICKY_COOKIE} insert indirect nocache`] : [];
}

function serverLine(setup: LabSetup, backend: BackendSetup, address: string): string {
  const weight = setup.proxy.algorithm === 'round-robin' ? 1 : (backend.weight ?? SERVER_DEFAULTS.weight);
  const params = [`server s${backend.port} ${address}`, `weight ${backend.drain ? 0 : weight}`];
  if (backend.maxConns) params.push(`maxconn ${backend.maxConns}`);
  if (backend.slowStartMs) params.push(`slowstart ${formatDuration(backend.slowStartMs)}`);
  const health = setup.health;
  if (health) params.push(`check inter ${formatDuration(health.intervalMs)} rise ${health.rise} fall ${health.fall}`);
  if (setup.proxy.sticky) params.push(`cookie s${backend.port}`);
  if (backend.backup) params.push('backup');
  if (backend.down) params.push('disabled');
  const notes: string[] = [];
  if (backend.drain) notes.push(`drain: weight 0 keeps cookie clients (runtime API: set server lab_backends/s${backend.port} state drain); lab weight ${weight}`);
  if (backend.maxConns) notes.push('HAProxy queues past maxconn where nginx moves on');
  const maxFails = backend.maxFails ?? SERVER_DEFAULTS.maxFails;
  if (maxFails > 0 && !health) notes.push(`nginx max_fails=${maxFails} fail_timeout=${formatDuration(backend.failTimeoutMs ?? SERVER_DEFAULTS.failTimeoutMs)} has no HAProxy twin without check`);
  const fault = describeFault(backend.fault);
  if (fault) notes.push(`lab fault, not HAProxy: ${fault}`);
  return `${params.join(' ')}${notes.length > 0 ? `  # ${notes.join('; ')}` : ''}`;
}
