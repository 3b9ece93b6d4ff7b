import type { Handlers } from '../api/handlers';
import type { LedgerDb } from '../ledger/open';
import { verifyLedger } from '../ledger/z-chain';

export function ledgerHandlers(db: LedgerDb): Handlers<'ledger.verify'> {
  return { 'ledger.verify': () => verifyLedger(db) };
}
