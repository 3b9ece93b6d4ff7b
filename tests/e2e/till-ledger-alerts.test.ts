import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { DEMO_TAXPAYER } from '../../src-shared/etims/demo';
import { launchSimulator, type SimulatorProcess } from '../../src-main/kra-sim/launch';
import { LEDGER_FILE } from '../../src-main/ledger/open';
import { launchChromium, screenshotPath } from '../support/browser';
import { spawnHost, type HostProcess } from '../support/host';
import { tempDir } from '../support/temp';
import { waitFor } from '../support/wait';
import { BARCODES, logIn, scan, waitForLines } from './till-steps';

/** The host's api as any program on the machine calls it. */
async function call<T>(host: HostProcess, method: string, input: unknown, token?: string): Promise<T> {
  const answer = await fetch(new URL(`api/${method}`, host.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  const body = (await answer.json()) as { ok: boolean; value: T; error?: unknown };
  if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.value;
}

describe('what stops the till, in its status bar: a ledger behind KRA and a damaged ledger (simulator + host + Chromium)', () => {
  const root = tempDir();
  const live = join(root.path, 'till');
  const backup = join(root.path, 'backup');
  let sim: SimulatorProcess;
  let host: HostProcess | null = null;
  let browser: Browser;

  const serve = async (dir: string) => (host = await spawnHost(['--data', dir, '--kra-url', sim.directBase]));
  const sellAndDrain = async (h: HostProcess, sales: number) => {
    const { token } = await call<{ token: string }>(h, 'session.login', { pin: '1234' });
    for (let i = 0; i < sales; i++) {
      await call(h, 'sale.complete', { lines: [{ itemCode: 'KE2BGNO0000002', quantity: 100 * (i + 1) }], tenders: [{ kind: 'cash', amount: 100_000 }] }, token);
    }
    await waitFor('every sale signed', async () => (await call<{ queueDepth: number }>(h, 'sync.status', {}, token)).queueDepth === 0);
  };

  before(async () => {
    sim = await launchSimulator({ seed: 'ledger-alerts' });
    browser = await launchChromium();
    // A backup taken after the first sale; two more sales reach KRA after it.
    await sellAndDrain(await serve(live), 1);
    await host!.stop();
    cpSync(live, backup, { recursive: true });
    await sellAndDrain(await serve(live), 2);
    await host!.stop();
  });
  after(async () => {
    await browser?.close();
    await host?.stop();
    await sim?.stop();
    root.cleanup();
  });

  it('says the restored ledger is behind KRA, and a manager resyncs the invoice numbers from the status bar', async () => {
    const h = await serve(backup);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(h.url);
    await logIn(page, '9999', 'Otieno');
    const { token } = await call<{ token: string }>(h, 'session.login', { pin: '1234' });
    await call(h, 'sale.complete', { lines: [{ itemCode: 'KE2BGNO0000002', quantity: 400 }], tenders: [{ kind: 'cash', amount: 100_000 }] }, token);

    const alert = page.locator('[data-testid="kra-alert"][data-code="LEDGER_BEHIND_KRA"]');
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /ledger is behind KRA: invoice 2 belongs to another sale/);
    assert.equal(await page.getByTestId('status-bar').getAttribute('data-tone'), 'blocked');
    await page.screenshot({ path: screenshotPath('till-ledger-behind-kra') });

    await page.getByTestId('resync').click();
    await page.getByTestId('resync-result').filter({ hasText: 'the next invoice is 4, 1 unsent sales renumbered' }).waitFor();
    await alert.waitFor({ state: 'detached' });
    await page.getByTestId('queue-depth').filter({ hasText: '0 waiting for KRA' }).waitFor();
    assert.deepEqual((await sim.admin.sales(DEMO_TAXPAYER.tin, '00')).map((s) => s.invcNo), [1, 2, 3, 4]);
    await page.close();
    await h.stop();
  });

  it('refuses to sell on a ledger whose newest sale was altered, and says so', async () => {
    const db = new Database(join(backup, LEDGER_FILE));
    db.exec('DROP TRIGGER sales_content_never_changes; DROP TRIGGER sales_signed_once');
    db.prepare('UPDATE sales SET total = 1 WHERE id = (SELECT max(id) FROM sales)').run();
    db.close();
    const h = await serve(backup);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(h.url);
    await logIn(page, '1234', 'Wanjiru');
    const alert = page.locator('[data-testid="kra-alert"][data-code="LEDGER_BROKEN"]');
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /ledger is damaged at receipt 2: selling has stopped/);
    await scan(page, BARCODES.sugar);
    await waitForLines(page, 1);
    await page.keyboard.press('F10');
    await page.getByTestId('pay-amount').waitFor();
    await page.keyboard.press('Enter');
    await page.locator('p.error[role="alert"]').filter({ hasText: 'The ledger is damaged at receipt 2' }).waitFor();
    assert.equal(await page.getByTestId('receipt-screen').count(), 0, 'no sale was made');
    await page.screenshot({ path: screenshotPath('till-ledger-broken') });
    await page.close();
  });
});
