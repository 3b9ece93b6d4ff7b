/**
 * The ledger's health at start-up: SQLite's own quick_check of the file, then the hash chain's
 * newest links. A damaged ledger stops selling rather than have sales written on top of it.
 */
import type { SyncAlert } from '../../src-shared/api';
import { tailStart, verifyChain, type ChainVerdict } from './chain';
import type { LedgerDb } from './open';

/** How many of the newest sales the start-up check walks; `ledger.verify` walks them all. */
export const TAIL_CHECKED_AT_START = 200;

export function checkLedgerAtStart(db: LedgerDb, tail = TAIL_CHECKED_AT_START): SyncAlert | null {
  const problem = quickCheck(db);
  if (problem) {
    return { code: 'LEDGER_CORRUPT', message: `the ledger file is damaged (SQLite quick_check: ${problem}); selling is stopped`, params: {} };
  }
  return brokenChainAlert(verifyChain(db, tailStart(db, tail)));
}

/** The first thing SQLite's quick_check finds wrong, or null when it answers ok. */
export function quickCheck(db: LedgerDb): string | null {
  try {
    const rows = db.$client.pragma('quick_check') as { quick_check: string }[];
    const findings = rows.flatMap((row) => row.quick_check.split('\n')).filter((line) => !line.startsWith('***'));
    return findings.length === 1 && findings[0] === 'ok' ? null : findings.slice(0, 3).join('; ');
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export function brokenChainAlert(verdict: ChainVerdict): SyncAlert | null {
  if (verdict.ok) return null;
  const { saleId, receiptNo, reason } = verdict.firstBroken;
  return {
    code: 'LEDGER_BROKEN',
    message: `the ledger's hash chain is broken at sale ${saleId} (receipt ${receiptNo}): ${reason}; selling is stopped`,
    params: { saleId, receiptNo },
  };
}
