/**
 * A till for the report tests: a real ledger file, the demo catalogue registered, a device, three
 * staff logged in, a network printer on loopback, and the engine's own handlers behind the real
 * dispatch (roles, input schemas). KRA's answers are written as the sync worker writes them.
 */
import assert from 'node:assert/strict';
import { createDispatch, type Dispatch } from '../../../src-main/api/dispatch';
import type { AllHandlers } from '../../../src-main/api/handlers';
import { seedDemoCatalogue } from '../../../src-main/catalog/demo-catalogue';
import { catalogIndexOf } from '../../../src-main/catalog/search';
import { openLedger, type LedgerDb } from '../../../src-main/ledger/open';
import { adoptSignature, beginAttempt, nextDue, park } from '../../../src-main/ledger/outbox';
import { items } from '../../../src-main/ledger/schema';
import { projectPaths } from '../../../src-main/paths';
import { printHandlers } from '../../../src-main/print/handlers';
import { PrintService } from '../../../src-main/print/service';
import { writePrintingSettings } from '../../../src-main/print/settings';
import { createPrinterFactory } from '../../../src-main/print/transports';
import { reportHandlers } from '../../../src-main/reports/handlers';
import { Sessions } from '../../../src-main/session/sessions';
import { tillHandlers } from '../../../src-main/till/handlers';
import { holdHandlers } from '../../../src-main/till/holds';
import { requireOpenShift, shiftHandlers } from '../../../src-main/till/shifts';
import { storeIdentity } from '../../../src-main/till/store';
import { readDevice } from '../../../src-main/ledger/receipts';
import type { ApiErrorBody, InputOf, MethodName, OutputOf } from '../../../src-shared/api';
import { DEFAULT_TAX_RATES } from '../../../src-shared/tax';
import { TestClock } from '../../support/clock';
import { startRawPortPrinter, type FakePrinter } from '../../support/print-server';
import { seedStaffAndDevice } from '../../support/receipt-ledger';
import { tempDir } from '../../support/temp';

export type Who = 'cashier' | 'supervisor' | 'manager';

export interface ReportTill {
  db: LedgerDb;
  dir: string;
  clock: TestClock;
  printer: FakePrinter;
  dispatch: Dispatch;
  call<M extends MethodName>(method: M, input: InputOf<M>, as?: Who): Promise<OutputOf<M>>;
  refused<M extends MethodName>(method: M, input: InputOf<M>, as?: Who): Promise<ApiErrorBody>;
  /** The sender's next sale, signed by KRA with the next invcNo. */
  kraSigns(): void;
  /** The sender's next sale, refused by KRA for good. */
  kraParks(reason: string): void;
  close(): Promise<void>;
}

/** Nairobi wall-clock time on a November 2026 day, as the instant the clock is set to. */
export function nairobi(day: number, hhmm: string): Date {
  return new Date(`2026-11-${String(day).padStart(2, '0')}T${hhmm}:00+03:00`);
}

export async function reportTill(): Promise<ReportTill> {
  const dir = tempDir();
  const db = openLedger(dir.path, projectPaths.migrations);
  seedDemoCatalogue(db);
  db.update(items).set({ registered: true }).run();
  const staff = seedStaffAndDevice(db);
  const clock = new TestClock(nairobi(24, '07:55'));
  const printer = await startRawPortPrinter();
  writePrintingSettings(db, { paperWidth: 80, printer: { kind: 'tcp', address: printer.host, anyNetwork: false }, topMsg: '', btmMsg: '', logo: null });
  const device = readDevice(db, 'demo')!;
  const tillId = () => storeIdentity(db, device).tillId;
  const printDeps = { db, clock, environment: 'demo' as const, demoVerificationBaseUrl: () => 'http://127.0.0.1:8123', printers: createPrinterFactory({ timeoutMs: 5000, systemCommand: () => ['false'] }) };
  const printing = new PrintService(printDeps);
  const store = () => ({ tradeName: 'MAMA MBOGA ENTERPRISES', pin: device.tin, branchId: device.branchId, scuId: device.sdcId, mrcNo: device.mrcNo, tillId: tillId() });
  const handlers = {
    ...tillHandlers({
      db,
      clock,
      taxRates: () => DEFAULT_TAX_RATES,
      store: () => ({ tillId: tillId(), tradeName: 'MAMA MBOGA ENTERPRISES', address: 'Moi Avenue', topMsg: null, btmMsg: null }),
      assertMaySell: () => void requireOpenShift(db, tillId()),
      consumeApproval: () => false,
      onCommitted: () => {},
    }),
    ...shiftHandlers({ db, clock, tillId }),
    ...reportHandlers({ db, clock, printing, store }),
    ...printHandlers(printDeps, printing),
    ...holdHandlers({ db, clock, index: catalogIndexOf(db) }),
  };
  const sessions = new Sessions(clock, 365 * 24 * 60 * 60); // the day runs for hours on the test clock
  const dispatch = createDispatch({ handlers: handlers as unknown as AllHandlers, sessions, onInternalError: (m, e) => console.error(m, e) });
  const tokens: Record<Who, string> = {
    cashier: sessions.open({ id: staff.cashierId, name: 'Wanjiru', role: 'cashier' }).token,
    supervisor: sessions.open({ id: staff.supervisorId, name: 'Otieno', role: 'supervisor' }).token,
    manager: sessions.open({ id: staff.managerId, name: 'Achieng', role: 'manager' }).token,
  };
  return {
    db,
    dir: dir.path,
    clock,
    printer,
    dispatch,
    async call(method, input, as = 'cashier') {
      const result = await dispatch(method, input, tokens[as]);
      if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
      return result.value as OutputOf<typeof method>;
    },
    async refused(method, input, as = 'cashier') {
      const result = await dispatch(method, input, tokens[as]);
      assert.equal(result.ok, false, `${method} should have been refused`);
      return (result as { ok: false; error: ApiErrorBody }).error;
    },
    kraSigns() {
      const due = nextDue(db)!;
      const invcNo = beginAttempt(db, due, clock.now());
      const sign = `SIGN${String(invcNo).padStart(12, '0')}`;
      adoptSignature(db, due.saleId, invcNo, { curRcptNo: invcNo, totRcptNo: invcNo, intrlData: 'I'.repeat(26), rcptSign: sign, sdcDateTime: '20261124120000' }, clock.now());
    },
    kraParks(reason) {
      const due = nextDue(db)!;
      const invcNo = beginAttempt(db, due, clock.now());
      park(db, { ...due, invcNo }, reason, clock.now());
    },
    async close() {
      await printer.close();
      db.$client.close();
      dir.cleanup();
    },
  };
}
