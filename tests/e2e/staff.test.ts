import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, screenshotPath } from '../support/browser';
import { spawnHost, type HostProcess } from '../support/host';
import { tempDir } from '../support/temp';
import { tillInChromium } from '../support/till-page';

describe('staff and their PINs at the till (headless host + Chromium)', () => {
  const till = tillInChromium();

  const logIn = async (pin: string, who: string) => {
    await till.page.getByRole('heading', { name: /Enter your PIN|Weka PIN yako/ }).waitFor();
    await till.page.keyboard.type(pin);
    await till.page.keyboard.press('Enter');
    await till.page.getByTestId('logged-in-user').filter({ hasText: who }).waitFor();
  };
  const notice = (text: string) => till.page.getByTestId('staff-notice').filter({ hasText: text }).waitFor();

  it('shows a cashier no Staff screen, and lets them change their own PIN with the keyboard', async () => {
    await logIn('1234', 'Wanjiru');
    assert.equal(await till.page.getByRole('button', { name: /Staff/ }).count(), 0);
    await till.page.keyboard.press('F1');
    await till.page.getByTestId('notice').filter({ hasText: /not allowed|permission|role/i }).waitFor();
    assert.equal(await till.page.getByTestId('staff-screen').count(), 0);

    await till.page.getByTestId('my-pin-button').click();
    await till.page.getByTestId('my-pin-panel').waitFor();
    await till.page.keyboard.type('1234');
    await till.page.keyboard.press('Tab');
    await till.page.keyboard.type('2580');
    await till.page.keyboard.press('Tab');
    await till.page.keyboard.type('2581');
    await till.page.keyboard.press('Enter');
    await till.page.getByRole('alert').filter({ hasText: 'The two new PINs differ' }).waitFor();
    await till.page.getByTestId('my-pin-repeat').fill('2580');
    await till.page.keyboard.press('Enter');
    await till.page.getByTestId('notice').filter({ hasText: 'Your PIN is changed.' }).waitFor();
    await till.page.keyboard.press('F12');
    await logIn('2580', 'Wanjiru');
    await till.page.keyboard.press('F12');
  });

  it('lets a manager add, re-PIN and deactivate staff from the till, in either language', async () => {
    await logIn('9999', 'Otieno');
    await till.page.keyboard.press('F1');
    await till.page.getByTestId('staff-screen').waitFor();
    await till.page.getByTestId('staff-row').nth(1).waitFor();
    assert.deepEqual(await till.page.getByTestId('staff-row').locator('td:first-child').allTextContents(), ['Wanjiru ', 'Otieno (you)']);

    await till.page.keyboard.press('F2');
    await till.page.getByTestId('staff-create').waitFor();
    await till.page.keyboard.type('Njeri');
    await till.page.getByTestId('staff-role').selectOption('supervisor');
    await till.page.getByTestId('staff-pin').fill('2580');
    await till.page.keyboard.press('Enter');
    await till.page.getByTestId('staff-create').getByRole('alert').filter({ hasText: 'That PIN cannot be used' }).waitFor();
    await till.page.getByTestId('staff-pin').fill('4455');
    await till.page.keyboard.press('Enter');
    await notice('Njeri added as supervisor.');
    await till.page.getByTestId('staff-row').nth(2).filter({ hasText: 'Njeri' }).waitFor();

    await till.page.keyboard.press('ArrowDown');
    await till.page.keyboard.press('ArrowDown');
    await till.page.keyboard.press('F3');
    await till.page.getByTestId('staff-reset-pin').filter({ hasText: 'Njeri' }).waitFor();
    await till.page.keyboard.type('4456');
    await till.page.keyboard.press('Enter');
    await notice('New PIN set for Njeri.');

    await till.page.keyboard.press('F5');
    await notice('Njeri is deactivated and cannot log in.');
    await till.page.getByTestId('staff-row').nth(2).filter({ hasText: 'Deactivated' }).waitFor();
    await till.page.screenshot({ path: screenshotPath('staff-screen') });

    await till.page.keyboard.press('ArrowUp');
    await till.page.keyboard.press('F5');
    await till.page.getByTestId('staff-notice').filter({ hasText: 'last active manager' }).waitFor();

    await till.page.getByRole('button', { name: 'Kiswahili' }).click();
    await till.page.getByRole('heading', { name: 'Wafanyakazi' }).waitFor();
    await till.page.getByTestId('staff-row').nth(2).filter({ hasText: 'Amesitishwa' }).waitFor();
    await till.page.screenshot({ path: screenshotPath('staff-screen-kiswahili') });
    await till.page.getByRole('button', { name: 'English' }).click();

    await till.page.keyboard.press('Escape');
    await till.page.getByTestId('staff-screen').waitFor({ state: 'detached' });
    await till.page.keyboard.press('F12');
    await till.page.getByRole('heading', { name: 'Enter your PIN' }).waitFor();
    await till.page.keyboard.type('4456');
    await till.page.keyboard.press('Enter');
    await till.page.getByRole('alert').filter({ hasText: 'Wrong PIN' }).waitFor();
  });
});

describe('a till left idle (headless host + Chromium)', () => {
  const data = tempDir();
  let host: HostProcess;
  let browser: Browser;

  before(async () => {
    host = await spawnHost(['--data', data.path, '--test-clock'], { MAUZO_TEST: '1' });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await host?.stop();
    data.cleanup();
  });

  it('goes back to the PIN pad once the session has sat unused for 15 minutes', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(host.url);
    await page.getByRole('heading', { name: 'Enter your PIN' }).waitFor();
    await page.keyboard.type('1234');
    await page.keyboard.press('Enter');
    await page.getByTestId('logged-in-user').filter({ hasText: 'Wanjiru' }).waitFor();
    const moved = await fetch(new URL('__test/clock', host.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ advanceMs: 16 * 60 * 1000 }),
    });
    assert.equal(moved.status, 200);
    await page.keyboard.press('F8');
    await page.getByRole('heading', { name: 'Enter your PIN' }).waitFor();
    await page.getByRole('alert').filter({ hasText: 'Logged out after 15 minutes without use' }).waitFor();
    await page.screenshot({ path: screenshotPath('login-after-idle') });
    await page.keyboard.type('1234');
    await page.keyboard.press('Enter');
    await page.getByTestId('logged-in-user').filter({ hasText: 'Wanjiru' }).waitFor();
  });
});
