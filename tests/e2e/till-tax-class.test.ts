import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchSimulator, type SimulatorProcess } from '../../src-main/kra-sim/launch';
import { launchChromium, screenshotPath } from '../support/browser';
import { spawnHost, type HostProcess } from '../support/host';
import { tempDir } from '../support/temp';
import { expectAlert, logIn, scan, waitForLines } from './till-steps';

const PARAFFIN = '6161100110093';

describe('a class KRA’s code list does not carry, at the till (simulator without class E + host + Chromium)', () => {
  const data = tempDir();
  let sim: SimulatorProcess;
  let host: HostProcess;
  let browser: Browser;
  let page: Page;

  before(async () => {
    sim = await launchSimulator({ profile: 'gateway' });
    await sim.admin.setConfig({ taxRates: { E: null } });
    host = await spawnHost(['--data', data.path, '--kra-url', sim.directBase]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(host.url);
    await logIn(page, '1234', 'Wanjiru');
  });
  after(async () => {
    await browser?.close();
    await host?.stop();
    await sim?.stop();
    data.cleanup();
  });

  it('shows the engine’s words when paraffin (class E) is paid for, and commits nothing', async () => {
    await scan(page, PARAFFIN);
    await waitForLines(page, 1);
    await page.keyboard.press('F10');
    await page.getByTestId('pay-amount').waitFor();
    await page.keyboard.press('Enter');
    await expectAlert(page, /Paraffin 1L is in tax class E, which KRA's code list for this till does not carry, so it cannot be sold\. Refresh KRA's lists, or ask a manager/);
    await page.screenshot({ path: screenshotPath('till-tax-class-not-listed') });
    assert.equal(await page.getByTestId('receipt-screen').count(), 0);
    assert.deepEqual(await sim.admin.sales('P051234567M'), []);
  });
});
