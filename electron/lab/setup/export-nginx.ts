import { STICKY_COOKIE } from '../proxy/sticky-cookie';
import { describeFault } from './describe-fault';
import { formatDuration, SERVER_DEFAULTS } from './setup-defaults';
import { DEFAULT_PROXY_SETTINGS } from '../../shared/proxy-settings';
import type { BackendSetup, LabSetup } from './setup-schema';

/** Where the exported upstream sends requests: `host:port` of the backend at `index`. Default `127.0.0.1:<port>`. */
export type ServerAddress = (backend: BackendSetup, index: number) => string;

export interface NginxExportOptions {
  address?: ServerAddress;
}

/** The name of the exported upstream block; an import picks it when there are several. */
export const UPSTREAM_NAME = 'lab_backends';

/**
 * A complete nginx.conf that balances as `setup` does: method, every
 * server's parameters, timeouts and retry conditions. What only nginx Plus
 * has (slow_start, least_time, sticky, drain, health_check) is a comment
 * naming the Plus directive, so open-source nginx accepts the file as it is.
 */
export function exportNginx(setup: LabSetup, options: NginxExportOptions = {}): string {
  const address = options.address ?? ((b: BackendSetup) => `127.0.0.1:${b.port}`);
  const { proxy } = setup;
  const nextUpstream = proxy.nextUpstream ?? DEFAULT_PROXY_SETTINGS.nextUpstream;
  const lines = [
    `# nginx.conf exported by Load Balancer Lab: the lab on port ${proxy.port}, method ${proxy.algorithm}.`,
    '# Check it with `nginx -t -c nginx.conf`.',
    '',
    '# One worker: nginx keeps each worker\'s round-robin position apart (no shared `zone` here),',
    '# so only one worker gives the order the lab showed.',
    'worker_processes 1;',
    'pid /run/nginx.pid;',
    'error_log /var/log/nginx/error.log;',
    '',
    'events {',
    '    worker_connections 1024;',
    '}',
    '',
    'http {',
    '    access_log /var/log/nginx/access.log;',
    '',
    `    upstream ${UPSTREAM_NAME} {`,
    ...methodLines(setup).map((l) => `        ${l}`),
    ...setup.backends.map((b, i) => `        ${serverLine(setup, b, address(b, i))}`),
    '    }',
    '',
    '    server {',
    `        listen ${proxy.port};`,
    ...(proxy.trustForwardedFor ? realIpLines().map((l) => `        ${l}`) : []),
    '',
    '        location / {',
    `            proxy_pass http://${UPSTREAM_NAME};`,
    '            proxy_set_header Host $host;',
    '            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    `            proxy_connect_timeout ${formatDuration(proxy.connectTimeoutMs ?? DEFAULT_PROXY_SETTINGS.connectTimeoutMs)};`,
    `            proxy_read_timeout ${formatDuration(proxy.readTimeoutMs ?? DEFAULT_PROXY_SETTINGS.readTimeoutMs)};`,
    `            proxy_next_upstream ${nextUpstream.length > 0 ? nextUpstream.join(' ') : 'off'};`,
    `            proxy_next_upstream_tries ${proxy.nextUpstreamTries ?? DEFAULT_PROXY_SETTINGS.nextUpstreamTries};`,
    ...healthLines(setup).map((l) => `            ${l}`),
    '        }',
    '    }',
    '}',
    '',
  ];
  return lines.join('\n');
}

function methodLines(setup: LabSetup): string[] {
  const { proxy } = setup;
  const lines: string[] = [];
  switch (proxy.algorithm) {
    case 'round-robin':
      lines.push('# round-robin: nginx\'s default method; the lab takes every weight as 1, so each server has weight=1.');
      break;
    case 'weighted':
      lines.push('# weighted: nginx\'s default smooth weighted round-robin.');
      break;
    case 'least-conn':
      lines.push('least_conn;');
      break;
    case 'ip-hash':
      lines.push('ip_hash;');
      break;
    case 'hash': {
      const key = { 'request-uri': '$request_uri', path: '$uri', client: '$remote_addr' }[proxy.hashKey ?? 'request-uri'];
      lines.push(`hash ${key} consistent;`);
      break;
    }
    case 'random-two':
      lines.push('random two least_conn;');
      break;
    case 'least-time':
      lines.push('# least-time is nginx Plus: `least_time header;`. Open-source nginx has least_conn, the nearest.');
      lines.push('least_conn;');
      break;
  }
  if (proxy.sticky) lines.push(`# sticky sessions are nginx Plus: \`sticky cookie ${STICKY_COOKIE};\`.`);
  return lines;
}

function serverLine(setup: LabSetup, backend: BackendSetup, address: string): string {
  const roundRobin = setup.proxy.algorithm === 'round-robin';
  const weight = roundRobin ? 1 : (backend.weight ?? SERVER_DEFAULTS.weight);
  const params = [`server ${address}`];
  // nginx refuses weight=0; `down` is its way to take no requests.
  if (weight > 0) params.push(`weight=${weight}`);
  params.push(`max_fails=${backend.maxFails ?? SERVER_DEFAULTS.maxFails}`);
  // nginx reads fail_timeout in whole seconds (ngx_parse_time with is_sec): round up, and say so.
  const failTimeoutMs = backend.failTimeoutMs ?? SERVER_DEFAULTS.failTimeoutMs;
  const failTimeoutS = Math.ceil(failTimeoutMs / 1000);
  params.push(`fail_timeout=${failTimeoutS}s`);
  if (backend.maxConns) params.push(`max_conns=${backend.maxConns}`);
  if (backend.backup) params.push('backup');
  if (backend.down || weight === 0) params.push('down');
  const notes: string[] = [];
  if (weight === 0 && !backend.down) notes.push('weight 0 in the lab; nginx has no weight 0, so down');
  if (roundRobin && (backend.weight ?? 1) !== 1) notes.push(`lab weight ${backend.weight} unused by round-robin`);
  if (failTimeoutS * 1000 !== failTimeoutMs) notes.push(`lab fail_timeout ${failTimeoutMs}ms; nginx counts whole seconds`);
  if (backend.slowStartMs) notes.push(`nginx Plus: slow_start=${formatDuration(backend.slowStartMs)}`);
  if (backend.drain) notes.push('nginx Plus: drain');
  const fault = describeFault(backend.fault);
  if (fault) notes.push(`lab fault, not nginx: ${fault}`);
  return `${params.join(' ')};${notes.length > 0 ? `  # ${notes.join('; ')}` : ''}`;
}

/**
 * The lab takes the first X-Forwarded-For address as the client. realip
 * with every address trusted and recursion on walks the header back to its
 * first entry, the same address (checked against nginx 1.22).
 */
function realIpLines(): string[] {
  return [
    '# X-Forwarded-For names the client (anyone can send it: trust it only behind your own proxy).',
    'set_real_ip_from 0.0.0.0/0;',
    'set_real_ip_from ::/0;',
    'real_ip_header X-Forwarded-For;',
    'real_ip_recursive on;',
  ];
}

function healthLines(setup: LabSetup): string[] {
  const health = setup.health;
  if (!health) return [];
  return [
    `# active health checks are nginx Plus: \`health_check uri=${health.path} interval=${formatDuration(health.intervalMs)} passes=${health.rise} fails=${health.fall};\``,
    '# (it needs a `zone` in the upstream). Open-source nginx only has max_fails/fail_timeout.',
  ];
}
