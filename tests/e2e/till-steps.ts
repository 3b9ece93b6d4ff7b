/** What a cashier does at the till, as steps the till's e2e tests share. */
import assert from 'node:assert/strict';
import type { CDPSession, Page } from 'playwright-core';

export const BARCODES = {
  milk: '6161100110031',
  sugar: '6161100110024',
  bread: '6161100110109',
  soap: '6161100110062',
  maize: '6161100110017',
  tomatoes: '6161100110086',
} as const;

export const BUYER = { tin: 'P000111222Q', name: 'ACME LTD' } as const;

export async function logIn(page: Page, pin: string, name: string): Promise<void> {
  await page.getByTestId('pin-dots').waitFor();
  await page.keyboard.type(pin);
  await page.keyboard.press('Enter');
  await page.getByTestId('logged-in-user').filter({ hasText: name }).waitFor();
}

const SCANNER_KEY_GAP_S = 0.004;
const devtools = new WeakMap<Page, Promise<CDPSession>>();

/**
 * A USB scanner: the whole code in one burst a few milliseconds a key, then Enter. The keys carry
 * the scanner's own timestamps, as the system stamps a real scanner's keys when they arrive; so a
 * busy test machine, slow to deliver each key, cannot turn the scan into typing.
 */
export async function scan(page: Page, code: string): Promise<void> {
  let opening = devtools.get(page);
  if (!opening) devtools.set(page, (opening = page.context().newCDPSession(page)));
  const session = await opening;
  const start = Date.now() / 1000;
  const keys = [...code].map((char) => ({ key: char, text: char, windowsVirtualKeyCode: char.charCodeAt(0) }));
  keys.push({ key: 'Enter', text: '\r', windowsVirtualKeyCode: 13 });
  for (const [i, key] of keys.entries()) {
    const timestamp = start + i * SCANNER_KEY_GAP_S;
    await session.send('Input.dispatchKeyEvent', { type: 'keyDown', ...key, timestamp });
    await session.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key, text: undefined, timestamp });
  }
}

/** A person at the keyboard: a tenth of a second or so between keys. */
export async function typeSlowly(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text, { delay: 90 });
}

export async function cartLines(page: Page): Promise<string[][]> {
  return page.getByTestId('cart-line').evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll('td')].slice(0, 5).map((cell) => (cell.textContent ?? '').trim())),
  );
}

export async function waitForLines(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="cart-line"]').length === n, count);
}

export async function total(page: Page): Promise<string> {
  return (await page.getByTestId('cart-total').textContent()) ?? '';
}

export async function expectNotice(page: Page, text: string | RegExp): Promise<void> {
  await page.getByTestId('notice').filter({ hasText: text }).waitFor();
}

export async function expectAlert(page: Page, text: string | RegExp): Promise<void> {
  await page.getByRole('alert').filter({ hasText: text }).first().waitFor();
}

/** Back to an empty sale from the receipt screen. */
export async function newSale(page: Page): Promise<void> {
  await page.keyboard.press('Enter');
  await page.getByTestId('receipt-screen').waitFor({ state: 'detached' });
  // The cursor is back in the search box: what the cashier waits for before the next scan.
  await page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.dataset.testid === 'search-input');
  assert.equal(await page.getByTestId('cart-line').count(), 0);
}

/** Pays the whole total in cash: the pay key, then Enter on the amount it offers. */
export async function payExactCash(page: Page): Promise<void> {
  await page.keyboard.press('F10');
  await page.getByTestId('pay-amount').waitFor();
  await page.keyboard.press('Enter');
  await page.getByTestId('receipt-screen').waitFor();
}
