/** English for the manager's day: shifts, the cash count, X and Z reports. */
export const dayEn = {
  'error.NO_OPEN_SHIFT': 'No shift is open on this till. Open a shift with the float counted into the drawer (F9), then sell.',
  'error.SHIFT_ALREADY_OPEN': 'A shift is already open on this till (opened by {name}). Close it before opening another.',
  'error.SHIFT_NOT_YOURS': 'This shift was opened by {name}: only they or a supervisor can do that.',
  'error.DRAWER_SHORT': 'The drawer should hold only {expected}: a pay-out cannot take more than that.',
  'error.SHIFT_STILL_OPEN': 'The shift opened by {name} is still open: close it with its count before taking the Z report.',
  'error.Z_ALREADY_TAKEN': 'The Z report for {date} has already been taken. Reprint it from the list of Z reports.',
  'error.Z_NOT_FOUND': 'There is no Z report number {zNumber}.',
} as const;
