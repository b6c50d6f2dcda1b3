// @ts-check
/**
 * What the benchmark scripts share: the built headless lab as a child
 * process with a token the script knows, its control API, Debian's Chromium,
 * frame measurement in a page, the lab's own TypeScript (for its limits),
 * and killing every child a script started, by PID, on every way out.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { register } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');

/** @param {number[]} values @param {number} p */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** The machine, for the header of a run: these figures depend on what else runs. */
export const machine = () => `${cpus().length} cores shared, load average ${loadavg()[0].toFixed(1)}`;

/** @param {number[]} values */
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** Exit with 2 unless every tool is on PATH. @param {string} script @param {string[]} tools */
export function requireTools(script, tools) {
  for (const tool of tools) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
      console.error(`${script}: ${tool} is not installed (apt-get install ${tools.map((t) => (t === 'nginx' ? 'nginx-light' : t)).join(' ')})`);
      process.exit(2);
    }
  }
}

/** @type {Map<import('node:child_process').ChildProcess, NodeJS.Signals>} */
const children = new Map();

/** Every child still running gets its signal, by PID. Runs on exit, Ctrl-C and SIGTERM. */
export function killChildren() {
  for (const [child, signal] of children) {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(child.pid, signal);
      } catch {
        // Gone already.
      }
    }
  }
  children.clear();
}

let guarded = false;
/** From the first tracked child on: exit, Ctrl-C and SIGTERM kill what is left. */
function guard() {
  if (guarded) return;
  guarded = true;
  process.on('exit', killChildren);
  process.on('SIGINT', () => process.exit(130));
  process.on('SIGTERM', () => process.exit(143));
}

/**
 * `spawn`, and the child is killed with `signal` when this process ends, however it ends.
 * @param {string} command @param {string[]} args @param {import('node:child_process').SpawnOptions} options
 * @param {NodeJS.Signals} [signal]
 */
export function spawnTracked(command, args, options, signal = 'SIGTERM') {
  guard();
  const child = spawn(command, args, options);
  children.set(child, signal);
  child.on('exit', () => children.delete(child));
  return child;
}

/**
 * The built `lb-lab` (out/main/cli.js) with sample backends, its control API
 * token chosen here (LB_LAB_TOKEN); resolves once every backend is up.
 * @param {{ backends: number, basePort: number, proxyPort: number, uiPort: number }} options
 */
