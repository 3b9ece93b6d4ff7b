import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshotPath } from '../support/browser';
import { spawnHost, type HostProcess } from '../support/host';
import { tempDir } from '../support/temp';

describe('staff and their PINs at the till (headless host + Chromium)', () => {
  const data = tempDir();
  let host: HostProcess;
  let browser: Browser;
  let page: Page;

  before(async () => {
    host = await spawnHost(['--data', data.path]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(host.url);
  });
  after(async () => {
    await browser?.close();
    await host?.stop();
    data.cleanup();
  });

  const logIn = async (pin: string, who: string) => {
    await page.getByRole('heading', { name: /Enter your PIN|Weka PIN yako/ }).waitFor();
    await page.keyboard.type(pin);
    await page.keyboard.press('Enter');
    await page.getByTestId('logged-in-user').filter({ hasText: who }).waitFor();
  };
  const notice = (text: string) => page.getByTestId('staff-notice').filter({ hasText: text }).waitFor();

  it('shows a cashier no Staff screen, and lets them change their own PIN with the keyboard', async () => {
    await logIn('1234', 'Wanjiru');
    assert.equal(await page.getByRole('button', { name: /Staff/ }).count(), 0);
    await page.keyboard.press('F1');
    await page.getByTestId('notice').filter({ hasText: /not allowed|permission|role/i }).waitFor();
    assert.equal(await page.getByTestId('staff-screen').count(), 0);

    await page.getByTestId('my-pin-button').click();
    await page.getByTestId('my-pin-panel').waitFor();
    await page.keyboard.type('1234');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2580');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2581');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'The two new PINs differ' }).waitFor();
    await page.getByTestId('my-pin-repeat').fill('2580');
    await page.keyboard.press('Enter');
    await page.getByTestId('notice').filter({ hasText: 'Your PIN is changed.' }).waitFor();
    await page.keyboard.press('F12');
    await logIn('2580', 'Wanjiru');
    await page.keyboard.press('F12');
  });

  it('lets a manager add, re-PIN and deactivate staff from the till, in either language', async () => {
    await logIn('9999', 'Otieno');
    await page.keyboard.press('F1');
    await page.getByTestId('staff-screen').waitFor();
    await page.getByTestId('staff-row').nth(1).waitFor();
    assert.deepEqual(await page.getByTestId('staff-row').locator('td:first-child').allTextContents(), ['Wanjiru ', 'Otieno (you)']);

    await page.keyboard.press('F2');
    await page.getByTestId('staff-create').waitFor();
    await page.keyboard.type('Njeri');
    await page.getByTestId('staff-role').selectOption('supervisor');
    await page.getByTestId('staff-pin').fill('2580');
    await page.keyboard.press('Enter');
    await page.getByTestId('staff-create').getByRole('alert').filter({ hasText: 'That PIN cannot be used' }).waitFor();
    await page.getByTestId('staff-pin').fill('4455');
    await page.keyboard.press('Enter');
    await notice('Njeri added as supervisor.');
    await page.getByTestId('staff-row').nth(2).filter({ hasText: 'Njeri' }).waitFor();

    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('F3');
    await page.getByTestId('staff-reset-pin').filter({ hasText: 'Njeri' }).waitFor();
    await page.keyboard.type('4456');
    await page.keyboard.press('Enter');
    await notice('New PIN set for Njeri.');

    await page.keyboard.press('F5');
    await notice('Njeri is deactivated and cannot log in.');
    await page.getByTestId('staff-row').nth(2).filter({ hasText: 'Deactivated' }).waitFor();
    await page.screenshot({ path: screenshotPath('staff-screen') });

    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('F5');
    await page.getByTestId('staff-notice').filter({ hasText: 'last active manager' }).waitFor();

    await page.getByRole('button', { name: 'Kiswahili' }).click();
    await page.getByRole('heading', { name: 'Wafanyakazi' }).waitFor();
    await page.getByTestId('staff-row').nth(2).filter({ hasText: 'Amesitishwa' }).waitFor();
    await page.screenshot({ path: screenshotPath('staff-screen-kiswahili') });
    await page.getByRole('button', { name: 'English' }).click();

    await page.keyboard.press('Escape');
    await page.getByTestId('staff-screen').waitFor({ state: 'detached' });
    await page.keyboard.press('F12');
    await page.getByRole('heading', { name: 'Enter your PIN' }).waitFor();
    await page.keyboard.type('4456');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Wrong PIN' }).waitFor();
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
