import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshotPath } from '../support/browser';
import { spawnHost, type HostProcess } from '../support/host';
import { tempDir } from '../support/temp';

describe('logging in at the till (headless host + Chromium)', () => {
  const data = tempDir();
  let host: HostProcess;
  let browser: Browser;
  let page: Page;

  before(async () => {
    host = await spawnHost(['--data', data.path]);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await host?.stop();
    data.cleanup();
  });

  const typePin = async (pin: string) => {
    for (const digit of pin) await page.getByRole('button', { name: digit, exact: true }).click();
  };

  it('says so when the PIN is wrong, and stays on the PIN pad', async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(host.url);
    await typePin('4321');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong PIN. Try again.' }).waitFor();
    assert.equal(await page.getByTestId('status-bar').count(), 0);
  });

  it('logs the demo cashier in and shows the till with the KRA status bar', async () => {
    await page.keyboard.type('1234');
    await page.keyboard.press('Enter');
    await page.getByTestId('logged-in-user').filter({ hasText: 'Wanjiru (cashier)' }).waitFor();
    const bar = page.getByTestId('status-bar');
    await bar.waitFor();
    assert.match((await bar.getAttribute('data-state')) ?? '', /^(online|offline|blocked)$/);
    assert.equal(await page.getByTestId('queue-depth').textContent(), '0 waiting for KRA');
    await page.screenshot({ path: screenshotPath('till-after-login') });
  });

  it('logs out back to the PIN pad, and speaks Kiswahili when asked', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Kiswahili' }).click();
    await page.getByRole('heading', { name: 'Weka PIN yako' }).waitFor();
    await page.screenshot({ path: screenshotPath('login-kiswahili') });
    await typePin('9999');
    await page.getByRole('button', { name: 'Ingia' }).click();
    await page.getByTestId('logged-in-user').filter({ hasText: 'Otieno (meneja)' }).waitFor();
  });
});
