/** The manager's day: shifts, cash in and out of the drawer, X and Z reports. */
import { z } from 'zod';
import { DENOMINATIONS, type ReportFigures } from '../reports/figures';
import type { PrintJobSummary } from './contract';
import { method } from './method';

const none = z.object({}).strict();
const cents = z.number({ error: 'an amount in cents is needed' }).int('whole cents').nonnegative('not below 0').max(100_000_000_00, 'at most KES 100,000,000');
const zNumber = z.number().int('a Z number is a whole number').positive();

export interface ShiftState {
  shiftId: number;
  tillId: string;
  openedAt: string;
  openedBy: { id: number; name: string };
  float: number;
  payIns: number;
  payOuts: number;
  /** The logged-in user opened it: a cashier may only move cash in or out of, and close, their own shift. */
  mine: boolean;
}

export interface ClosedShift {
  shiftId: number;
  openedAt: string;
  openedBy: string;
  closedAt: string;
  closedBy: string;
  float: number;
  counted: number;
  /** What the drawer should have held, and the difference; shown to a supervisor or manager only. */
  expected: number | null;
  overShort: number | null;
}

export interface ReportStore {
  tradeName: string;
  pin: string;
  branchId: string;
  scuId: string;
  mrcNo: string;
  tillId: string;
}

/** An X report (the shift or the day so far, resets nothing) or a Z report (closes the business day). */
export interface DayReport {
  kind: 'X' | 'Z';
  scope: 'shift' | 'day';
  /** The Z's number, gapless per till; null for an X. */
  zNumber: number | null;
  takenAt: string;
  takenBy: string;
  period: { from: string; to: string; businessDate: string | null; shiftId: number | null };
  store: ReportStore;
  figures: ReportFigures;
}

export interface ZSummary {
  zNumber: number;
  businessDate: string;
  takenAt: string;
  takenBy: string;
  gross: number;
  documents: number;
}

/** Which report: a past Z by its number, else an X of the open shift or of the day so far. */
const reportChoice = {
  zNumber: zNumber.optional(),
  scope: z.enum(['shift', 'day'], { error: 'the scope is shift or day' }).default('day'),
};

const pieces = z
  .object(Object.fromEntries(DENOMINATIONS.map((d) => [`${d}`, z.number().int('a whole number of pieces').min(0, 'not below 0').max(100_000, 'at most 100,000 pieces').optional()])))
  .strict();

export const dayMethods = {
  'shift.current': method<{ shift: ShiftState | null }>()({ input: none, access: 'cashier', errors: [] }),
  'shift.open': method<ShiftState>()({
    input: z.object({ float: cents }).strict(),
    access: 'cashier',
    errors: ['SHIFT_ALREADY_OPEN'],
  }),
  'shift.cashMove': method<ShiftState>()({
    input: z
      .object({
        kind: z.enum(['payIn', 'payOut'], { error: 'payIn puts cash in, payOut takes it out' }),
        amount: cents.min(1, 'above 0'),
        reason: z.string().trim().min(3, 'say why, e.g. supplier paid, petty cash, banking').max(200, 'at most 200 characters'),
      })
      .strict(),
    access: 'cashier',
    errors: ['NO_OPEN_SHIFT', 'SHIFT_NOT_YOURS', 'DRAWER_SHORT'],
  }),
  /** The blind count: pieces by denomination (shillings), counted before the expected amount is shown. */
  'shift.close': method<ClosedShift>()({
    input: z.object({ pieces }).strict(),
    access: 'cashier',
    errors: ['NO_OPEN_SHIFT', 'SHIFT_NOT_YOURS'],
  }),
  'shift.list': method<ClosedShift[]>()({ input: none, access: 'supervisor', errors: [] }),
  'report.x': method<DayReport>()({
    input: z.object({ scope: reportChoice.scope }).strict(),
    access: 'supervisor',
    errors: ['NO_OPEN_SHIFT', 'DEVICE_NOT_INITIALISED'],
  }),
  'report.z': method<DayReport>()({
    input: none,
    access: 'manager',
    errors: ['SHIFT_STILL_OPEN', 'Z_ALREADY_TAKEN', 'DEVICE_NOT_INITIALISED'],
  }),
  'report.zList': method<ZSummary[]>()({ input: none, access: 'supervisor', errors: [] }),
  'report.get': method<DayReport>()({ input: z.object({ zNumber }).strict(), access: 'supervisor', errors: ['Z_NOT_FOUND'] }),
  /** A Z prints as the original once; every later print or PDF of it says COPY. */
  'report.print': method<PrintJobSummary>()({
    input: z.object(reportChoice).strict(),
    access: 'supervisor',
    errors: ['Z_NOT_FOUND', 'NO_OPEN_SHIFT', 'PRINTER_NOT_CONFIGURED', 'DEVICE_NOT_INITIALISED'],
  }),
  'report.pdf': method<{ fileName: string; base64: string }>()({
    input: z.object({ ...reportChoice, paper: z.enum(['roll80', 'a4'], { error: 'the paper is roll80 or a4' }) }).strict(),
    access: 'supervisor',
    errors: ['Z_NOT_FOUND', 'NO_OPEN_SHIFT', 'DEVICE_NOT_INITIALISED'],
  }),
  /** The day's sales and credit notes, one row a line, amounts as KRA received them: for the accountant. */
  'report.csv': method<{ fileName: string; csv: string }>()({
    input: z.object({ zNumber: zNumber.optional() }).strict(),
    access: 'supervisor',
    errors: ['Z_NOT_FOUND'],
  }),
};
