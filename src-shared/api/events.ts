import type { MasterList, SyncStatus } from './contract';

/** Events the engine pushes to the till (IPC 'mauzo:event' or the host's server-sent events). */
export interface EventMap {
  'sync.status': SyncStatus;
  /** KRA signed a sale: its receipt is now a tax invoice. */
  'sale.signed': { saleId: number; receiptNo: number };
  /** A master-data pull is storing records: done so far, of total when KRA's answer is in. */
  'masterData.progress': { list: MasterList; done: number; total?: number };
}

export type EventName = keyof EventMap;

export const EVENT_NAMES: readonly EventName[] = ['sync.status', 'sale.signed', 'masterData.progress'];