export async function startHost({ backends, basePort, proxyPort, uiPort }) {
  const token = randomBytes(32).toString('base64url');
  const args = ['--backends', String(backends), '--base-port', String(basePort), '--proxy-port', String(proxyPort), '--ui-port', String(uiPort)];
  const child = spawnTracked(process.execPath, [join(ROOT, 'out/main/cli.js'), ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, LB_LAB_TOKEN: token },
  });
  /**
   * A control API call on a fresh connection: a pooled one may have been
   * closed by the server's keep-alive timeout while a load ran.
   * @param {string} path @param {string} [method] @param {unknown} [body]
   * @returns {Promise<any>}
   */
  const api = (path, method = 'GET', body = undefined) =>
    new Promise((done, fail) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const headers = { authorization: `Bearer ${token}`, ...(payload ? { 'content-type': 'application/json' } : {}) };
      const req = http.request({ host: '127.0.0.1', port: uiPort, path, method, agent: false, headers }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          if ((res.statusCode ?? 500) >= 400) return fail(new Error(`${method} ${path}: ${res.statusCode} ${text}`));
          try {
            done(JSON.parse(text));
          } catch (error) {
            fail(error);
          }
        });
      });
      req.on('error', fail);
      req.end(payload);
    });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the lab exited with ${child.exitCode}`);
    const snapshot = await api('/api/snapshot').catch(() => null);
    if (snapshot && snapshot.backends.length === backends && snapshot.backends.every((/** @type {any} */ b) => b.status === 'up')) break;
    if (Date.now() > deadline) throw new Error('the lab did not come up within 30 s');
    await sleep(100);
  }
  return { child, token, api };
}

/** Debian's Chromium, headless, with no background connections. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** @typedef {{ busyMs: number, cpuMs: number, scriptMs: number, styleMs: number, layoutMs: number }} MainThread */

/**
 * Measures in the page for `ms`, on the browser's own requestAnimationFrame:
 * - `frames`: the time between frames. At 60 Hz these are 16.7 ms each, so
 *   their p95 can never be under 16 ms: they show dropped frames (33, 50 ms).
 * - `work`: for each frame, from its vsync (the rAF timestamp) until the
 *   page's main thread is free again (a message posted from the rAF callback
 *   runs): the frame's callbacks, style, layout and paint, plus any task that
 *   delayed it or queued ahead. Not quantised; under 16 ms, the frame met its vsync.
 * - `longTasks`: main-thread tasks over 50 ms.
 * - `mainThread`: over the same time, from Chromium's own counters, the ms
 *   the page's main thread spent in tasks (`busyMs`, wall time) and the CPU
 *   it got for them (`cpuMs`). Busy well above CPU means the thread waited
 *   for a core: the machine, not the page, made those frames late. Also the
 *   wall ms of its script, style recalculation and layout.
 * @param {import('playwright-core').Page} page @param {number} ms
 * @returns {Promise<{ frames: number[], work: number[], longTasks: number[], mainThread: MainThread }>}
 */
export async function measureFrames(page, ms) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const counters = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const value = (/** @type {string} */ name) => (metrics.find((m) => m.name === name)?.value ?? NaN) * 1000;
    return { busyMs: value('TaskDuration'), cpuMs: value('ThreadTime'), scriptMs: value('ScriptDuration'), styleMs: value('RecalcStyleDuration'), layoutMs: value('LayoutDuration') };
  };
  const before = await counters();
  const measured = await page.evaluate(async (ms) => {
    /** @type {any} */
    const window = globalThis;
    /** @type {number[]} */
    const frames = [];
    /** @type {number[]} */
    const work = [];
    /** @type {number[]} */
    const longTasks = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
    observer.observe({ type: /** @type {any} */ ('longtask'), buffered: false });
    /** @type {any} A page's MessageChannel, not Node's. */
    const channel = new MessageChannel();
    /** @type {number[]} */
    const vsyncs = [];
    channel.port1.onmessage = () => {
      const vsync = vsyncs.shift();
      if (vsync !== undefined) work.push(performance.now() - vsync);
    };
    await new Promise((done) => {
      const end = performance.now() + ms;
      let last = performance.now();
      const step = (/** @type {number} */ now) => {
        frames.push(now - last);
        last = now;
        vsyncs.push(now);
        channel.port2.postMessage(null);
        if (now < end) window.requestAnimationFrame(step);
        else done(null);
      };
      window.requestAnimationFrame(step);
    });
    await new Promise((done) => setTimeout(done, 50));
    observer.disconnect();
    channel.port1.close();
    return { frames: frames.slice(1), work, longTasks };
  }, ms);
  const after = await counters();
  await cdp.detach();
  const mainThread = /** @type {typeof before} */ (Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - before[/** @type {keyof typeof before} */ (k)]])));
  return { ...measured, mainThread };
}

/** The PIDs of `pid`'s children, from /proc. @param {number} pid */
export function childPids(pid) {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
}

/** CPU seconds (user + system) that process `pid` has used so far, from /proc. @param {number} pid */
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after "(comm) ": state is the first, utime the 12th, stime the 13th (clock ticks, 100 a second).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** One line of frame figures. @param {number[]} values */
export function spread(values) {
  return `p50 ${percentile(values, 50).toFixed(1)}  p95 ${percentile(values, 95).toFixed(1)}  p99 ${percentile(values, 99).toFixed(1)}  max ${Math.max(...values).toFixed(1)}`;
}

let hooked = false;
/**
 * One of the lab's TypeScript modules, run as it is (types stripped) with
 * the project's own hooks: the scripts read the lab's limits from the source.
 * @param {string} path relative to the project root
 * @returns {Promise<any>}
 */
export async function importLab(path) {
  if (!hooked) {
    register(resolve(ROOT, 'test/integration/backends/fixtures/ts-hooks.mjs'), import.meta.url);
    hooked = true;
  }
  return import(resolve(ROOT, path));
}
