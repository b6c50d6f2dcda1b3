// @ts-check
/**
 * `npm run bench`, first part (hammer-ceiling.mjs follows): the lab proxy against nginx (Debian's package) on the same
 * three sample backends, loaded by wrk with the same settings, side by side
 * in one run; then the host's RSS after 20k and after 200k requests.
 * Prints ratios, not absolute claims: these machines are shared and noisy.
 *
 * Needs `nginx` and `wrk` on PATH (apt-get install nginx-light wrk) and a
 * build (`npm run build`, which `npm run bench` does first).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { killChildren, machine, median, requireTools, spawnTracked, startHost } from './kit.mjs';

const BASE_PORT = 24300;
const LAB_PORT = 24380;
const NGINX_PORT = 24390;
const UI_PORT = 24370;
const FLOOR_PORT = 24395;
const DURATION = process.env.BENCH_DURATION ?? '8s';
const CONNECTIONS = process.env.BENCH_CONNECTIONS ?? '32';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
// The sample backend's cheapest answer that starts no visitor session: the
// benchmark measures the proxies, not session bookkeeping in the backends.
const PATH = '/health';

requireTools('bench', ['nginx', 'wrk']);

const prefix = mkdtempSync(join(tmpdir(), 'lb-lab-bench-'));

async function startNginx() {
  mkdirSync(join(prefix, 'logs'), { recursive: true });
  const servers = [0, 1, 2].map((i) => `    server 127.0.0.1:${BASE_PORT + i};`).join('\n');
  writeFileSync(
    join(prefix, 'nginx.conf'),
    `worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  upstream lab {
${servers}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${NGINX_PORT};
    location / {
      proxy_pass http://lab;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host $host;
      proxy_connect_timeout 1;
    }
  }
}
`,
  );
  spawnTracked('nginx', ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'logs/error.log')], { stdio: 'inherit' }, 'SIGQUIT');
  await untilAnswers(NGINX_PORT, 'nginx');
}

async function startFloor() {
  const backends = [0, 1, 2].map((i) => String(BASE_PORT + i));
  spawnTracked(process.execPath, [join(import.meta.dirname, 'node-http-floor.mjs'), String(FLOOR_PORT), ...backends], { stdio: 'inherit' });
  await untilAnswers(FLOOR_PORT, 'the node:http floor proxy');
}

/** Wait (at most 10 s) until the proxy on `port` answers PATH. @param {number} port @param {string} what */
async function untilAnswers(port, what) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}${PATH}`).then((r) => r.ok, () => false);
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`${what} did not come up`);
}

/**
 * @param {number} port
 * @param {string} duration
 * @returns {{ rps: number, p99: number, requests: number }}
 */
function wrk(port, duration) {
  const out = spawnSync('wrk', ['-t1', `-c${CONNECTIONS}`, `-d${duration}`, '--latency', `http://127.0.0.1:${port}${PATH}`], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`wrk failed: ${out.stderr}`);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out.stdout)?.[1]);
  const p99 = /99%\s+([\d.]+)(us|ms|s)/.exec(out.stdout);
  const requests = Number(/(\d+) requests in/.exec(out.stdout)?.[1]);
  const errors = /Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)/.exec(out.stdout);
  if (errors) console.log(`  wrk reported: ${errors[0]}`);
  if (!p99 || !Number.isFinite(rps)) throw new Error(`could not read wrk output:\n${out.stdout}`);
  const scale = p99[2] === 'us' ? 0.001 : p99[2] === 's' ? 1000 : 1;
  return { rps, p99: Number(p99[1]) * scale, requests };
}

/**
 * Resident memory of `pid` in MiB: the median of 5 readings over a second,
 * so one garbage collection just before a reading does not decide it.
 * @param {number} pid
 */
async function rssMiB(pid) {
  const readings = [];
  for (let i = 0; i < 5; i++) {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    readings.push(Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024);
    await sleep(250);
  }
  return median(readings);
}

