import { eq } from 'drizzle-orm';
import type { KraMode } from '../../src-shared/api';
import type { LedgerDb } from './open';
import { devices } from './schema';

export type DeviceRow = typeof devices.$inferSelect;
export type NewDevice = Omit<DeviceRow, 'id'>;

export function deviceFor(db: LedgerDb, environment: KraMode): DeviceRow | undefined {
  return db.select().from(devices).where(eq(devices.environment, environment)).get();
}

/** KRA initialises a device once (a second init answers 902): keep what it gave us. */
export function saveDevice(db: LedgerDb, device: NewDevice): DeviceRow {
  return db.insert(devices).values(device).onConflictDoUpdate({ target: devices.environment, set: device }).returning().get();
}
