// @ts-check
/**
 * The hammer's own ceiling next to wrk's, on the same lab proxy, in one run:
 *
 *   npx electron-vite build && node test/bench/hammer-ceiling.mjs
 *
 * (the last part of `npm run bench`). A real Lab (3 sample backends on
 * 24400-24402, proxy on 24410) in this process; then, in alternating
 * rounds, wrk and the hammer in closed-loop mode with the same connection
 * count against GET /health; then one open-loop run at the rate cap, to
 * show where its schedule gives out.
 * Prints req/s side by side and the ratio hammer/wrk. Behind the lab
 * proxy both mostly measure the proxy; so, when nginx is installed, the same
 * comparison once more straight against an nginx `return 200` (port 24420),
 * which is the hammer's own ceiling. Shared 2-core machines are noisy: read
 * the ratios, not the absolute figures.
 *
 * Needs wrk on PATH (apt-get install wrk); nginx (nginx-light) is optional. Env: HAMMER_BENCH_SECONDS (5),
 * HAMMER_BENCH_CONNECTIONS (32), HAMMER_BENCH_ROUNDS (3).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { importLab, machine, requireTools, ROOT } from './kit.mjs';

const WORKER = resolve(ROOT, 'out/main/load-worker.js');
const BASE_PORT = 24400;
const PROXY_PORT = 24410;
const NGINX_PORT = 24420;
const SECONDS = Number(process.env.HAMMER_BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.HAMMER_BENCH_CONNECTIONS ?? 32);
const ROUNDS = Number(process.env.HAMMER_BENCH_ROUNDS ?? 3);
const PATH = '/health';

requireTools('hammer-ceiling', ['wrk']);
if (!existsSync(WORKER)) {
  console.error(`hammer-ceiling: ${WORKER} is missing: run \`npx electron-vite build\` first`);
  process.exit(2);
}

// The lab's TypeScript, run as it is (types stripped) with the project's own hooks.
/** @type {import('../../electron/lab/lab')} */
const { Lab } = await importLab('electron/lab/lab.ts');
/** @type {import('../../electron/lab/load/load-generator')} */
const { LoadGenerator } = await importLab('electron/lab/load/load-generator.ts');
/** @type {import('../../electron/lab/wait-until')} */
const { waitUntil } = await importLab('electron/lab/wait-until.ts');

const lab = new Lab({ backends: 3, basePort: BASE_PORT, proxyPort: PROXY_PORT });
const hammer = new LoadGenerator({ workerPath: WORKER });
/** @type {import('node:child_process').ChildProcess | null} */
let nginx = null;
const nginxPrefix = mkdtempSync(join(tmpdir(), 'lb-lab-hammer-ceiling-'));
/** The wrk runs under way, killed by PID if the script ends early. @type {Set<import('node:child_process').ChildProcess>} */
const wrks = new Set();
/** @type {Promise<void> | null} */
let cleaning = null;
/** Stops everything this script started; every caller waits for the same stop. */
function cleanup() {
  cleaning ??= (async () => {
    for (const child of wrks) child.kill('SIGTERM');
    if (nginx?.pid) nginx.kill('SIGQUIT');
    await hammer.shutdown();
    await lab.shutdown();
    rmSync(nginxPrefix, { recursive: true, force: true });
  })();
  return cleaning;
}
/** Set by Ctrl-C or SIGTERM: the run's failures after it are the stop's doing, not errors. */
let stopping = false;
for (const [signal, code] of /** @type {const} */ ([['SIGINT', 130], ['SIGTERM', 143]])) {
  process.on(signal, () => {
    stopping = true;
    void cleanup().then(() => process.exit(code));
  });
}

/**
 * wrk as a child process, awaited: the proxy runs on this process's event loop, so it must not block.
 * @param {number} seconds
 * @param {number} [port]
 * @returns {Promise<{rps: number, p99: string}>}
 */
function wrk(seconds, port = PROXY_PORT) {
  return new Promise((done, fail) => {
    const child = spawn('wrk', ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency', `http://127.0.0.1:${port}${PATH}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    wrks.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('exit', (code) => {
      wrks.delete(child);
      const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]);
      const p99 = /^\s+99%\s+(\S+)/m.exec(stdout)?.[1] ?? '?';
      if (code !== 0 || !Number.isFinite(rps)) fail(new Error(`wrk failed (${code}): ${stderr}\n${stdout}`));
      else done({ rps, p99 });
    });
  });
}

/**
 * @param {import('../../electron/shared/load').LoadInput} input
 * @param {number} [port]
 * @returns {Promise<import('../../electron/shared/load').LoadStatus & {result: import('../../electron/shared/load').LoadResult}>}
 */
