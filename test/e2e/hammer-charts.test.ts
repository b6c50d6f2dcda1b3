import { copyFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { LoadStatus } from '../../electron/shared/load';
import type { LabEvent } from '../../electron/shared/types';
import { printedDashboardUrl, runCli, untilRunning, useCli } from '../support/built-cli';
import { ARTEFACTS, backendRow, useChromium } from '../support/chromium';
import { bearer } from '../support/test-token';

// Ports 25200-25299 belong to this file: backends 25200-25202, the dashboard on 25270, the proxy on 25280.
const BASE = 25200;
const UI = 25270;
const PROXY = 25280;
const PORTS = [BASE, BASE + 1, BASE + 2];
const KILLED = BASE + 1;
const SURVIVORS = PORTS.filter((port) => port !== KILLED);
const RATE = 150;
// Long enough that a kill delayed by a busy machine still leaves seconds of the run after it.
const DURATION_S = 12;
/** The snapshot's requests/s is over the last second: a band needs that long to rise to its level, or to fall to zero. */
const RATE_WINDOW_S = 1;
const SCREENSHOT = resolve(ARTEFACTS, 'hammer-charts.png');
const README_SCREENSHOT = resolve(import.meta.dirname, '../../resources/screenshots/charts.png');

/**
 * What the test reads of a chart's container (renderer/src/components/UPlotChart.tsx, UPlotContainer):
 * the live uPlot it carries. Written out here because this file is type-checked without the DOM.
 */
interface Box {
  left: number;
  width: number;
}
interface LiveChart {
  series: { label?: unknown }[];
  data: ArrayLike<number | null | undefined>[];
  over: { getBoundingClientRect(): Box };
  posToVal(offset: number, scale: string): number;
}
interface ChartContainer {
  uplot?: LiveChart;
}
interface Glyph {
  getBoundingClientRect(): Box;
  closest(selector: string): { querySelector(selector: string): unknown } | null;
}

useCli();
const browser = useChromium();
const row = backendRow;
const rpsChart = (page: Page) => page.getByRole('figure', { name: 'Requests/s per backend (stacked)' });

/** What the requests/s chart holds: its x values (s) and, per port, the height of its own band (the stack taken apart). */
interface Bands {
  times: number[];
  band: Map<number, number[]>;
}

/**
 * The data of the live uPlot behind the stacked requests/s chart. Its series
 * are the running sums of requests/s over the ports in ascending order, top
 * of the stack first; a port's band is its sum minus the sum below it.
 */
async function readBands(page: Page): Promise<Bands> {
  const raw = await rpsChart(page)
    .getByTestId('uplot')
    .evaluate((element) => {
      const chart = (element as unknown as ChartContainer).uplot;
      if (!chart) return null;
      return { labels: chart.series.slice(1).map((s) => String(s.label)), data: chart.data.map((column) => Array.from(column, (v) => v ?? null)) };
    });
  if (raw === null) throw new Error('the requests/s chart has no uPlot instance');
  const times = raw.data[0] as number[];
  const sums = new Map(raw.labels.map((label, i) => [Number(label), raw.data[i + 1]!.map((v) => v ?? 0)]));
  expect([...sums.keys()].sort()).toEqual(PORTS);
  const band = new Map<number, number[]>();
  let below = times.map(() => 0);
  for (const port of PORTS) {
    const sum = sums.get(port)!;
    band.set(port, sum.map((v, i) => v - below[i]!));
    below = sum;
  }
  return { times, band };
}

/** Indices of the points with `from <= time < to` (seconds). */
const pointsIn = ({ times }: Bands, from: number, to: number): number[] => times.flatMap((t, i) => (t >= from && t < to ? [i] : []));
const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
const meanBand = (bands: Bands, port: number, points: number[]): number => mean(points.map((i) => bands.band.get(port)![i]!));
/** Requests a band stands for: its area over the whole minute (requests/s × s, trapezoids between points). */
function area(bands: Bands, port: number): number {
  const { times } = bands;
  const band = bands.band.get(port)!;
  let sum = 0;
  for (let i = 1; i < times.length; i++) sum += ((times[i]! - times[i - 1]!) * (band[i]! + band[i - 1]!)) / 2;
  return sum;
}
const total = (bands: Bands, i: number): number => PORTS.reduce((sum, port) => sum + bands.band.get(port)![i]!, 0);

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${UI}${path}`, { headers: bearer() });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

/** The time (s) under a marker glyph's centre on the chart's own x scale. */
function markerTime(marker: Locator): Promise<number> {
  return marker.evaluate((element) => {
    const glyph = element as unknown as Glyph;
    const chart = (glyph.closest('.time-chart__body')!.querySelector('[data-testid="uplot"]') as ChartContainer).uplot!;
    const box = glyph.getBoundingClientRect();
    return chart.posToVal(box.left + box.width / 2 - chart.over.getBoundingClientRect().left, 'x');
  });
}

describe('the time charts in Chromium, against lb-lab', () => {
  it('shows a crash marker and the killed backend’s band falling to zero while the other two take its share, when a backend is killed during a hammer run that ends with no failed request', async () => {
    const cli = runCli(['--backends', '3', '--base-port', String(BASE), '--proxy-port', String(PROXY), '--ui-port', String(UI)]);
    await untilRunning(cli);
    const context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    let pictured = false;
    try {
      await page.goto(printedDashboardUrl(cli).href);
      for (const port of PORTS) await row(page, port).getByText('up', { exact: true }).waitFor({ timeout: 15_000 });

      // An open-loop run from the Hammer panel, set up by its labels.
      const hammer = page.getByRole('region', { name: 'Hammer', exact: true });
      await hammer.getByLabel('Fixed rate (open loop)').check();
      await hammer.getByLabel('Rate (req/s)').fill(String(RATE));
      await hammer.getByLabel('Duration (s)').fill(String(DURATION_S));
      await hammer.getByRole('button', { name: 'Start', exact: true }).click();
      await hammer.getByRole('progressbar', { name: 'Hammer progress' }).waitFor({ timeout: 10_000 });

      // Kill once the chart has had all three bands up for a while: more than a rate window since traffic began, each band above zero throughout the last one.
      await expect
        .poll(
          async () => {
            const bands = await readBands(page);
            const firstTraffic = bands.times.findIndex((_, i) => total(bands, i) > 0);
            if (firstTraffic < 0) return false;
            const newest = bands.times.at(-1)!;
            const recent = pointsIn(bands, newest - RATE_WINDOW_S, Infinity);
            return newest - bands.times[firstTraffic]! >= 2.5 * RATE_WINDOW_S && PORTS.every((port) => recent.every((i) => bands.band.get(port)![i]! > 0));
          },
          { message: 'all three bands carry the hammer’s traffic before the kill', timeout: 6_000, interval: 100 },
        )
        .toBe(true);
      const killClickedS = Date.now() / 1000;
      await row(page, KILLED).getByRole('button', { name: 'Kill', exact: true }).click();
      await row(page, KILLED).getByText(/^crashed \(SIGKILL\)$/).waitFor({ timeout: 10_000 });

      // The run goes on to its end, and the panel shows its result.
      await hammer.getByText('Last run finished.').waitFor({ timeout: (DURATION_S + 20) * 1000 });
      const status = await getJson<LoadStatus>('/api/load');
      expect(status.state).toBe('done');
      expect(status.errors).toEqual({ refused: 0, timeout: 0, reset: 0, http5xx: 0, other: 0 });
      expect(status.answered).toBe(status.sent);
      const result = status.result!;
      expect(result.requests).toBe(status.sent);
      const byBackend = result.byBackend;
      expect(Object.values(byBackend).reduce((a, b) => a + b, 0)).toBe(result.requests);
      expect(byBackend[KILLED], 'the killed backend answered before its crash').toBeGreaterThan(0);
      for (const port of SURVIVORS) expect(byBackend[port]).toBeGreaterThan(byBackend[KILLED]!);
      const shown = hammer.getByRole('region', { name: 'Hammer result' });
      await expect.poll(() => shown.innerText()).toContain('no errors');
      expect(await shown.getByRole('row', { name: new RegExp(`^${KILLED} `) }).innerText()).toContain(String(byBackend[KILLED]));

      // The crash and the end of the run, as the lab logged them.
      const events = await getJson<LabEvent[]>('/api/events/recent');
      const crash = events.find((e) => e.kind === 'crashed' && e.port === KILLED);
      const done = events.findLast((e) => e.message.startsWith('hammer done'));
      expect(crash, 'the lab logged the crash').toBeDefined();
      expect(done, 'the lab logged the end of the run').toBeDefined();
      const crashS = crash!.at / 1000;
      expect(Math.abs(crashS - killClickedS)).toBeLessThan(2);

      // Once the chart has shown the traffic fall away after the run, its crash marker sits on the time axis at the crash's time and names it on hover.
      await expect
        .poll(
          async () => {
            const bands = await readBands(page);
            return bands.times.at(-1)! > done!.at / 1000 && total(bands, bands.times.length - 1) === 0;
          },
          { message: 'the chart shows no traffic after the run', timeout: 10_000, interval: 100 },
        )
        .toBe(true);
      const marker = rpsChart(page).getByRole('img', { name: `crashed: ${crash!.message}` });
      await marker.hover();
      expect(await marker.getAttribute('title')).toMatch(new RegExp(`crashed: ${KILLED} crashed \\(SIGKILL\\)`));
      expect(Math.abs((await markerTime(marker)) - crashS), 'the marker sits at the crash’s time').toBeLessThan(0.5);
      const bands = await readBands(page);

      // The picture before the data is judged, so a failing run leaves it to look at.
      const panel = page.getByRole('region', { name: 'Last minute', exact: true });
      await panel.screenshot({ path: SCREENSHOT });
      pictured = true;

      // The stacked chart's own data: before the crash all three carry traffic; after it the killed band is zero and the other two carry it all.
      const before = pointsIn(bands, crashS - 1.5 * RATE_WINDOW_S, crashS - 0.1);
      const after = pointsIn(bands, crashS + 1.5 * RATE_WINDOW_S, done!.at / 1000 - 0.3);
      expect(before.length, 'points before the crash').toBeGreaterThanOrEqual(5);
      expect(after.length, 'points after the crash').toBeGreaterThanOrEqual(10);
      const totalBefore = mean(before.map((i) => total(bands, i)));
      const totalAfter = mean(after.map((i) => total(bands, i)));
      const share = (port: number, points: number[], of: number): number => meanBand(bands, port, points) / of;
      // Before: every band above zero at every point, the one to be killed carrying a real part of a round-robin's third.
      for (const port of PORTS) for (const i of before) expect(bands.band.get(port)![i], `${port} before the crash`).toBeGreaterThan(0);
      expect(share(KILLED, before, totalBefore)).toBeGreaterThan(0.5 / PORTS.length);
      // After: the killed band is zero at every point, and the other two each carry a larger share than before (a half, up from a third).
      for (const i of after) {
        expect(Math.abs(bands.band.get(KILLED)![i]!), `${KILLED}'s band at ${bands.times[i]}`).toBeLessThan(1e-9);
        for (const port of SURVIVORS) expect(bands.band.get(port)![i], `${port} after the crash`).toBeGreaterThan(0);
      }
      for (const port of SURVIVORS) expect(share(port, after, totalAfter), `${port}'s share after the crash`).toBeGreaterThan(1.25 * share(port, before, totalBefore));
      // And each band's area is the answers its backend gave in the run, the killed one's before its crash included.
      for (const port of PORTS) expect(Math.abs(area(bands, port) - byBackend[port]!), `${port}'s band against its ${byBackend[port]} answers`).toBeLessThanOrEqual(Math.max(5, 0.1 * byBackend[port]!));

      // The README's picture, once the run it shows has passed: `UPDATE_README_SCREENSHOT=1 npx vitest run test/e2e` refreshes it.
      if (process.env.UPDATE_README_SCREENSHOT) copyFileSync(SCREENSHOT, README_SCREENSHOT);

      // Ctrl-C: the lab ends every backend it started (a failed run is cleaned up by useCli instead).
      cli.child.kill('SIGINT');
      expect(await cli.exited).toMatchObject({ code: 130 });
    } catch (error) {
      // Always a picture: a failing run leaves the whole page to look at, unless the charts panel was saved already.
      if (!pictured) await page.screenshot({ path: SCREENSHOT, fullPage: true }).catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });
});
