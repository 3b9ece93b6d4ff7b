import type { Handlers } from '../api/handlers';
import type { ChainVerdict } from '../ledger/chain';
import type { LedgerDb } from '../ledger/open';
import { verifyLedger } from '../ledger/z-chain';

/** A broken sales chain found by a manager's check also stops selling (onBroken). */
export function ledgerHandlers(db: LedgerDb, onBroken: (verdict: ChainVerdict) => void): Handlers<'ledger.verify'> {
  return {
    'ledger.verify': () => {
      const verdict = verifyLedger(db);
      if (!verdict.ok && 'firstBroken' in verdict) onBroken(verdict);
      return verdict;
    },
  };
}