async function main() {
  const { api, child: host } = await startHost({ backends: 3, basePort: BASE_PORT, proxyPort: LAB_PORT, uiPort: UI_PORT });
  await startNginx();
  await startFloor();
  console.log(`bench: wrk -t1 -c${CONNECTIONS} -d${DURATION} ${PATH}, ${ROUNDS} alternating rounds, 3 sample backends, ${machine()}`);
  wrk(LAB_PORT, '2s');
  wrk(NGINX_PORT, '2s');
  wrk(FLOOR_PORT, '2s');
  /** @type {{lab: {rps:number,p99:number}[], nginx: {rps:number,p99:number}[], floor: {rps:number,p99:number}[]}} */
  const runs = { lab: [], nginx: [], floor: [] };
  for (let round = 1; round <= ROUNDS; round++) {
    const lab = wrk(LAB_PORT, DURATION);
    const ngx = wrk(NGINX_PORT, DURATION);
    const flr = wrk(FLOOR_PORT, DURATION);
    runs.lab.push(lab);
    runs.nginx.push(ngx);
    runs.floor.push(flr);
    console.log(
      `  round ${round}: lab ${lab.rps.toFixed(0)} req/s p99 ${lab.p99.toFixed(2)} ms | nginx ${ngx.rps.toFixed(0)} req/s p99 ${ngx.p99.toFixed(2)} ms | node:http floor ${flr.rps.toFixed(0)} req/s | lab/nginx ${(lab.rps / ngx.rps).toFixed(2)}x`,
    );
  }
  const floorRps = median(runs.floor.map((r) => r.rps));
  const labRps = median(runs.lab.map((r) => r.rps));
  const ngxRps = median(runs.nginx.map((r) => r.rps));
  const labP99 = median(runs.lab.map((r) => r.p99));
  const ngxP99 = median(runs.nginx.map((r) => r.p99));
  const rpsRatio = labRps / ngxRps;
  const p99Ratio = labP99 / ngxP99;

  // Memory: RSS of the host after 20k and after 200k proxied requests.
  if (!host.pid) throw new Error('host is not running');
  await api('/api/stats/reset', 'POST');
  const until = async (/** @type {number} */ count) => {
    for (;;) {
      const { proxy } = await api('/api/snapshot');
      if (proxy.requests >= count) return proxy.requests;
      wrk(LAB_PORT, '1s');
    }
  };
  const at20k = await until(20_000);
  const rss20k = await rssMiB(host.pid);
  const at200k = await until(200_000);
  const rss200k = await rssMiB(host.pid);
  const rssGrowth = rss200k / rss20k - 1;

  console.log('');
  console.log(`lab   req/s ${labRps.toFixed(0).padStart(7)}   p99 ${labP99.toFixed(2)} ms   (median of ${ROUNDS})`);
  console.log(`nginx req/s ${ngxRps.toFixed(0).padStart(7)}   p99 ${ngxP99.toFixed(2)} ms`);
  console.log(`floor req/s ${floorRps.toFixed(0).padStart(7)}   (plain node:http proxy, no http-proxy, no accounting: what any Node proxy can reach here)`);
  console.log(`ratio req/s lab/floor ${(labRps / floorRps).toFixed(2)}x  floor/nginx ${(floorRps / ngxRps).toFixed(2)}x`);
  console.log(`ratio req/s lab/nginx ${rpsRatio.toFixed(2)}x  (target >= 0.5x: ${rpsRatio >= 0.5 ? 'met' : 'NOT met'})`);
  console.log(`ratio p99   lab/nginx ${p99Ratio.toFixed(2)}x  (target <= 2x: ${p99Ratio <= 2 ? 'met' : 'NOT met'})`);
  console.log(`host RSS after ${at20k} requests ${rss20k.toFixed(1)} MiB, after ${at200k} ${rss200k.toFixed(1)} MiB: ${(rssGrowth * 100).toFixed(1)}%  (target within 10%: ${Math.abs(rssGrowth) <= 0.1 ? 'met' : 'NOT met'})`);
}

main()
  .catch((error) => {
    console.error(`bench: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    killChildren();
    await sleep(300);
    rmSync(prefix, { recursive: true, force: true });
  });
