import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshotPath } from '../support/browser';
import { spawnHost, type HostProcess } from '../support/host';
import { tempDir } from '../support/temp';
import { BARCODES, BUYER, cartLines, expectAlert, expectNotice, logIn, newSale, payExactCash, scan, total, typeSlowly, waitForLines } from './till-steps';

/** The action bar's buttons as the cashier reads them: the key, then what it does here. */
const actionBar = (page: Page) =>
  page.locator('.action-bar button').evaluateAll((buttons) => buttons.map((b) => `${b.querySelector('kbd')?.textContent} ${b.querySelector('span')?.textContent}`));

describe('selling at the till (headless host in demo mode + Chromium)', () => {
  const data = tempDir();
  let host: HostProcess;
  let browser: Browser;
  let page: Page;
  let mpesaCode = '';

  before(async () => {
    host = await spawnHost(['--data', data.path]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  after(async () => {
    await browser?.close();
    await host?.stop();
    data.cleanup();
  });

  it('logs the cashier in by PIN and shows who is logged in and that KRA is online', async () => {
    await page.goto(host.url);
    await logIn(page, '1234', 'Wanjiru (cashier)');
    await page.locator('[data-testid="status-bar"][data-state="online"]').waitFor();
    assert.equal(await page.getByTestId('kra-headline').textContent(), 'KRA online');
    await page.screenshot({ path: screenshotPath('till-empty') });
  });

  it('takes a scanner burst from anywhere on the screen, in order, counting repeats', async () => {
    await page.locator('.cart-empty').click();
    for (const code of [BARCODES.milk, BARCODES.sugar, BARCODES.sugar, BARCODES.bread]) await scan(page, code);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="line-quantity"]')].map((c) => c.textContent).join() === '1,2,1');
    assert.deepEqual(await cartLines(page), [
      ['Fresh milk 500ml', '1', '65.00', '', '65.00'],
      ['Sugar 1kg', '2', '165.00', '', '330.00'],
      ['Bread 400g', '1', '65.00', '', '65.00'],
    ]);
    assert.equal(await total(page), '460.00');
  });

  it('lets a person search by name as they type while a scan in the middle still lands in the cart', async () => {
    await page.keyboard.press('F2');
    await typeSlowly(page, 'mai');
    await page.getByTestId('search-result').filter({ hasText: 'Maize flour 2kg' }).waitFor();
    const maize = page.getByTestId('search-result').filter({ hasText: 'Maize flour 2kg' }).getByTestId('search-result-stock');
    assert.equal(await maize.textContent(), 'In stock: 48', 'the demo shelf opens with stock');
    await page.screenshot({ path: screenshotPath('till-search') });
    await scan(page, BARCODES.soap);
    await waitForLines(page, 4);
    assert.equal(await page.getByTestId('search-input').inputValue(), 'mai');
    await page.keyboard.press('Enter');
    await waitForLines(page, 5);
    assert.equal(await page.getByTestId('search-input').inputValue(), '');
    await typeSlowly(page, BARCODES.milk);
    await page.getByTestId('search-result').filter({ hasText: 'Fresh milk 500ml' }).waitFor();
    await page.keyboard.press('Enter');
    await waitForLines(page, 6);
    assert.deepEqual((await cartLines(page)).map((line) => line[0]), ['Fresh milk 500ml', 'Sugar 1kg', 'Bread 400g', 'Bar soap 800g', 'Maize flour 2kg', 'Fresh milk 500ml']);
  });

  it('keeps what the cashier types after Enter while the engine is slow to answer the search', async () => {
    let release = () => {};
    const answersHeld = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/items.search', async (route) => {
      await answersHeld;
      await route.continue();
    });
    await page.keyboard.type('paraf');
    await page.keyboard.press('Enter');
    await page.keyboard.type('soda');
    release();
    await waitForLines(page, 7);
    await page.unroute('**/api/items.search');
    assert.equal((await cartLines(page))[6]?.[0], 'Paraffin 1L');
    assert.equal(await page.getByTestId('search-input').inputValue(), 'soda', 'the keys typed after Enter start the next search');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Remove Paraffin 1L' }).click();
    await waitForLines(page, 6);
  });

  it('says so when a scanned barcode is unknown', async () => {
    await scan(page, '9999999999999');
    await expectNotice(page, 'No item with code 9999999999999.');
  });

  it('sells a weighed item from a quick key in decimals, and keeps counted items whole', async () => {
    await page.getByTestId('quick-key').filter({ hasText: 'Tomatoes (per kg)' }).click();
    await waitForLines(page, 7);
    await page.keyboard.press('F3');
    await page.getByTestId('quantity-input').fill('1.25');
    await page.keyboard.press('Enter');
    await page.getByTestId('line-quantity').nth(6).filter({ hasText: '1.25 kg' }).waitFor();
    assert.equal(await page.getByTestId('line-total').nth(6).textContent(), '150.00');
    await page.getByTestId('cart-line').nth(1).click();
    await page.keyboard.press('F3');
    await page.getByTestId('quantity-input').fill('1.5');
    await page.keyboard.press('Enter');
    await expectAlert(page, 'This item is counted, not weighed: use a whole number.');
    await page.screenshot({ path: screenshotPath('till-quantity') });
    await page.getByTestId('quantity-input').fill('3');
    await page.keyboard.press('Enter');
    await page.getByTestId('line-quantity').nth(1).filter({ hasText: /^3$/ }).waitFor();
  });

  it('removes lines with a tap on the cross or the Delete key', async () => {
    await page.getByRole('button', { name: 'Remove Bread 400g' }).click();
    await waitForLines(page, 6);
    await page.getByTestId('cart-line').nth(4).click();
    await page.keyboard.press('Delete');
    await waitForLines(page, 5);
    assert.deepEqual((await cartLines(page)).map((line) => line[0]), ['Fresh milk 500ml', 'Sugar 1kg', 'Bar soap 800g', 'Maize flour 2kg', 'Tomatoes (per kg)']);
  });

  it('gives a discount and a new price only with a supervisor\'s or manager\'s PIN', async () => {
    await page.getByTestId('cart-line').nth(1).click();
    await page.keyboard.press('F4');
    await page.getByTestId('discount-input').fill('10%');
    await page.getByTestId('approval-pin').fill('1234');
    await page.keyboard.press('Enter');
    // The cashier's own PIN gets the answer no one's PIN gets: a refusal never says whose PIN it was.
    await expectAlert(page, 'Wrong PIN. Try again.');
    await page.getByTestId('approval-pin').fill('4444');
    await page.keyboard.press('Enter');
    // Both refusals read the same, so wait for the second to clear the field before typing again.
    await page.waitForFunction(() => (document.querySelector('[data-testid="approval-pin"]') as HTMLInputElement).value === '');
    await expectAlert(page, 'Wrong PIN. Try again.');
    await page.getByTestId('approval-pin').fill('9999');
    await page.screenshot({ path: screenshotPath('till-discount-approval') });
    await page.keyboard.press('Enter');
    await page.getByTestId('discount-panel').waitFor({ state: 'detached' });
    assert.deepEqual((await cartLines(page))[1], ['Sugar 1kg', '3', '165.00', '-49.50', '445.50']);
    await page.getByTestId('cart-line').nth(2).click();
    await page.keyboard.press('F5');
    await page.getByTestId('price-input').fill('200');
    await page.getByTestId('approval-pin').fill('9999');
    await page.keyboard.press('Enter');
    await page.getByTestId('price-panel').waitFor({ state: 'detached' });
    assert.deepEqual((await cartLines(page))[2], ['Bar soap 800gprice changed', '1', '200.00', '', '200.00']);
  });

  it('checks the buyer\'s KRA PIN as it is typed, and keeps the buyer on the sale', async () => {
    await page.keyboard.press('F6');
    const hint = page.getByTestId('customer-pin-hint');
    await page.getByTestId('customer-pin').pressSequentially('p05');
    assert.equal(await hint.getAttribute('data-progress'), 'partial');
    await page.getByTestId('customer-pin').pressSequentially('x');
    await hint.filter({ hasText: 'That is not a KRA PIN' }).waitFor();
    await page.getByTestId('customer-pin').fill(BUYER.tin.toLowerCase());
    await hint.filter({ hasText: 'The PIN is well formed' }).waitFor();
    await page.getByTestId('customer-name').fill(BUYER.name);
    await page.screenshot({ path: screenshotPath('till-buyer-pin') });
    await page.keyboard.press('Enter');
    await page.getByTestId('cart-customer').filter({ hasText: `Buyer: ${BUYER.name} (${BUYER.tin})` }).waitFor();
  });

  it('splits the payment between M-Pesa and cash, asks for the M-Pesa code, and shows the change big', async () => {
    assert.equal(await total(page), '1,045.50');
    assert.deepEqual((await actionBar(page)).slice(0, 3), ['F3 Quantity', 'F4 Discount', 'F5 Price']);
    await page.keyboard.press('F10');
    await page.getByTestId('pay-panel').waitFor();
    assert.deepEqual(await actionBar(page), ['F2 Cash', 'F3 M-Pesa', 'F4 Card', 'F5 Credit', 'F6 Buyer PIN', 'F7 Hold', 'F8 Recall', 'F9 Void', 'F10 Take payment']);
    await page.locator('.action-bar button').filter({ hasText: 'Card' }).click();
    await page.locator('.tender-kinds button[aria-pressed="true"]').filter({ hasText: 'Card' }).waitFor();
    await page.screenshot({ path: screenshotPath('till-payment-action-bar') });
    await page.keyboard.press('F3');
    await page.getByTestId('pay-amount').fill('1000');
    await page.getByTestId('mpesa-code').focus();
    await page.keyboard.press('Enter');
    await expectAlert(page, 'Enter the M-Pesa transaction code (10 letters and digits).');
    mpesaCode = `SK${String(Date.now()).slice(-8)}`;
    await page.getByTestId('mpesa-code').fill(mpesaCode.toLowerCase());
    await page.keyboard.press('Enter');
    await page.getByTestId('pay-remaining').filter({ hasText: '45.50' }).waitFor();
    await page.getByTestId('pay-amount').fill('100');
    await page.getByTestId('pay-change').filter({ hasText: '54.50' }).waitFor();
    await page.screenshot({ path: screenshotPath('till-payment-split') });
    await page.keyboard.press('Enter');
    await page.getByTestId('receipt-screen').waitFor();
    assert.equal(await page.getByTestId('change').textContent(), '54.50');
    await page.locator('[data-testid="receipt-screen"][data-status="signed"]').waitFor();
    assert.match((await page.getByTestId('sale-mark').textContent()) ?? '', /Signed by KRA: tax invoice/);
    await page.screenshot({ path: screenshotPath('till-receipt-signed') });
  });

  it('refuses an M-Pesa code already used on another sale, with the engine\'s message', async () => {
    await newSale(page);
    await scan(page, BARCODES.bread);
    await waitForLines(page, 1);
    await page.keyboard.press('F10');
    await page.keyboard.press('F3');
    await page.getByTestId('mpesa-code').fill(mpesaCode);
    await page.keyboard.press('Enter');
    await expectAlert(page, `M-Pesa code ${mpesaCode} was already used on another sale.`);
    assert.equal(await page.getByTestId('tender').count(), 0);
    await page.getByTestId('mpesa-code').fill(`QX${mpesaCode.slice(2)}`);
    await page.keyboard.press('Enter');
    await page.getByTestId('receipt-screen').waitFor();
    assert.equal(await page.getByTestId('change').textContent(), '0.00');
  });

  it('takes a discount on the whole cart, then card and credit, giving change only from cash and credit only to a named buyer', async () => {
    await newSale(page);
    await scan(page, BARCODES.maize);
    await waitForLines(page, 1);
    await page.keyboard.press('F4');
    await page.getByRole('button', { name: 'Whole cart' }).click();
    await page.getByTestId('discount-input').fill('5%');
    await page.getByTestId('approval-pin').fill('9999');
    await page.keyboard.press('Enter');
    await page.getByTestId('cart-total').filter({ hasText: '175.75' }).waitFor();
    await page.keyboard.press('F10');
    await page.keyboard.press('F4');
    await page.getByTestId('pay-amount').fill('200');
    await page.keyboard.press('Enter');
    await expectAlert(page, 'Card, M-Pesa and credit cannot pay more than the total: change is given only from cash.');
    await page.getByTestId('pay-amount').fill('100');
    await page.keyboard.press('Enter');
    await page.getByTestId('pay-remaining').filter({ hasText: '75.75' }).waitFor();
    await page.keyboard.press('F5');
    await page.getByTestId('customer-pin').waitFor();
    await page.getByTestId('pay-amount').focus();
    await page.keyboard.press('Enter');
    await expectAlert(page, 'That is not a KRA PIN');
    await page.getByTestId('customer-pin').fill(BUYER.tin);
    await page.getByTestId('customer-name').fill(BUYER.name);
    await page.keyboard.press('Enter');
    await page.getByTestId('receipt-screen').waitFor();
  });

  it('switches user without losing the open cart', async () => {
    await newSale(page);
    await scan(page, BARCODES.milk);
    await scan(page, BARCODES.sugar);
    await waitForLines(page, 2);
    await page.keyboard.press('F12');
    await page.getByTestId('kept-cart').filter({ hasText: 'An open cart (2 lines) is kept' }).waitFor();
    await page.screenshot({ path: screenshotPath('login-cart-kept') });
    await logIn(page, '9999', 'Otieno (manager)');
    assert.deepEqual((await cartLines(page)).map((line) => line[0]), ['Fresh milk 500ml', 'Sugar 1kg']);
    await payExactCash(page);
    await newSale(page);
  });

  it('speaks Kiswahili when the cashier switches language', async () => {
    await page.getByRole('button', { name: 'Kiswahili' }).click();
    await page.getByRole('button', { name: /Lipa/ }).waitFor();
    await page.getByTestId('logged-in-user').filter({ hasText: 'Otieno (meneja)' }).waitFor();
    await scan(page, BARCODES.tomatoes);
    await waitForLines(page, 1);
    await page.screenshot({ path: screenshotPath('till-kiswahili') });
    assert.equal(await page.getByTestId('kra-headline').textContent(), 'KRA iko mtandaoni');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: /Pay/ }).waitFor();
  });

  it('says a wrong PIN is wrong, and locks the PIN pad after repeated failures', async () => {
    await page.keyboard.press('F12');
    await page.getByTestId('pin-dots').waitFor();
    await page.screenshot({ path: screenshotPath('login') });
    const tryPin = async (pin: string) => {
      const answered = page.waitForResponse((response) => response.url().endsWith('/api/session.login'));
      await page.keyboard.type(pin);
      await page.keyboard.press('Enter');
      await answered;
    };
    // Two wrong approval PINs were typed at this till earlier, and a login since has not wiped them: 3 more make 5.
    for (let attempt = 0; attempt < 3; attempt++) {
      await tryPin('5555');
      await expectAlert(page, 'Wrong PIN. Try again.');
    }
    await tryPin('1234');
    await expectAlert(page, /Too many wrong PINs. Try again in \d+ seconds./);
    assert.equal(await page.getByTestId('logged-in-user').count(), 0);
    await page.screenshot({ path: screenshotPath('login-locked') });
  });
});
