/**
 * Every place a PIN is typed: the PIN pad, a supervisor's approval, a user's own PIN before they
 * change it, and a new PIN that must not be someone else's. Each one is guarded against guessing
 * under keys a login cannot reset, and its refusals say nothing of whose PIN it was.
 */
import { ApiError, roleAllows } from '../../src-shared/api';
import type { LedgerDb } from '../ledger/open';
import { everyUser, setUserPin, type UserRow } from '../ledger/users';
import type { PinGuard } from '../security/pin-guard';
import { pinMatches, saltedPin } from '../security/pin';

export class StaffPins {
  constructor(
    private readonly db: LedgerDb,
    private readonly guard: PinGuard,
    private readonly storeSalt: string,
  ) {}

  /** The active user whose PIN this is; WRONG_PIN for anything else. */
  login(pin: string, source: string): UserRow {
    const keys = [sourceKey(source), 'target:login'];
    return this.checked(keys, null, pin, (user) => user.active, () => new ApiError('WRONG_PIN', 'wrong PIN'));
  }

  /**
   * An active supervisor or manager. A cashier's PIN, a retired
   * user's and no one's get the same answer, so the refusal tells the guesser nothing.
   */
  approver(pin: string, source: string, cashierId: number): UserRow {
    const keys = [sourceKey(source), userKey(cashierId), 'target:approve'];
    return this.checked(
      keys,
      cashierId,
      pin,
      (user) => user.active && roleAllows(user.role, 'supervisor'),
      () => new ApiError('WRONG_PIN', 'pin: not the PIN of a supervisor or manager', { field: 'pin' }),
    );
  }

  /** The user's own current PIN, before it is changed. */
  own(pin: string, source: string, userId: number, field: string): void {
    const keys = [sourceKey(source), userKey(userId), `target:user:${userId}`];
    this.checked(keys, userId, pin, (user) => user.id === userId, () => new ApiError('WRONG_PIN', `${field}: that is not your PIN`, { field }));
  }

  /**
   * A new PIN for `forUserId` (null for a user not created yet), salted, once no one else holds it.
   * Finding a PIN taken is a guess like any other: it counts against the one choosing.
   */
  fresh(pin: string, source: string, chooserId: number, forUserId: number | null, field: string): { pinHash: string; pinSalt: string } {
    const keys = [sourceKey(source), userKey(chooserId), 'target:newPin'];
    this.guard.assertOpen(keys);
    const holder = this.holderOf(pin);
    if (holder && holder.id !== forUserId) {
      this.guard.fail(keys, chooserId);
      throw new ApiError('PIN_IN_USE', `${field}: choose a different PIN`, { field });
    }
    return saltedPin(pin);
  }

  private checked(keys: string[], userId: number | null, pin: string, accept: (user: UserRow) => boolean, refusal: () => ApiError): UserRow {
    this.guard.assertOpen(keys);
    const user = this.holderOf(pin);
    if (!user || !accept(user)) {
      this.guard.fail(keys, userId);
      throw refusal();
    }
    if (user.pinSalt === null) setUserPin(this.db, user.id, saltedPin(pin));
    return user;
  }

  /** Hashes the PIN under every user's salt, whoever matches first, so the time taken says nothing. */
  private holderOf(pin: string): UserRow | undefined {
    let holder: UserRow | undefined;
    for (const user of everyUser(this.db)) {
      if (pinMatches(pin, user, this.storeSalt) && !holder) holder = user;
    }
    return holder;
  }
}

export const sourceKey = (source: string) => `source:${source}`;
const userKey = (userId: number) => `user:${userId}`;
