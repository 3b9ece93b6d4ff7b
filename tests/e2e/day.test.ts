import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { screenshotPath } from '../support/browser';
import { tillInChromium } from '../support/till-page';
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
  const till = tillInChromium({ width: 1366, height: 900 });

  it('the manager closes the morning shift with one key, and the till then asks for a shift', async () => {
    await logIn(till.page, '9999', 'Otieno (manager)');
    await openDay(till.page);
    await till.page.getByTestId('no-sale').click();
    await till.page.getByText('The cash drawer opens through a receipt printer on the network or USB; none is set up.').waitFor();
    await till.page.getByTestId('shift-close-start').click();
    await till.page.getByTestId('blind-count').waitFor();
    await till.page.getByRole('button', { name: 'Close the shift with this count' }).click();
    assert.equal(await till.page.getByTestId('over-short').textContent(), 'Exact');
    await till.page.keyboard.press('Escape');
    await till.page.getByTestId('no-shift-banner').waitFor();
    await logOut(till.page);
  });

  it('a cashier cannot sell without a shift, and opens one with F11 and the counted float', async () => {
    await logIn(till.page, '1234', 'Wanjiru (cashier)');
    await till.page.getByTestId('no-shift-banner').waitFor();
    await scan(till.page, BARCODES.sugar);
    await waitForLines(till.page, 1);
    await till.page.keyboard.press('F10');
    await till.page.getByTestId('pay-amount').waitFor();
    await till.page.keyboard.press('Enter');
    await expectAlert(till.page, /No shift is open on this till\. Open a shift .*\(F11\)/);
    await till.page.keyboard.press('Escape');
    await openDay(till.page);
    assert.equal(await till.page.getByTestId('reports').count(), 0, 'a cashier sees the shift only');
    await till.page.getByTestId('shift-float').fill('2000');
    await till.page.keyboard.press('Enter');
    await till.page.getByTestId('shift-open').filter({ hasText: 'opened by Wanjiru' }).waitFor();
    await till.page.keyboard.press('Escape');
    await till.page.getByTestId('no-shift-banner').waitFor({ state: 'detached' });
    await payExactCash(till.page);
    await newSale(till.page);
  });

  it('pays out with a reason, then closes with a blind count that never shows what was expected', async () => {
    await openDay(till.page);
    await till.page.getByRole('button', { name: 'Pay out' }).click();
    await till.page.getByTestId('cash-move-amount').fill('100');
    await till.page.getByRole('button', { name: 'Petty cash' }).click();
    await till.page.getByRole('button', { name: 'Record' }).click();
    await till.page.getByTestId('shift-open').filter({ hasText: 'Paid out100.00' }).waitFor();
    await till.page.getByTestId('shift-close-start').click();
    const count = till.page.getByTestId('blind-count');
    await count.waitFor();
    assert.doesNotMatch((await count.textContent()) ?? '', /2,065|Expected/);
    await till.page.getByTestId('count-1000').fill('2');
    await till.page.getByTestId('count-50').fill('1');
    assert.equal(await till.page.getByTestId('counted-total').textContent(), '2,050.00');
    await till.page.screenshot({ path: screenshotPath('day-blind-count') });
    await till.page.getByRole('button', { name: 'Close the shift with this count' }).click();
    const closed = till.page.getByTestId('shift-closed');
    await closed.filter({ hasText: 'Counted 2,050.00' }).waitFor();
    assert.match((await closed.textContent()) ?? '', /Hand the drawer/);
    assert.equal(await till.page.getByTestId('over-short').count(), 0, 'the cashier is not shown over or short');
    await till.page.keyboard.press('Escape');
    await logOut(till.page);
  });

  it('the manager sees the shortfall, reads the X report and takes the Z, in both languages', async () => {
    await logIn(till.page, '9999', 'Otieno (manager)');
    await openDay(till.page);
    await till.page.getByTestId('shift-list').filter({ hasText: 'Short by 15.00' }).waitFor();
    await till.page.getByTestId('x-day').click();
    await till.page.getByTestId('report-title').filter({ hasText: 'X report: the day so far' }).waitFor();
    await till.page.getByTestId('take-z').click();
    await till.page.getByTestId('confirm-z-yes').click();
    await till.page.getByTestId('report-title').filter({ hasText: 'Z report No. 1' }).waitFor();
    const drawer = (await till.page.getByTestId('report-drawer').textContent()) ?? '';
    assert.match(drawer, /= Expected2,065\.00/);
    assert.match(drawer, /Over \/ shortShort by 15\.00/);
    assert.equal(await till.page.getByTestId('hour-chart').locator('li').count() >= 1, true);
    await till.page.getByTestId('z-list').filter({ hasText: 'Z 1:' }).waitFor();
    await till.page.screenshot({ path: screenshotPath('day-z-report'), fullPage: true });
    await till.page.getByRole('button', { name: 'Kiswahili' }).click();
    await till.page.getByTestId('report-title').filter({ hasText: 'Ripoti ya Z namba 1' }).waitFor();
    await till.page.getByRole('button', { name: 'English' }).click();
  });
});
