import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { createApp } from '../../../src-main/app';
import { withOpenShift } from '../../support/shift';
import { launchSimulator, type SimulatorProcess } from '../../../src-main/kra-sim/launch';
import { KraExchangeLog } from '../../../src-main/ledger/kra-exchanges';
import { LEDGER_FILE } from '../../../src-main/ledger/open';
import { kraExchanges } from '../../../src-main/ledger/schema';
import { projectPaths } from '../../../src-main/paths';
import { testLedger } from '../../support/ledger';
import { tempDir } from '../../support/temp';
import { waitFor } from '../../support/wait';

interface ExchangeRow {
  endpoint: string;
  request: string;
  response: string | null;
  result_cd: string | null;
  outcome: string;
  duration_ms: number;
}

const SALE = { lines: [{ itemCode: 'KE2BGNO0000002', quantity: 100 }], tenders: [{ kind: 'cash', amount: 20_000 }] };

function salesExchanges(dataDir: string): ExchangeRow[] {
  const db = new Database(join(dataDir, LEDGER_FILE), { readonly: true });
  try {
    return db.prepare("SELECT * FROM kra_exchanges WHERE endpoint LIKE '%saveTrnsSalesOsdc' ORDER BY id").all() as ExchangeRow[];
  } finally {
    db.close();
  }
}

describe('the log of KRA exchanges', () => {
  const exchange = (endpoint: string) => ({ startedAt: new Date(), durationMs: 21, endpoint, request: '{}', httpStatus: 200, response: '{"resultCd":"000"}', resultCd: '000', outcome: 'answer' });

  test('writes an answer’s exchange once the code waiting for it has had its turn, and what is queued when it closes', async () => {
    const ledger = testLedger();
    const log = new KraExchangeLog(ledger.db);
    const written = () => ledger.db.select().from(kraExchanges).all().map((row) => row.endpoint);
    log.record(exchange('saveTrnsSalesOsdc'));
    log.record(exchange('selectInvoiceDetails'));
    assert.deepEqual(written(), [], 'not on the path of the code that was waiting');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(written(), ['saveTrnsSalesOsdc', 'selectInvoiceDetails']);
    log.record(exchange('saveItem'));
    log.close();
    assert.deepEqual(written(), ['saveTrnsSalesOsdc', 'selectInvoiceDetails', 'saveItem']);
    ledger.close();
    log.record(exchange('selectNoticeList'));
    await new Promise((resolve) => setImmediate(resolve));
  });
});

describe('the audit of KRA traffic', () => {
  let sim: SimulatorProcess;
  before(async () => {
    sim = await launchSimulator({ seed: 'audit' });
  });
  after(() => sim.stop());

  async function openTill(dataDir: string) {
    const app = withOpenShift(createApp({ dataDir, migrationsFolder: projectPaths.migrations, kra: { mode: 'demo', baseUrl: sim.directBase }, log: () => {} }));
    await app.ready;
    const login = await app.dispatch('session.login', { pin: '1234' }, null);
    assert.ok(login.ok);
    return { app, token: (login.value as { token: string }).token };
  }

  test('keeps each sale’s request and KRA’s answer, with timing, in the ledger', async () => {
    const dir = tempDir();
    await sim.admin.reset();
    const { app, token } = await openTill(dir.path);
    try {
      for (let i = 0; i < 3; i++) assert.ok((await app.dispatch('sale.complete', SALE, token)).ok);
      await waitFor('the sales to be signed', async () => {
        const status = await app.dispatch('sync.status', {}, token);
        return status.ok && (status.value as { queueDepth: number }).queueDepth === 0;
      });
    } finally {
      await app.close();
    }
    const rows = salesExchanges(dir.path);
    assert.deepEqual(rows.map((r) => (JSON.parse(r.request) as { invcNo: number }).invcNo), [1, 2, 3]);
    for (const row of rows) {
      assert.equal(row.result_cd, '000');
      assert.equal(row.outcome, 'answer');
      assert.match(row.response!, /"rcptSign":"\w+"/);
      assert.ok(row.duration_ms >= 0);
    }
    dir.cleanup();
  });

  test('keeps the request the closing till abandoned', async () => {
    const dir = tempDir();
    await sim.admin.reset();
    const { app, token } = await openTill(dir.path);
    // KRA holds the sale far longer than the test takes, so the till closes with it unanswered.
    await sim.admin.addFault({ kind: 'latency', latencyMs: 100_000, endpoints: ['saveTrnsSalesOsdc'] });
    try {
      assert.ok((await app.dispatch('sale.complete', SALE, token)).ok);
      await waitFor('the sale to be on its way to KRA', () => sim.admin.stats().then((s) => (s.byEndpoint.saveTrnsSalesOsdc ?? 0) > 0));
    } finally {
      await app.close();
      await sim.admin.clearFaults();
    }
    const [row, ...others] = salesExchanges(dir.path);
    assert.equal(others.length, 0);
    assert.deepEqual([row!.outcome, row!.response, (JSON.parse(row!.request) as { invcNo: number }).invcNo], ['CONNECTION', null, 1]);
    dir.cleanup();
  });
});
