import { copyFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { printedDashboardUrl, runCli, untilRunning, useCli } from '../support/built-cli';
import { ARTEFACTS, backendRow, useChromium } from '../support/chromium';

// Ports 25300-25399 belong to this file: the lab's own backends on 25300-25301, the scenario's on 25310-25313, the dashboard on 25370, the proxy on 25380.
const BASE = 25300;
const SCENARIO_BASE = 25310;
const UI = 25370;
const PROXY = 25380;
const SCREENSHOT = resolve(ARTEFACTS, 'scenario-panel.png');
const README_SCREENSHOT = resolve(import.meta.dirname, '../../resources/screenshots/scenario.png');

useCli();
const browser = useChromium();

describe('the guided scenarios panel in Chromium, against lb-lab', () => {
  it('asks before replacing the running lab, then walks the runserver scenario: the lab’s steps and the person’s Stop are each checked in words', async () => {
    const cli = runCli(['--backends', '2', '--base-port', String(BASE), '--proxy-port', String(PROXY), '--ui-port', String(UI)]);
    await untilRunning(cli);
    const context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(printedDashboardUrl(cli).href);
      await backendRow(page, BASE).getByText('up', { exact: true }).waitFor({ timeout: 15_000 });
      const panel = page.getByRole('region', { name: 'Guided scenarios' });
      await panel.getByLabel('Scenario').selectOption('django-runserver-8000-8003');
      await panel.getByLabel('First port').fill(String(SCENARIO_BASE));
      await panel.getByRole('button', { name: 'Load scenario' }).click();
      const question = panel.getByRole('alertdialog', { name: 'Replace the running lab?' });
      await expect.poll(() => question.innerText()).toContain('replaces the 2 backend(s) running now');
      await question.getByRole('button', { name: 'Replace and load' }).click();

      await panel.getByText('step 1 of 3').waitFor({ timeout: 30_000 });
      for (let i = 0; i < 4; i++) await backendRow(page, SCENARIO_BASE + i).getByText('up', { exact: true }).waitFor({ timeout: 15_000 });
      expect(await backendRow(page, BASE).count()).toBe(0);

      // The lab's step: forty requests, ten each.
      await panel.getByRole('button', { name: 'Do it', exact: true }).click();
      const first = panel.getByRole('list', { name: 'Checks of Forty requests over four servers' });
      await expect.poll(() => first.innerText(), { timeout: 20_000 }).toContain(`${SCENARIO_BASE} answered 10 of 40 (expected 10)`);
      await panel.getByRole('button', { name: 'Next step' }).click();

      // The person's step: the lab waits until they press Stop on the row.
      const current = panel.locator('li[aria-current="step"]');
      await expect.poll(() => current.innerText()).toContain(`Your turn: stop ${SCENARIO_BASE} (the lab is watching for it)`);
      await backendRow(page, SCENARIO_BASE).getByRole('button', { name: 'Stop', exact: true }).click();
      const second = panel.getByRole('list', { name: `Checks of Stop ${SCENARIO_BASE}` });
      await expect.poll(() => second.innerText(), { timeout: 20_000 }).toContain(`${SCENARIO_BASE} is stopped`);
      await panel.getByRole('button', { name: 'Next step' }).click();

      await panel.getByRole('button', { name: 'Do it', exact: true }).click();
      const third = panel.getByRole('list', { name: 'Checks of Traffic moves to the other three' });
      await expect.poll(() => third.innerText(), { timeout: 20_000 }).toContain('0 of 30 request(s) failed');
      expect(await third.innerText()).toContain(`${SCENARIO_BASE} answered 0 of 30 (expected 0)`);
      await panel.screenshot({ path: SCREENSHOT });
      if (process.env.UPDATE_README_SCREENSHOT === '1') copyFileSync(SCREENSHOT, README_SCREENSHOT);
      await panel.getByRole('button', { name: 'Finish' }).click();
      await panel.getByText('done: 3 of 3 steps passed').waitFor({ timeout: 10_000 });
    } catch (error) {
      await page.screenshot({ path: SCREENSHOT, fullPage: true }).catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
    cli.child.kill('SIGINT');
    expect((await cli.exited).code).toBe(130);
  }, 120_000);
});
