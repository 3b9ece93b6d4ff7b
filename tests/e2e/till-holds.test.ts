import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshotPath } from '../support/browser';
import { spawnHost, type HostProcess } from '../support/host';
import { tempDir } from '../support/temp';
import { BARCODES, BUYER, cartLines, expectAlert, expectNotice, logIn, payExactCash, scan, waitForLines } from './till-steps';

describe('holding, recalling and voiding carts (headless host + Chromium)', () => {
  const data = tempDir();
  let host: HostProcess;
  let browser: Browser;
  let page: Page;

  before(async () => {
    host = await spawnHost(['--data', data.path]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(host.url);
    await logIn(page, '1234', 'Wanjiru');
  });
  after(async () => {
    await browser?.close();
    await host?.stop();
    data.cleanup();
  });

  it('puts a cart on hold under a name and starts an empty one', async () => {
    await scan(page, BARCODES.sugar);
    await scan(page, BARCODES.sugar);
    await scan(page, BARCODES.milk);
    await waitForLines(page, 2);
    await page.getByTestId('cart-total').filter({ hasText: '395.00' }).waitFor();
    await page.keyboard.press('F6');
    await page.getByTestId('customer-pin').fill(BUYER.tin);
    await page.getByTestId('customer-name').fill(BUYER.name);
    await page.keyboard.press('Enter');
    await page.keyboard.press('F7');
    await page.getByTestId('hold-label').waitFor();
    assert.equal(await page.getByTestId('hold-label').inputValue(), BUYER.name, 'the buyer names the hold');
    await page.getByTestId('hold-label').fill('Mama Njeri');
    await page.keyboard.press('Enter');
    await expectNotice(page, 'Cart held as "Mama Njeri". Recall it with F8.');
    await waitForLines(page, 0);
  });

  it('voids an open cart only with a reason', async () => {
    await scan(page, BARCODES.soap);
    await waitForLines(page, 1);
    await page.keyboard.press('F9');
    await page.getByTestId('void-reason').waitFor();
    await page.keyboard.press('Enter');
    await expectAlert(page, 'Say why, in a few words.');
    await page.getByRole('button', { name: 'Customer left' }).click();
    await page.screenshot({ path: screenshotPath('till-void') });
    await page.getByTestId('void-reason').press('Enter');
    await expectNotice(page, 'Cart voided.');
    await waitForLines(page, 0);
  });

  it('will not recall over an open cart', async () => {
    await scan(page, BARCODES.bread);
    await waitForLines(page, 1);
    await page.keyboard.press('F8');
    await expectNotice(page, 'Hold or void the open cart before recalling another.');
    await page.keyboard.press('F7');
    await page.getByTestId('hold-label').fill('Bread boy');
    await page.keyboard.press('Enter');
    await expectNotice(page, 'Cart held as "Bread boy".');
  });

  it('keeps held carts across a restart of the till and recalls one with the arrows and Enter', async () => {
    await host.stop();
    host = await spawnHost(['--data', data.path]);
    await page.goto(host.url);
    await logIn(page, '1234', 'Wanjiru');
    await page.keyboard.press('F8');
    await page.getByTestId('held-cart').nth(1).waitFor();
    assert.deepEqual(await page.getByTestId('held-cart').locator('.hold-label').allTextContents(), ['Mama Njeri', 'Bread boy']);
    assert.match((await page.getByTestId('held-cart').first().textContent()) ?? '', /395\.00.*2 lines, held by Wanjiru/);
    await page.screenshot({ path: screenshotPath('till-recall') });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expectNotice(page, 'Recalled "Mama Njeri".');
    assert.deepEqual(await cartLines(page), [
      ['Sugar 1kg', '2', '165.00', '', '330.00'],
      ['Fresh milk 500ml', '1', '65.00', '', '65.00'],
    ]);
    await page.getByTestId('cart-customer').filter({ hasText: BUYER.name }).waitFor();
    await payExactCash(page);
  });

  it('recalls each hold only once', async () => {
    await page.keyboard.press('Enter');
    await page.keyboard.press('F8');
    await page.getByTestId('held-cart').first().waitFor();
    assert.deepEqual(await page.getByTestId('held-cart').locator('.hold-label').allTextContents(), ['Bread boy']);
  });
});
