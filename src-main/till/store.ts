import type { DeviceRow } from '../ledger/devices';
import type { LedgerDb } from '../ledger/open';
import { readSetting } from '../ledger/settings';
import type { StoreIdentity } from './sale';

/** The store as its receipts and KRA payloads name it: settings first, KRA's taxpayer record after. */
export function storeIdentity(db: LedgerDb, device: DeviceRow | null): StoreIdentity {
  return {
    tillId: readSetting(db, 'till.id') ?? 'T01',
    tradeName: readSetting(db, 'store.tradeName') ?? device?.taxpayerName ?? '',
    address: readSetting(db, 'store.address') ?? device?.branchName ?? '',
    topMsg: readSetting(db, 'store.topMsg') || null,
    btmMsg: readSetting(db, 'store.btmMsg') || null,
  };
}
