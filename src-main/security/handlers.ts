import type { Handlers } from '../api/handlers';
import { verifyChain } from '../ledger/chain';
import type { LedgerDb } from '../ledger/open';

export function ledgerHandlers(db: LedgerDb): Handlers<'ledger.verify'> {
  return { 'ledger.verify': () => verifyChain(db) };
}
