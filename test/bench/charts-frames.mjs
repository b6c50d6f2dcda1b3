// @ts-check
/**
 * `node test/bench/charts-frames.mjs` (the last part of `npm run bench:ui`):
 * frame times of the three time charts (TimeCharts) alone, with 16
 * backends, all charts live at 10 snapshots a second and their minute full.
 * Bundles test/unit/renderer/time-charts-harness.tsx with vite, serves it
 * on 127.0.0.1, opens it in Debian's Chromium and measures in the page:
 * frame intervals and each frame's main-thread work (kit.mjs measureFrames),
 * long tasks, and the time each snapshot takes to go through the charts.
 * The feed is synthetic, so the figures are the charts' own cost, not the
 * lab's: dashboard-frames.mjs measures the whole dashboard on a real lab.
 *
 * Needs `chromium` (apt-get install chromium). BENCH_BACKENDS, BENCH_SECONDS.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { launchChromium, machine, measureFrames, percentile, ROOT, spread } from './kit.mjs';

const PAGE_PORT = 24450;
const BACKENDS = Number(process.env.BENCH_BACKENDS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);

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
    browser = await launchChromium();
    const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await tab.goto(`http://127.0.0.1:${PAGE_PORT}/?backends=${BACKENDS}`);
    await tab.waitForSelector('body[data-live="yes"]');
    await sleep(1000);
    await tab.evaluate(() => {
      /** @type {any} */ (globalThis).chartBench.handled.length = 0;
    });
    const { frames, work, longTasks, mainThread } = await measureFrames(tab, SECONDS * 1000);
    const { handled, markers } = await tab.evaluate(() => {
      /** @type {any} */
      const page = globalThis;
      return { handled: /** @type {number[]} */ ([...page.chartBench.handled]), markers: /** @type {number} */ (page.document.querySelectorAll('.time-marker').length) };
    });
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await tab.screenshot({ path: join(ROOT, 'test-results', 'time-charts.png'), fullPage: true });
    console.log(`time charts: ${BACKENDS} backends, 3 charts, 600 points each, 10 snapshots/s, ${markers} marker glyphs, ${SECONDS} s, ${machine()}`);
    console.log(`  frame interval ms: ${spread(frames)}  (${frames.length} frames; dropped, over 25 ms: ${frames.filter((f) => f > 25).length})`);
    console.log(`  frame work ms (vsync to main thread free): ${spread(work)}  (target p95 < 16 ms: ${percentile(work, 95) < 16 ? 'met' : 'NOT met'})`);
    console.log(`  per snapshot ms (record, 3 setData and their redraws): p50 ${percentile(handled, 50).toFixed(2)}  p95 ${percentile(handled, 95).toFixed(2)}  max ${Math.max(...handled).toFixed(2)}  (${handled.length} snapshots)`);
    console.log(`  page main thread: busy ${((100 * mainThread.busyMs) / (SECONDS * 1000)).toFixed(0)}%, on a CPU ${((100 * mainThread.cpuMs) / (SECONDS * 1000)).toFixed(0)}%;  long tasks (>50 ms): ${longTasks.length}`);
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
