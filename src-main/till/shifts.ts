/**
 * Shifts: the drawer opened with a counted float, cash paid in and out with a reason, and closed
 * with a blind count by denomination. One open shift per till; a sale needs one.
 */
import { ApiError, roleAllows, type ClosedShift, type ShiftState, type UserSummary } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';
import { formatKes } from '../../src-shared/money';
import { countedCents, type CountedPieces } from '../../src-shared/reports/figures';
import type { Handlers } from '../api/handlers';
import { sessionOf } from '../api/handlers';
import { appendAudit } from '../ledger/audit';
import type { LedgerDb } from '../ledger/open';
import { cashMoveTotals, closeShiftRow, insertCashMove, insertShift, openShiftOf, recentClosedShifts, userName, type ShiftRow } from '../ledger/shifts';
import { periodFigures, shiftPeriod } from '../reports/period';

export interface ShiftDeps {
  db: LedgerDb;
  clock: Clock;
  tillId: () => string;
}

export type ShiftMethod = 'shift.current' | 'shift.open' | 'shift.cashMove' | 'shift.close' | 'shift.list';

/** The till's open shift, or the error the till shows with its one-key way to open one. */
export function requireOpenShift(db: LedgerDb, tillId: string): ShiftRow {
  const shift = openShiftOf(db, tillId);
  if (!shift) throw new ApiError('NO_OPEN_SHIFT', 'no shift is open on this till: open one with the counted float first');
  return shift;
}

export function shiftHandlers(deps: ShiftDeps): Handlers<ShiftMethod> {
  const { db, clock } = deps;
  const state = (shift: ShiftRow, user: UserSummary): ShiftState => {
    const { payIns, payOuts } = cashMoveTotals(db, [shift.id]);
    return {
      shiftId: shift.id,
      tillId: shift.tillId,
      openedAt: shift.openedAt,
      openedBy: { id: shift.openedBy, name: userName(db, shift.openedBy) },
      float: shift.float,
      payIns,
      payOuts,
      mine: shift.openedBy === user.id,
    };
  };
  /** A cashier acts on their own shift only; a supervisor or manager on any. */
  const ownShift = (user: UserSummary): ShiftRow => {
    const shift = requireOpenShift(db, deps.tillId());
    if (shift.openedBy !== user.id && !roleAllows(user.role, 'supervisor')) {
      const name = userName(db, shift.openedBy);
      throw new ApiError('SHIFT_NOT_YOURS', `this shift was opened by ${name}`, { params: { name } });
    }
    return shift;
  };

  return {
    'shift.current': (_input, ctx) => {
      const shift = openShiftOf(db, deps.tillId());
      return { shift: shift ? state(shift, sessionOf(ctx).user) : null };
    },
    'shift.open': ({ float }, ctx) => {
      const user = sessionOf(ctx).user;
      const shift = db.transaction((tx) => {
        const open = openShiftOf(tx, deps.tillId());
        if (open) {
          const name = userName(tx, open.openedBy);
          throw new ApiError('SHIFT_ALREADY_OPEN', `a shift opened by ${name} is still open on this till`, { params: { name } });
        }
        const opened = insertShift(tx, { tillId: deps.tillId(), openedAt: clock.now().toISOString(), openedBy: user.id, float });
        appendAudit(tx, { at: clock.now(), userId: user.id, action: 'shift.open', detail: { shiftId: opened.id, float } });
        return opened;
      }, { behavior: 'immediate' });
      return state(shift, user);
    },
    'shift.cashMove': ({ kind, amount, reason }, ctx) => {
      const user = sessionOf(ctx).user;
      const shift = db.transaction((tx) => {
        const open = ownShift(user);
        if (kind === 'payOut') {
          const { expected } = periodFigures(db, shiftPeriod(db, open)).drawer;
          if (amount > expected) {
            throw new ApiError('DRAWER_SHORT', `amount: the drawer should hold only ${formatKes(expected)}`, { field: 'amount', params: { expected: formatKes(expected) } });
          }
        }
        insertCashMove(tx, { shiftId: open.id, at: clock.now().toISOString(), userId: user.id, kind, amount, reason });
        appendAudit(tx, { at: clock.now(), userId: user.id, action: `shift.${kind}`, detail: { shiftId: open.id, amount, reason } });
        return open;
      }, { behavior: 'immediate' });
      return state(shift, user);
    },
    'shift.close': ({ pieces }, ctx) => {
      const user = sessionOf(ctx).user;
      const closed = db.transaction((tx) => {
        const open = ownShift(user);
        const counted = countedCents(pieces as CountedPieces);
        const { expected } = periodFigures(db, shiftPeriod(db, open)).drawer;
        const countedPieces = Object.fromEntries(Object.entries(pieces).filter(([, n]) => n !== undefined && n > 0)) as Record<string, number>;
        const row = closeShiftRow(tx, open.id, { closedAt: clock.now().toISOString(), closedBy: user.id, countedPieces, counted, expected });
        appendAudit(tx, { at: clock.now(), userId: user.id, action: 'shift.close', detail: { shiftId: open.id, counted, expected, overShort: counted - expected } });
        return row;
      }, { behavior: 'immediate' });
      return closedShift(db, closed, roleAllows(user.role, 'supervisor'));
    },
    'shift.list': () => recentClosedShifts(db, 50).map((row) => closedShift(db, row, true)),
  };
}

/** The blind count stays blind for a cashier: the expected amount and the difference are for the manager. */
function closedShift(db: LedgerDb, row: ShiftRow, showExpected: boolean): ClosedShift {
  const expected = row.expected ?? 0;
  const counted = row.counted ?? 0;
  return {
    shiftId: row.id,
    openedAt: row.openedAt,
    openedBy: userName(db, row.openedBy),
    closedAt: row.closedAt ?? '',
    closedBy: userName(db, row.closedBy),
    float: row.float,
    counted,
    expected: showExpected ? expected : null,
    overShort: showExpected ? counted - expected : null,
  };
}
