import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshotPath } from '../support/browser';
import { spawnHost, type HostProcess } from '../support/host';
import { tempDir } from '../support/temp';
import { BARCODES, expectAlert, logIn, newSale, payExactCash, scan, waitForLines } from './till-steps';

async function logOut(page: Page): Promise<void> {
  await page.keyboard.press('F12');
  await page.getByTestId('pin-dots').waitFor();
}

async function openDay(page: Page): Promise<void> {
  await page.keyboard.press('F11');
  await page.getByTestId('day-screen').waitFor();
}

describe("the manager's day at the till (headless host + Chromium)", () => {
  const data = tempDir();
  let host: HostProcess;
  let browser: Browser;
  let page: Page;

  before(async () => {
    host = await spawnHost(['--data', data.path]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(host.url);
  });
  after(async () => {
    await browser?.close();
    await host?.stop();
    data.cleanup();
  });

  it('the manager closes the morning shift with one key, and the till then asks for a shift', async () => {
    await logIn(page, '9999', 'Otieno (manager)');
    await openDay(page);
    await page.getByTestId('no-sale').click();
    await page.getByText('The cash drawer opens through a receipt printer on the network or USB; none is set up.').waitFor();
    await page.getByTestId('shift-close-start').click();
    await page.getByTestId('blind-count').waitFor();
    await page.getByRole('button', { name: 'Close the shift with this count' }).click();
    assert.equal(await page.getByTestId('over-short').textContent(), 'Exact');
    await page.keyboard.press('Escape');
    await page.getByTestId('no-shift-banner').waitFor();
    await logOut(page);
  });

  it('a cashier cannot sell without a shift, and opens one with F11 and the counted float', async () => {
    await logIn(page, '1234', 'Wanjiru (cashier)');
    await page.getByTestId('no-shift-banner').waitFor();
    await scan(page, BARCODES.sugar);
    await waitForLines(page, 1);
    await page.keyboard.press('F10');
    await page.getByTestId('pay-amount').waitFor();
    await page.keyboard.press('Enter');
    await expectAlert(page, /No shift is open on this till\. Open a shift .*\(F11\)/);
    await page.keyboard.press('Escape');
    await openDay(page);
    assert.equal(await page.getByTestId('reports').count(), 0, 'a cashier sees the shift only');
    await page.getByTestId('shift-float').fill('2000');
    await page.keyboard.press('Enter');
    await page.getByTestId('shift-open').filter({ hasText: 'opened by Wanjiru' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('no-shift-banner').waitFor({ state: 'detached' });
    await payExactCash(page);
    await newSale(page);
  });

  it('pays out with a reason, then closes with a blind count that never shows what was expected', async () => {
    await openDay(page);
    await page.getByRole('button', { name: 'Pay out' }).click();
    await page.getByTestId('cash-move-amount').fill('100');
    await page.getByRole('button', { name: 'Petty cash' }).click();
    await page.getByRole('button', { name: 'Record' }).click();
    await page.getByTestId('shift-open').filter({ hasText: 'Paid out100.00' }).waitFor();
    await page.getByTestId('shift-close-start').click();
    const count = page.getByTestId('blind-count');
    await count.waitFor();
    assert.doesNotMatch((await count.textContent()) ?? '', /2,065|Expected/);
    await page.getByTestId('count-1000').fill('2');
    await page.getByTestId('count-50').fill('1');
    assert.equal(await page.getByTestId('counted-total').textContent(), '2,050.00');
    await page.screenshot({ path: screenshotPath('day-blind-count') });
    await page.getByRole('button', { name: 'Close the shift with this count' }).click();
    const closed = page.getByTestId('shift-closed');
    await closed.filter({ hasText: 'Counted 2,050.00' }).waitFor();
    assert.match((await closed.textContent()) ?? '', /Hand the drawer/);
    assert.equal(await page.getByTestId('over-short').count(), 0, 'the cashier is not shown over or short');
    await page.keyboard.press('Escape');
    await logOut(page);
  });

  it('the manager sees the shortfall, reads the X report and takes the Z, in both languages', async () => {
    await logIn(page, '9999', 'Otieno (manager)');
    await openDay(page);
    await page.getByTestId('shift-list').filter({ hasText: 'Short by 15.00' }).waitFor();
    await page.getByTestId('x-day').click();
    await page.getByTestId('report-title').filter({ hasText: 'X report: the day so far' }).waitFor();
    await page.getByTestId('take-z').click();
    await page.getByTestId('confirm-z-yes').click();
    await page.getByTestId('report-title').filter({ hasText: 'Z report No. 1' }).waitFor();
    const drawer = (await page.getByTestId('report-drawer').textContent()) ?? '';
    assert.match(drawer, /= Expected2,065\.00/);
    assert.match(drawer, /Over \/ shortShort by 15\.00/);
    assert.equal(await page.getByTestId('hour-chart').locator('li').count() >= 1, true);
    await page.getByTestId('z-list').filter({ hasText: 'Z 1:' }).waitFor();
    await page.screenshot({ path: screenshotPath('day-z-report'), fullPage: true });
    await page.getByRole('button', { name: 'Kiswahili' }).click();
    await page.getByTestId('report-title').filter({ hasText: 'Ripoti ya Z namba 1' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
  });
});
