// @ts-check
/**
 * The floor for any Node proxy on this machine: plain node:http with a
 * keep-alive agent, round-robin over the backends, no http-proxy, no
 * failover, no accounting. The bench runs it beside the lab and nginx so the
 * lab's cost can be split into "Node's HTTP" and "the lab's own".
 *
 *   node node-http-floor.mjs <listen-port> <backend-port>...
 */
import http from 'node:http';

const [listen, ...backends] = process.argv.slice(2).map(Number);
const agent = new http.Agent({ keepAlive: true, maxFreeSockets: 1024, scheduling: 'lifo' });
let next = 0;
process.on('SIGTERM', () => process.exit(0));
http
  .createServer((req, res) => {
    const port = backends[next++ % backends.length];
    const upstream = http.request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers, agent }, (upstreamRes) => {
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
      upstreamRes.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  })
  .listen(listen, '127.0.0.1');
