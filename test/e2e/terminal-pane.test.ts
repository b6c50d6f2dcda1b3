import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { serveTerminal } from '../../electron/host/terminal-socket';
import { Supervisor } from '../../electron/lab/backends/supervisor';
import { TerminalHub } from '../../electron/lab/terminal/terminal-hub';
import { get, sleep } from '../integration/backends/helpers';
import { launchChromium } from '../support/chromium';

// Ports 26400-26409 belong to this file.
const PAGE_PORT = 26400;
const SAMPLE_PORT = 26401;
const ECHO_PORT = 26402;
const NODE = JSON.stringify(process.execPath);
const ECHO =
  "require('http').createServer((q, s) => s.end('ok')).listen(+process.env.PORT, '127.0.0.1');" +
  "process.stdin.setEncoding('utf8').on('data', (d) => console.log('got:' + d.trim()))";

/** The dashboard's own Content-Security-Policy, so the pane is tried under the rules it ships with. */
function dashboardCsp(): string {
  const html = readFileSync(resolve('renderer/index.html'), 'utf8');
  const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
  if (csp === undefined) throw new Error('renderer/index.html has no Content-Security-Policy');
  return csp;
}

const out = mkdtempSync(join(tmpdir(), 'lb-lab-terminal-e2e-'));
let supervisor: Supervisor;
let hub: TerminalHub;
let server: http.Server;
let browser: Browser;

beforeAll(async () => {
  await build({
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    build: {
      outDir: out,
      emptyOutDir: true,
      minify: false,
      rollupOptions: {
        input: resolve('test/unit/renderer/terminal-pane-harness.tsx'),
        output: { entryFileNames: 'harness.js', assetFileNames: '[name][extname]' },
      },
    },
  });
  const css = readdirSync(out).filter((f) => f.endsWith('.css'));
  const page = `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${dashboardCsp()}"><link rel="icon" href="data:,">
${css.map((f) => `<link rel="stylesheet" href="/${f}">`).join('')}
</head><body><div id="root" style="width: 900px"></div><script type="module" src="/harness.js"></script></body></html>`;

  supervisor = new Supervisor({ readyTimeoutMs: 10_000, killGraceMs: 2_000 });
  hub = new TerminalHub(supervisor);
  expect((await supervisor.start({ port: SAMPLE_PORT })).status).toBe('up');
  expect((await supervisor.start({ port: ECHO_PORT, command: `exec ${NODE} -e "${ECHO}"` })).status).toBe('up');

  const wss = new WebSocketServer({ noServer: true });
  server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    const file = path.slice(1);
    if (!readdirSync(out).includes(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file.endsWith('.css') ? 'text/css' : 'text/javascript' }).end(readFileSync(join(out, file)));
  });
  server.on('upgrade', (req, socket, head) => {
    const port = Number(/^\/api\/backends\/(\d+)\/terminal$/.exec(req.url ?? '')?.[1]);
    wss.handleUpgrade(req, socket, head, (ws) => serveTerminal(ws, hub, port));
  });
  await new Promise<void>((done) => server.listen(PAGE_PORT, '127.0.0.1', done));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  hub?.close();
  supervisor?.killAllSync();
  await Promise.race([supervisor?.shutdown(), sleep(3_000)]);
  rmSync(out, { recursive: true, force: true });
});

async function openPane(port: number): Promise<{ page: Page; violations: string[] }> {
  const page = await browser.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(error.message));
  await page.goto(`http://127.0.0.1:${PAGE_PORT}/?port=${port}`);
  return { page, violations };
}

const screenText = (page: Page): Promise<string> => page.locator('.xterm-rows').innerText();

describe('TerminalPane in Chromium, under the dashboard’s CSP', () => {
  it('shows a backend’s access log as requests arrive, with no CSP violation or page error', async () => {
    const { page, violations } = await openPane(SAMPLE_PORT);
    await page.locator('.xterm-rows').getByText('started:').waitFor();
    expect((await get(SAMPLE_PORT, '/health?from=chromium')).status).toBe(200);
    await page.locator('.xterm-rows').getByText('GET /health?from=chromium').waitFor();
    expect(violations).toEqual([]);
    await page.close();
  });

  it('sends typing to the pty and shows the answer; Ctrl-C ends the backend', async () => {
    const { page, violations } = await openPane(ECHO_PORT);
    await page.locator('.xterm-rows').getByText('started:').waitFor();
    await page.locator('.xterm').click();
    await page.keyboard.type('hello from chromium');
    await page.keyboard.press('Enter');
    await page.locator('.xterm-rows').getByText('got:hello from chromium').waitFor();
    await page.keyboard.press('Control+C');
    await page.locator('.xterm-rows').getByText('ended by SIGINT').waitFor();
    expect(await screenText(page)).toContain('got:hello from chromium');
    expect(violations).toEqual([]);
    await page.close();
  });
});
