import type { Handlers } from '../api/handlers';
import { verifyChain, type ChainVerdict } from '../ledger/chain';
import type { LedgerDb } from '../ledger/open';

/** A broken chain found by a manager's check also stops selling (onBroken). */
export function ledgerHandlers(db: LedgerDb, onBroken: (verdict: ChainVerdict) => void): Handlers<'ledger.verify'> {
  return {
    'ledger.verify': () => {
      const verdict = verifyChain(db);
      if (!verdict.ok) onBroken(verdict);
      return verdict;
    },
  };
}
