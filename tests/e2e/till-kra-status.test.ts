import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchSimulator, type SimulatorProcess } from '../../src-main/kra-sim/launch';
import { launchChromium, screenshotPath } from '../support/browser';
import { spawnHost, type HostProcess } from '../support/host';
import { tempDir } from '../support/temp';
import { BARCODES, logIn, newSale, payExactCash, scan, waitForLines } from './till-steps';

const HOUR = 60 * 60 * 1000;

describe('KRA\'s status at the till, from online to the store\'s 12-hour block and back (simulator + host + Chromium)', () => {
  const data = tempDir();
  let sim: SimulatorProcess;
  let host: HostProcess;
  let browser: Browser;
  let page: Page;

  /** Simulated time passes for KRA, the engine and the till's screen alike. */
  const letTimePass = async (ms: number) => {
    await sim.admin.advanceClock(ms);
    const moved = await fetch(new URL('__test/clock', host.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ advanceMs: ms }) });
    assert.equal(moved.status, 200);
    await page.clock.fastForward(ms);
  };
  const bar = (tone: string) => page.locator(`[data-testid="status-bar"][data-tone="${tone}"]`);

  before(async () => {
    sim = await launchSimulator();
    // The till sits logged in through the simulated days, so its session must not end after 15 idle minutes.
    host = await spawnHost(['--data', data.path, '--kra-url', sim.directBase, '--test-clock', '--offline-limit-hours', '12', '--idle-minutes', '4320'], { MAUZO_TEST: '1' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.clock.install();
    await page.goto(host.url);
    await logIn(page, '1234', 'Wanjiru');
  });
  after(async () => {
    await browser?.close();
    await host?.stop();
    await sim?.stop();
    data.cleanup();
  });

  it('says KRA is online and turns a sale into a signed tax invoice', async () => {
    await bar('online').waitFor();
    await scan(page, BARCODES.sugar);
    await waitForLines(page, 1);
    await payExactCash(page);
    await page.locator('[data-testid="receipt-screen"][data-status="signed"]').waitFor();
  });

  it('shows the offline banner, the sale waiting and a provisional receipt when KRA is down', async () => {
    await sim.admin.addFault({ kind: 'down' });
    await newSale(page);
    await scan(page, BARCODES.milk);
    await waitForLines(page, 1);
    await payExactCash(page);
    assert.equal(await page.getByTestId('receipt-screen').getAttribute('data-status'), 'provisional');
    assert.match((await page.getByTestId('sale-mark').textContent()) ?? '', /PROVISIONAL: not yet a tax invoice/);
    await bar('offline').waitFor();
    await page.getByTestId('queue-depth').filter({ hasText: '1 waiting for KRA' }).waitFor();
    assert.match((await page.getByTestId('kra-headline').textContent()) ?? '', /^KRA offline for \d+ (s|min)$/);
    assert.equal(await page.getByTestId('kra-detail').textContent(), 'Sales go on; receipts are provisional until KRA signs them.');
    await page.screenshot({ path: screenshotPath('till-receipt-provisional-offline') });
  });

  it('warns as the store\'s limit approaches, saying how long is left', async () => {
    await newSale(page);
    await letTimePass(8 * HOUR);
    await bar('warning').waitFor();
    assert.match((await page.getByTestId('kra-headline').textContent()) ?? '', /^KRA offline for 8 h \d\d min$/);
    assert.match((await page.getByTestId('kra-detail').textContent()) ?? '', /^New sales stop in (3 h 5\d|4 h 00) min unless the till reaches KRA/);
    await scan(page, BARCODES.bread);
    await waitForLines(page, 1);
    await page.screenshot({ path: screenshotPath('till-offline-warning') });
  });

  it('stops new sales at the store\'s 12 hours, says so, and explains they resume when the till reconnects', async () => {
    await letTimePass(4 * HOUR);
    await bar('blocked').waitFor();
    await page.getByTestId('blocked-banner').filter({ hasText: 'KRA has not been reached for 12 h, so new sales are stopped until the till reconnects' }).waitFor();
    assert.equal(await page.getByRole('button', { name: /Pay/ }).isDisabled(), true);
    await page.keyboard.press('F10');
    await page.getByTestId('notice').filter({ hasText: 'new sales are stopped until the till reconnects' }).waitFor();
    assert.equal(await page.getByTestId('pay-panel').count(), 0);
    await page.screenshot({ path: screenshotPath('till-blocked') });
  });

  it('takes the banner away and sells again once KRA answers', async () => {
    await sim.admin.clearFaults();
    await bar('online').waitFor({ timeout: 60_000 });
    assert.equal(await page.getByTestId('blocked-banner').count(), 0);
    await page.getByTestId('notice').waitFor({ state: 'detached' });
    assert.equal(await page.getByRole('button', { name: /Pay/ }).isDisabled(), false);
    await payExactCash(page);
    await page.locator('[data-testid="receipt-screen"][data-status="signed"]').waitFor();
    await page.screenshot({ path: screenshotPath('till-back-online') });
  });
});
