import type { UserSummary } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';
import { DEFAULT_TAX_RATES } from '../../src-shared/tax';
import { seedDemoCatalogue } from '../../src-main/catalog/demo-catalogue';
import { upsertCodeClasses } from '../../src-main/ledger/master-data';
import { TAX_TYPES } from '../../src-shared/etims/codes';
import { openLedger, type LedgerDb } from '../../src-main/ledger/open';
import { items, users } from '../../src-main/ledger/schema';
import { completeSale, type SaleDeps } from '../../src-main/till/sale';
import { projectPaths } from '../../src-main/paths';
import { tempDir } from './temp';

export interface TestLedger {
  db: LedgerDb;
  dir: string;
  cashier: UserSummary;
  close(): void;
  reopen(): TestLedger;
}

/** A real ledger file in a temp dir, with the demo catalogue registered and one cashier. */
export function testLedger(): TestLedger {
  const dir = tempDir();
  const db = openLedger(dir.path, projectPaths.migrations);
  seedDemoCatalogue(db);
  db.update(items).set({ registered: true }).run();
  const user = db.insert(users).values({ name: 'Wanjiru', role: 'cashier', pinHash: 'x', createdAt: new Date().toISOString() }).returning().get();
  const open = (handle: LedgerDb): TestLedger => ({
    db: handle,
    dir: dir.path,
    cashier: { id: user.id, name: user.name, role: 'cashier' },
    close: () => {
      handle.$client.close();
      dir.cleanup();
    },
    reopen: () => {
      handle.$client.close();
      return open(openLedger(dir.path, projectPaths.migrations));
    },
  });
  return open(db);
}

/** KRA's tax types (cdCls 04) as if pulled from KRA, in the ledger in `dataDir`: the till's only source of rates. */
export function storeTaxCodeList(dataDir: string, percent: Partial<Record<string, number>> = {}): void {
  const db = openLedger(dataDir, projectPaths.migrations);
  try {
    const dtlList = TAX_TYPES.map((t) => ({
      cd: t.code, cdNm: t.name, cdDesc: t.name, useYn: 'Y' as const, srtOrd: t.sortOrder,
      userDfnCd1: String(percent[t.code] ?? t.ratePercent), userDfnCd2: t.label, userDfnCd3: null,
    }));
    upsertCodeClasses(db, [{ cdCls: '04', cdClsNm: 'Taxation Type', cdClsDesc: null, useYn: 'Y', userDfnNm1: 'Tax Rate', userDfnNm2: null, userDfnNm3: null, dtlList }]);
  } finally {
    db.$client.close();
  }
}

export function saleDeps(ledger: TestLedger, clock: Clock, overrides: Partial<SaleDeps> = {}): SaleDeps {
  return {
    db: ledger.db,
    clock,
    taxRates: () => DEFAULT_TAX_RATES,
    store: () => ({ tillId: 'T01', tradeName: 'DUKA LA MFANO', address: 'Moi Avenue, Nairobi', topMsg: null, btmMsg: null }),
    assertMaySell: () => {},
    consumeApproval: () => false,
    onCommitted: () => {},
    ...overrides,
  };
}

/** Sugar 1kg (class B, 165.00) x quantity, paid in cash. */
export function sellSugar(ledger: TestLedger, clock: Clock, quantity = 1) {
  return completeSale(
    saleDeps(ledger, clock),
    { lines: [{ itemCode: 'KE2BGNO0000002', quantity: quantity * 100 }], tenders: [{ kind: 'cash', amount: 16500 * quantity }] },
    ledger.cashier,
  );
}
