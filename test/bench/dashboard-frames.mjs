// @ts-check
/**
 * `npm run bench:ui`: how the dashboard holds up while the proxy serves
 * thousands of requests a second. Starts the built headless lab, opens the
 * dashboard in Debian's Chromium, loads the proxy with wrk, and measures in
 * the page: frame times (requestAnimationFrame), long tasks, and how many
 * snapshots per second arrived on the events stream.
 *
 * Needs `wrk` and `chromium` (apt-get install wrk chromium) and a build.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '../..');
const BASE_PORT = 24200;
const PROXY_PORT = 24280;
const UI_PORT = 24270;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);

/** The control API's token, chosen here so the script can send it (LB_LAB_TOKEN). */
const TOKEN = randomBytes(32).toString('base64url');

const host = spawn(process.execPath, [join(ROOT, 'out/main/cli.js'), '--backends', '3', '--weights', '1,2,1', '--base-port', String(BASE_PORT), '--proxy-port', String(PROXY_PORT), '--ui-port', String(UI_PORT)], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, LB_LAB_TOKEN: TOKEN },
});
process.on('exit', () => host.kill('SIGTERM'));

/** @param {number[]} values @param {number} p */
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

async function main() {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${UI_PORT}/api/snapshot`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error('the lab did not start');
    await sleep(200);
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    /** @type {number[]} */
    const snapshotTimes = [];
    page.on('websocket', (ws) =>
      ws.on('framereceived', (frame) => {
        if (String(frame.payload).startsWith('{"type":"snapshot"')) snapshotTimes.push(Date.now());
      }),
    );
    // The URL the lab prints: it sets the dashboard's token cookie.
    await page.goto(`http://127.0.0.1:${UI_PORT}/?token=${TOKEN}`);
    await page.waitForSelector(`[data-testid="backend-${BASE_PORT}"]`);
    await sleep(1000);

    const load = new Promise((resolve) => {
      const wrk = spawn('wrk', ['-t1', '-c32', `-d${SECONDS}s`, `http://127.0.0.1:${PROXY_PORT}/health`], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      wrk.stdout.on('data', (d) => (out += d));
      wrk.on('exit', () => resolve(Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1])));
    });
    await sleep(1000);
    const from = Date.now();
    // Runs in the page: the browser's requestAnimationFrame, not Node's.
    const measured = await page.evaluate(async (ms) => {
      /** @type {(callback: (now: number) => void) => number} */
      const raf = /** @type {any} */ (globalThis).requestAnimationFrame;
      /** @type {number[]} */
      const frames = [];
      /** @type {number[]} */
      const longTasks = [];
      const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
      observer.observe({ type: /** @type {any} */ ('longtask'), buffered: false });
      await new Promise((done) => {
        const end = performance.now() + ms;
        let last = performance.now();
        const step = (/** @type {number} */ now) => {
          frames.push(now - last);
          last = now;
          if (now < end) raf(step);
          else done(null);
        };
        raf(step);
      });
      observer.disconnect();
      return { frames, longTasks };
    }, (SECONDS - 2) * 1000);
    const to = Date.now();
    const rps = await load;
    const snapshots = snapshotTimes.filter((t) => t >= from && t <= to).length / ((to - from) / 1000);
    const { frames, longTasks } = measured;
    await page.screenshot({ path: join(ROOT, 'test-results', 'dashboard-under-load.png') });

    console.log(`dashboard under load: proxy served ${rps.toFixed(0)} req/s (wrk -t1 -c32) for ${SECONDS} s`);
    console.log(`  snapshots received: ${snapshots.toFixed(1)} per second (target 10-20)`);
    console.log(
      `  frame time ms: p50 ${percentile(frames, 50).toFixed(1)}  p95 ${percentile(frames, 95).toFixed(1)}  p99 ${percentile(frames, 99).toFixed(1)}  max ${Math.max(...frames).toFixed(1)}  (${frames.length} frames; over 50 ms: ${frames.filter((f) => f > 50).length})`,
    );
    console.log(`  long tasks (>50 ms): ${longTasks.length}, longest ${longTasks.length ? Math.max(...longTasks).toFixed(0) : 0} ms`);
  } finally {
    await browser.close();
  }
}

if (spawnSync('sh', ['-c', 'command -v wrk']).status !== 0) {
  console.error('bench:ui: wrk is not installed (apt-get install wrk)');
  process.exit(2);
}
main()
  .catch((error) => {
    console.error(`bench:ui: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  })
  .finally(() => host.kill('SIGTERM'));
