import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { screenshotPath } from '../support/browser';
import { tillInChromium } from '../support/till-page';
import { logIn } from './till-steps';

describe('a manager\'s checks at the till: a test print and the clock (headless host in demo mode + Chromium)', () => {
  const till = tillInChromium();

  /** The printer a manager would set up, through the host's API. */
  const usePrinter = async (printer: { kind: 'device' | 'tcp'; address: string }) => {
    const post = async (method: string, body: unknown, token?: string) => {
      const response = await fetch(new URL(`api/${method}`, till.host.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      return (await response.json()) as { ok: boolean; value?: { token: string }; error?: { code: string } };
    };
    const login = await post('session.login', { pin: '9999' });
    return post('settings.printing.set', { paperWidth: 80, printer, topMsg: '', btmMsg: '', logo: null }, login.value!.token);
  };

  it('shows a cashier no manager button', async () => {
    await logIn(till.page, '1234', 'Wanjiru');
    assert.equal(await till.page.getByTestId('manager-button').count(), 0);
    await till.page.keyboard.press('F12');
  });

  it('says which printer a test print went to, where it really went, and that it printed', async () => {
    await logIn(till.page, '9999', 'Otieno');
    await till.page.getByTestId('manager-button').click();
    await till.page.getByTestId('test-print').click();
    await till.page.getByRole('alert').filter({ hasText: 'No receipt printer is set up' }).waitFor();

    const refused = await usePrinter({ kind: 'device', address: `/dev/..${till.dataDir}/printer` });
    assert.deepEqual([refused.ok, refused.error?.code], [false, 'PRINTER_DEVICE_MISSING']);
    assert.equal((await usePrinter({ kind: 'device', address: '/dev/../dev/null' })).ok, true);
    await till.page.getByTestId('test-print').click();
    await till.page
      .getByTestId('manager-outcome')
      .filter({ hasText: 'Printer: USB or serial printer, /dev/../dev/null. Sent to: /dev/null. A test page was printed.' })
      .waitFor();
    await till.page.screenshot({ path: screenshotPath('manager-test-print') });
  });

  it('re-anchors the clock only when sales are dated ahead of KRA, and says so', async () => {
    await till.page.getByTestId('reanchor-clock').click();
    await till.page.getByRole('alert').filter({ hasText: 'there is nothing to re-anchor' }).waitFor();
    await till.page.screenshot({ path: screenshotPath('manager-reanchor-not-needed') });
  });
});
