import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../electron/shared/types';
import { tokenCookieName } from '../../electron/host/auth-token';
import { printedDashboardUrl, runCli, untilRunning, useCli, type CliRun } from '../support/built-cli';
import { ARTEFACTS, backendRow, useChromium } from '../support/chromium';

const BASE = 24500;
const PROXY = 24580;
const UI = 24570;
const PORTS = [BASE, BASE + 1, BASE + 2];

useCli();
const browser = useChromium();
let cli: CliRun;
const row = backendRow;

async function hits(page: Page): Promise<number[]> {
  return Promise.all(PORTS.map(async (port) => Number(await row(page, port).getByTestId('hits').innerText())));
}

/** Poll the dashboard (it updates about 10 times a second) until its hits equal `expected`. */
async function expectHits(page: Page, expected: (h: number[]) => boolean, what: string): Promise<number[]> {
  const deadline = Date.now() + 10_000;
  let seen = await hits(page);
  while (!expected(seen)) {
    if (Date.now() > deadline) throw new Error(`dashboard hits ${JSON.stringify(seen)}: expected ${what}`);
    await page.waitForTimeout(100);
    seen = await hits(page);
  }
  return seen;
}

/** What a person does: F5 on the proxy's page, `times` times; every page must load. */
async function hammerF5(tab: Page, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    const response = await tab.reload();
    expect(response?.status(), `reload ${i + 1}`).toBe(200);
  }
}

describe('the dashboard in Chromium, against lb-lab', () => {
  it('spawns 3 backends at 1:2:1 from the UI, splits 40 F5s 10/20/10, survives a Stop with no failed page, and takes traffic again after Start', async () => {
    // The lab makes its own token: the test knows only what it printed, as a person would.
    cli = runCli(['--backends', '0', '--base-port', String(BASE), '--proxy-port', String(PROXY), '--ui-port', String(UI)], null);
    await untilRunning(cli);
    const printed = printedDashboardUrl(cli);
    const token = printed.searchParams.get('token')!;
    const context = await browser().newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();

    // Without the token the page loads but the lab refuses it, and the page says what to do.
    await page.goto(`http://127.0.0.1:${UI}/`);
    await page.getByRole('alert').getByText(/Open the dashboard URL the lab printed/).waitFor({ timeout: 10_000 });

    // The printed URL: the cookie is set, and the token leaves the address bar.
    await page.goto(printed.href);
    expect(page.url()).toBe(`http://127.0.0.1:${UI}/`);
    const cookie = (await context.cookies()).find((c) => c.name === tokenCookieName(UI));
    expect(cookie).toMatchObject({ value: token, httpOnly: true, sameSite: 'Strict', path: '/' });
    await expect.poll(() => page.getByText(/No backends yet/i).count()).toBe(1);

    // Spawn 3 from the UI, and pick the weighted method.
    await page.getByLabel(/How many/).fill('3');
    await page.getByRole('button', { name: 'Start backends' }).click();
    for (const port of PORTS) await row(page, port).getByText('up', { exact: true }).waitFor({ timeout: 15_000 });
    await page.getByLabel('Balancing method').selectOption('weighted');
    await row(page, BASE + 1).getByLabel(`Weight for port ${BASE + 1}`).fill('2');
    await row(page, BASE + 1).getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => row(page, BASE + 1).getByLabel(`Weight for port ${BASE + 1}`).inputValue()).toBe('2');
    await expect.poll(async () => ((await (await fetch(`http://127.0.0.1:${UI}/api/snapshot`, { headers: { authorization: `Bearer ${token}` } })).json()) as Snapshot).backends[1]!.weight).toBe(2);

    // A second tab on the proxy, and 40 F5s the way a person hammers them.
    const tab = await context.newPage();
    const first = await tab.goto(`http://127.0.0.1:${PROXY}/`);
    expect(first?.status()).toBe(200);
    await hammerF5(tab, 39);
    const split = await expectHits(page, (h) => h[0]! + h[1]! + h[2]! === 40, 'a sum of 40');
    expect(split).toEqual([10, 20, 10]);
    await page.screenshot({ path: resolve(ARTEFACTS, 'dashboard-40-requests.png') });

    // Stop the middle port: no failed page, its count stays still, the others take the 20.
    await row(page, BASE + 1).getByRole('button', { name: 'Stop', exact: true }).click();
    await row(page, BASE + 1).getByText('stopped', { exact: true }).waitFor({ timeout: 15_000 });
    await hammerF5(tab, 20);
    const afterStop = await expectHits(page, (h) => h[0]! + h[2]! === 40, 'the other two to reach 40');
    expect(afterStop[1]).toBe(20);
    expect(afterStop[0]! + afterStop[2]!).toBe(40);
    await page.screenshot({ path: resolve(ARTEFACTS, 'dashboard-after-stop.png') });
    // The README's picture: `UPDATE_README_SCREENSHOT=1 npx vitest run test/e2e` refreshes it.
    if (process.env.UPDATE_README_SCREENSHOT) await page.screenshot({ path: resolve(import.meta.dirname, '../../resources/screenshots/dashboard.png') });

    // Start it again: it takes traffic again.
    await row(page, BASE + 1).getByRole('button', { name: 'Start', exact: true }).click();
    await row(page, BASE + 1).getByText('up', { exact: true }).waitFor({ timeout: 15_000 });
    await hammerF5(tab, 8);
    await expectHits(page, (h) => h[1]! > 20, 'the restarted port to take traffic');
    await page.screenshot({ path: resolve(ARTEFACTS, 'dashboard.png') });

    // The first port's terminal: its access log scrolls as the proxy page reloads.
    await row(page, BASE).getByRole('button', { name: /^Terminal/ }).click();
    const terminal = page.getByRole('region', { name: `Terminal of backend ${BASE}` });
    await terminal.waitFor({ timeout: 10_000 });
    await hammerF5(tab, 6);
    await expect.poll(async () => (await terminal.innerText()).includes('GET /'), { timeout: 10_000 }).toBe(true);

    // +300 ms on it from its row: the row says so, and so does the lab.
    await row(page, BASE).getByText(/^Fault/).click();
    await row(page, BASE).getByLabel('Latency (ms)').fill('300');
    await row(page, BASE).getByRole('button', { name: 'Set fault' }).click();
    await row(page, BASE).getByTestId('fault').getByText('+300 ms').waitFor({ timeout: 10_000 });
    await page.screenshot({ path: resolve(ARTEFACTS, 'dashboard-terminal-fault.png') });
    await context.close();
  });
});
