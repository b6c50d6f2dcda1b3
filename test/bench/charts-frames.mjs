// @ts-check
/**
 * `node test/bench/charts-frames.mjs`: frame times of the three time charts
 * (TimeCharts) with 16 backends, all charts live at 10 snapshots a second
 * and their minute full. Bundles test/unit/renderer/time-charts-harness.tsx with vite,
 * serves it on 127.0.0.1, opens it in Debian's Chromium and measures in the
 * page: frame times (requestAnimationFrame), long tasks, and the time each
 * snapshot takes to go through the charts. The feed is synthetic, so the
 * figures are the charts' own cost, not the lab's.
 *
 * Needs `chromium` (apt-get install chromium). BENCH_BACKENDS, BENCH_SECONDS.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright-core';
import { build } from 'vite';

const ROOT = resolve(import.meta.dirname, '../..');
const PAGE_PORT = 21090;
const BACKENDS = Number(process.env.BENCH_BACKENDS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);

/** @param {number[]} values @param {number} p */
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

async function main() {
  const out = mkdtempSync(join(tmpdir(), 'lb-lab-charts-bench-'));
  /** @type {http.Server | null} */
  let server = null;
  /** @type {import('playwright-core').Browser | null} */
  let browser = null;
  try {
    await build({
      configFile: false,
      logLevel: 'warn',
      plugins: [react()],
      build: {
        outDir: out,
        emptyOutDir: true,
        rollupOptions: { input: join(ROOT, 'test/unit/renderer/time-charts-harness.tsx'), output: { entryFileNames: 'harness.js', assetFileNames: '[name][extname]' } },
      },
    });
    const css = readdirSync(out).filter((f) => f.endsWith('.css'));
    const page = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
${css.map((f) => `<link rel="stylesheet" href="/${f}">`).join('')}
</head><body><div id="root" style="width: 900px"></div><script type="module" src="/harness.js"></script></body></html>`;
    server = http.createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end(page);
      const file = path.slice(1);
      if (!readdirSync(out).includes(file)) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': file.endsWith('.css') ? 'text/css' : 'text/javascript' }).end(readFileSync(join(out, file)));
    });
    await new Promise((done) => server?.listen(PAGE_PORT, '127.0.0.1', () => done(null)));
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await tab.goto(`http://127.0.0.1:${PAGE_PORT}/?backends=${BACKENDS}`);
    await tab.waitForSelector('body[data-live="yes"]');
    await sleep(1000);
    const measured = await tab.evaluate(async (ms) => {
      /** @type {any} */
      const page = globalThis;
      /** @type {number[]} */
      const frames = [];
      /** @type {number[]} */
      const longTasks = [];
      const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
      observer.observe({ type: /** @type {any} */ ('longtask'), buffered: false });
      page.chartBench.handled.length = 0;
      await new Promise((done) => {
        const end = performance.now() + ms;
        let last = performance.now();
        const step = (/** @type {number} */ now) => {
          frames.push(now - last);
          last = now;
          if (now < end) page.requestAnimationFrame(step);
          else done(null);
        };
        page.requestAnimationFrame(step);
      });
      observer.disconnect();
      return { frames, longTasks, handled: [...page.chartBench.handled], markers: page.document.querySelectorAll('.time-marker').length };
    }, SECONDS * 1000);
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await tab.screenshot({ path: join(ROOT, 'test-results', 'time-charts.png'), fullPage: true });
    const { frames, longTasks, handled, markers } = measured;
    console.log(`time charts: ${BACKENDS} backends, 3 charts, 600 points each, 10 snapshots/s, ${markers} marker glyphs, ${SECONDS} s`);
    console.log(`  frame time ms: p50 ${percentile(frames, 50).toFixed(1)}  p95 ${percentile(frames, 95).toFixed(1)}  p99 ${percentile(frames, 99).toFixed(1)}  max ${Math.max(...frames).toFixed(1)}  (${frames.length} frames)`);
    console.log(`  per snapshot ms (record, 3 setData and their redraws): p50 ${percentile(handled, 50).toFixed(2)}  p95 ${percentile(handled, 95).toFixed(2)}  max ${Math.max(...handled).toFixed(2)}  (${handled.length} snapshots)`);
    console.log(`  long tasks (>50 ms): ${longTasks.length}`);
  } finally {
    await browser?.close();
    server?.close();
    rmSync(out, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`charts-frames: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
});
