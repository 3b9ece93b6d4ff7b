import type { Role } from '../../src-shared/api';
import type { LedgerDb } from '../ledger/open';
import { countUsers, insertUser } from '../ledger/users';
import { saltedPin } from '../security/pin';

/** Demo mode's staff, so the till can be tried at once. Their PINs are printed in the README. */
export const DEMO_USERS: readonly { name: string; role: Role; pin: string }[] = [
  { name: 'Wanjiru', role: 'cashier', pin: '1234' },
  { name: 'Otieno', role: 'manager', pin: '9999' },
];

export function seedDemoUsers(db: LedgerDb, at: Date): void {
  if (countUsers(db) > 0) return;
  for (const user of DEMO_USERS) {
    insertUser(db, { name: user.name, role: user.role, ...saltedPin(user.pin), createdAt: at.toISOString() });
  }
}
