import type { UserSummary } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';
import { DEFAULT_TAX_RATES } from '../../src-shared/tax';
import { seedDemoCatalogue } from '../../src-main/catalog/demo-catalogue';
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