async function hammerRun(input, port = lab.proxyPort) {
  hammer.start(input, { host: '127.0.0.1', port });
  const status = await hammer.whenEnded();
  const result = status.result;
  if (!result) throw new Error(`the hammer ended without a result: ${JSON.stringify(status)}`);
  return { ...status, result };
}

try {
  await lab.start();
  if (!(await waitUntil(() => lab.snapshot().backends.every((b) => b.status === 'up'), 20_000))) throw new Error('backends did not come up');
  console.log(`hammer-ceiling: GET ${PATH} through the lab proxy, 3 sample backends, ${CONNECTIONS} connections, ${SECONDS} s a run, ${ROUNDS} alternating rounds, ${machine()}`);
  // Warm-up: JIT and keep-alive pools on both sides.
  await wrk(1);
  await hammerRun({ mode: 'closed', connections: CONNECTIONS, durationS: 1, paths: [PATH] });

  /** @type {{round: number, wrk: number, hammer: number, ratio: string, 'wrk p99': string, 'hammer p99': string, 'hammer errors': number}[]} */
  const rows = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const w = await wrk(SECONDS);
    const h = await hammerRun({ mode: 'closed', connections: CONNECTIONS, durationS: SECONDS, paths: [PATH] });
    const errors = Object.values(h.errors).reduce((a, b) => a + b, 0);
    rows.push({ round, wrk: Math.round(w.rps), hammer: Math.round(h.result.rps), ratio: (h.result.rps / w.rps).toFixed(2), 'wrk p99': w.p99, 'hammer p99': `${h.result.latencyMs.p99}ms`, 'hammer errors': errors });
  }
  console.table(rows);
  const sum = (/** @type {'wrk' | 'hammer'} */ key) => rows.reduce((a, r) => a + r[key], 0);
  console.log(`closed loop, ${CONNECTIONS} connections: wrk ${Math.round(sum('wrk') / ROUNDS)} req/s, hammer ${Math.round(sum('hammer') / ROUNDS)} req/s, ratio hammer/wrk ${(sum('hammer') / sum('wrk')).toFixed(2)}`);

  const cap = (await importLab('electron/shared/load.ts')).LOAD_LIMITS.maxRate;
  const open = await hammerRun({ rate: cap, connections: CONNECTIONS, durationS: SECONDS, paths: [PATH] });
  console.log(
    `open loop at the cap (${cap}/s, ${CONNECTIONS} connections): sent ${open.sent} of ${cap * SECONDS} scheduled, ${Math.round(open.result.rps)} req/s answered, ` +
      `p50 ${open.result.latencyMs.p50} ms / p99 ${open.result.latencyMs.p99} ms from the scheduled times (the backlog shows as latency, as in wrk2)`,
  );

  if (spawnSync('sh', ['-c', 'command -v nginx']).status === 0) {
    mkdirSync(join(nginxPrefix, 'logs'));
    writeFileSync(
      join(nginxPrefix, 'nginx.conf'),
      `worker_processes 1; daemon off; pid ${nginxPrefix}/nginx.pid; error_log ${nginxPrefix}/logs/error.log;
events { worker_connections 1024; }
http { access_log off; server { listen 127.0.0.1:${NGINX_PORT}; location / { return 200 "ok\\n"; } } }
`,
    );
    nginx = spawn('nginx', ['-p', nginxPrefix, '-c', join(nginxPrefix, 'nginx.conf')], { stdio: 'ignore' });
    await sleep(500);
    await wrk(1, NGINX_PORT);
    const w = await wrk(SECONDS, NGINX_PORT);
    const h = await hammerRun({ mode: 'closed', connections: CONNECTIONS, durationS: SECONDS, paths: [PATH] }, NGINX_PORT);
    const o = await hammerRun({ rate: cap, connections: CONNECTIONS, durationS: SECONDS, paths: [PATH] }, NGINX_PORT);
    console.log(`straight at nginx (return 200), the hammer's own ceiling: wrk ${Math.round(w.rps)} req/s, hammer ${Math.round(h.result.rps)} req/s, ratio hammer/wrk ${(h.result.rps / w.rps).toFixed(2)}`);
    console.log(`  open loop at the cap there: sent ${o.sent} of ${cap * SECONDS} scheduled (${((100 * o.sent) / (cap * SECONDS)).toFixed(1)}%), ${Math.round(o.result.rps)} req/s answered, p99 ${o.result.latencyMs.p99} ms`);
  } else {
    console.log('nginx is not installed: skipped the hammer-alone ceiling (apt-get install nginx-light)');
  }
} catch (error) {
  if (!stopping) {
    console.error(`hammer-ceiling: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  }
} finally {
  await cleanup();
}
