import { describe, expect, it } from 'vitest';
import { exportNginx, importNginx, type NginxImport } from '../../../electron/lab/setup';

function imported(text: string, basePort = 4000, upstream?: string): NginxImport {
  const result = importNginx(text, { basePort, ...(upstream ? { upstream } : {}) });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

// Written from the nginx docs (ngx_http_upstream_module) in the shape of the tutorials the lab grew from.
const DEMO_API = `upstream demo_api {
    server demo_api_1:8001 weight=4;
    server demo_api_2:8001 weight=6;
}`;
const THREE_PORTS = `http {
    upstream app {
        server 127.0.0.1:4000 weight=3;
        server 127.0.0.1:4001 weight=5;
        server 127.0.0.1:4002 weight=2;
    }
    server {
        listen 80;
        location / {
            proxy_pass http://app;
            proxy_connect_timeout 1;
        }
    }
}`;
const RUNSERVER = `events {}
http {
    upstream django {
        server localhost:8000;
        server localhost:8001;
        server localhost:8002;
        server localhost:8003;
    }
    server {
        listen 8080;
        location / { proxy_pass http://django; }
    }
}`;

describe('nginx import', () => {
  it('turns the 4:6 tutorial block into two local backends at weights 4 and 6, saying which server became which port', () => {
    const { setup, mapping, unsupported } = imported(DEMO_API, 21600);
    expect(setup.proxy.algorithm).toBe('weighted');
    expect(setup.backends.map((b) => [b.port, b.weight])).toEqual([[21600, 4], [21601, 6]]);
    expect(mapping).toEqual([
      { server: 'demo_api_1:8001', port: 21600, line: 2 },
      { server: 'demo_api_2:8001', port: 21601, line: 3 },
    ]);
    expect(unsupported).toEqual([]);
  });

  it('turns the 3:5:2 nginx.conf into three backends with its listen port and connect timeout', () => {
    const { setup } = imported(THREE_PORTS, 5000);
    expect(setup.proxy).toMatchObject({ port: 80, algorithm: 'weighted', connectTimeoutMs: 1000 });
    expect(setup.backends.map((b) => [b.port, b.weight])).toEqual([[5000, 3], [5001, 5], [5002, 2]]);
  });

  it('turns four runserver ports into four round-robin backends on the next ports', () => {
    const { setup } = imported(RUNSERVER, 4100);
    expect(setup.proxy).toMatchObject({ port: 8080, algorithm: 'round-robin' });
    expect(setup.backends.map((b) => b.port)).toEqual([4100, 4101, 4102, 4103]);
  });

  it('carries the method and every server parameter', () => {
    const { setup } = imported(`upstream u {
      least_conn;
      server a:1 weight=2 max_fails=3 fail_timeout=30s max_conns=5 slow_start=1m;
      server b:1 backup;
      server c:1 down drain;
    }`);
    expect(setup.proxy.algorithm).toBe('least-conn');
    expect(setup.backends).toEqual([
      { port: 4000, weight: 2, maxFails: 3, failTimeoutMs: 30_000, maxConns: 5, slowStartMs: 60_000 },
      { port: 4001, weight: 1, maxFails: 1, failTimeoutMs: 10_000, backup: true },
      { port: 4002, weight: 1, maxFails: 1, failTimeoutMs: 10_000, down: true, drain: true },
    ]);
  });

  it.each([
    ['ip_hash;', { algorithm: 'ip-hash' }],
    ['hash $request_uri consistent;', { algorithm: 'hash', hashKey: 'request-uri' }],
    ['hash $uri consistent;', { algorithm: 'hash', hashKey: 'path' }],
    ['hash $remote_addr consistent;', { algorithm: 'hash', hashKey: 'client' }],
    ['random two least_conn;', { algorithm: 'random-two' }],
    ['least_time header;', { algorithm: 'least-time' }],
    ['sticky cookie srv_id;', { algorithm: 'round-robin', sticky: true }],
  ])('reads %s as the lab method', (directive, proxy) => {
    expect(imported(`upstream u { ${directive} server a:1; server b:1; }`).setup.proxy).toMatchObject(proxy);
  });

  it('lists in plain words what the lab cannot model, and still imports the servers', () => {
    const { setup, unsupported } = imported(`upstream u {
      zone backend 64k;
      keepalive 16;
      server api.internal:8080 resolve;
      server unix:/tmp/app.sock;
      hash $cookie_user;
    }`);
    expect(setup.backends).toHaveLength(2);
    expect(unsupported).toEqual([
      expect.stringMatching(/^line 2: zone: .*one process/),
      expect.stringMatching(/^line 3: keepalive: /),
      expect.stringMatching(/^line 4: server api\.internal:8080 resolve: /),
      expect.stringMatching(/^line 5: server unix:\/tmp\/app\.sock is a Unix socket; the lab runs it as a TCP backend on port 4001/),
      expect.stringMatching(/^line 6: hash key \$cookie_user /),
      expect.stringMatching(/^line 6: hash without "consistent" /),
    ]);
  });

  it.each([
    ['a missing semicolon', 'upstream u {\n    server a:1 weight=4\n}\n', 3, 1, 'unexpected "}"'],
    ['an unclosed block', 'upstream u {\n    server a:1;\n', 3, 1, 'unexpected end of file, expecting "}"'],
    ['a stray brace', 'upstream u {\n    server a:1;\n}\n}\n', 4, 1, 'unexpected "}"'],
    ['an unclosed quote', 'upstream u {\n  server "a:1;\n}\n', 2, 10, 'quoted string'],
    ['text glued to a quote', 'upstream u {\n  server "a:1"x;\n}\n', 2, 15, 'unexpected "x"'],
    ['a bad weight', 'upstream u {\n  server a:1;\n  server b:1 weight=heavy;\n}\n', 3, 3, 'invalid parameter "weight=heavy"'],
    ['a weight above 256', 'upstream u {\n  server a:1 weight=300;\n}\n', 2, 3, 'backends.0.weight'],
    ['a backup under ip_hash', 'upstream u {\n  ip_hash;\n  server a:1;\n  server b:1 backup;\n}\n', 4, 3, 'backup'],
  ])('refuses %s naming its line and column, and returns nothing else', (_what, text, line, column, message) => {
    const result = importNginx(text, { basePort: 4000 });
    expect(result).toEqual({ ok: false, line, column, error: expect.stringContaining(message) });
    expect((result as { error: string }).error.startsWith(`line ${line}, column ${column}: `)).toBe(true);
  });

  it('asks which upstream when a file has several, and takes the one named', () => {
    const text = 'upstream a { server x:1; }\nupstream b { server y:1; server z:1; }';
    expect(importNginx(text, { basePort: 4000 })).toMatchObject({ ok: false, line: 2, error: expect.stringContaining('choose one') });
    expect(imported(text, 4000, 'b').setup.backends).toHaveLength(2);
  });

  it('takes bare server lines as an upstream', () => {
    expect(imported('server 10.0.0.1:80 weight=2;\nserver 10.0.0.2:80;').setup.backends.map((b) => b.weight)).toEqual([2, 1]);
  });

  it.each([
    ['the 4:6 tutorial', DEMO_API],
    ['the 3:5:2 nginx.conf', THREE_PORTS],
    ['the runserver ports', RUNSERVER],
    [
      'every method and parameter open-source nginx has',
      `http {
        upstream lab { hash $uri consistent; server a:1 weight=3 max_fails=0 fail_timeout=3s max_conns=7; server b:1 down; }
        server { listen 9000; set_real_ip_from 0.0.0.0/0; real_ip_header X-Forwarded-For;
          location / { proxy_pass http://lab; proxy_read_timeout 5s; proxy_next_upstream error http_503 non_idempotent; proxy_next_upstream_tries 2; } }
      }`,
    ],
    ['retries off behind least_conn with a backup', 'http { upstream u { least_conn; server a:1; server b:1 backup; } server { listen 81; location / { proxy_pass http://u; proxy_next_upstream off; } } }'],
  ])('import -> export -> import gives the same setup for %s', (_what, text) => {
    const first = imported(text, 4000).setup;
    const again = importNginx(exportNginx(first), { basePort: 4000 });
    expect(again.ok && again.value.setup).toEqual(first);
  });
});
