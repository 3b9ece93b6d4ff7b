import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { renderToStaticMarkup } from 'react-dom/server';
import type { SyncAlert, SyncStatus, UserSummary } from '../../../src-shared/api';
import type { ApiClient } from '../../../src-renderer/api/client';
import { StatusBar } from '../../../src-renderer/components/StatusBar';
import { I18nProvider } from '../../../src-renderer/i18n';

const status = (alerts: SyncAlert[]): SyncStatus => ({
  state: 'online', queueDepth: 1, oldestUnsignedAgeSeconds: 5, lastContactAt: new Date().toISOString(), secondsUntilBlock: 86_000, lastError: null, offlineLimitSeconds: 86_400, alerts,
});
const manager: UserSummary = { id: 2, name: 'Otieno', role: 'manager' };
const cashier: UserSummary = { id: 1, name: 'Wanjiru', role: 'cashier' };
const api = {} as ApiClient;
const bar = (alerts: SyncAlert[], user: UserSummary) =>
  renderToStaticMarkup(<I18nProvider><StatusBar status={status(alerts)} api={api} user={user} onChanged={() => {}} /></I18nProvider>);

const behind: SyncAlert = { code: 'LEDGER_BEHIND_KRA', message: '', params: { invcNo: 17, receiptNo: 40 } };
const full: SyncAlert = { code: 'DISK_FULL', message: '', params: { folder: '/home/duka/.mauzo', needed: '100 MB' } };
const low: SyncAlert = { code: 'DISK_LOW', message: '', params: { folder: '/home/duka/.mauzo', free: '80 MB', margin: '100 MB' } };

describe('the status bar shows what stops the till', () => {
  before(() => {
    Object.assign(globalThis, { localStorage: { getItem: () => 'en', setItem: () => {} } });
  });
  after(() => {
    Reflect.deleteProperty(globalThis, 'localStorage');
  });

  test('a ledger behind KRA, in red, with the resync for a manager only', () => {
    const html = bar([behind], manager);
    assert.match(html, /data-tone="blocked"/);
    assert.match(html, /This till&#x27;s ledger is behind KRA: invoice 17 belongs to another sale\./);
    assert.match(html, /data-testid="resync"/);
    assert.doesNotMatch(bar([behind], cashier), /data-testid="resync"/);
  });

  test('a full disk, in red, naming the folder and the space needed', () => {
    const html = bar([full], cashier);
    assert.match(html, /data-tone="blocked"/);
    assert.match(html, /The disk holding \/home\/duka\/\.mauzo is full: no sale can be saved\. Free at least 100 MB there/);
  });

  test('a disk nearly full is a warning, not a stop', () => {
    const html = bar([low], cashier);
    assert.match(html, /data-tone="warning"/);
    assert.match(html, /nearly full: 80 MB left/);
  });
});
