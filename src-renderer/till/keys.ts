/** The till's keyboard: one function key per action, printed on the button that does the same. */
export const ACTION_KEYS = {
  search: 'F2',
  quantity: 'F3',
  discount: 'F4',
  price: 'F5',
  customer: 'F6',
  hold: 'F7',
  recall: 'F8',
  void: 'F9',
  pay: 'F10',
  /** The shift (open, pay in and out, close with the count) and, for a supervisor or manager, the reports. */
  day: 'F11',
  logout: 'F12',
  /** A manager's: the Staff screen. */
  staff: 'F1',
} as const;

export type TillAction = keyof typeof ACTION_KEYS;

/** On the Staff screen, the same keys act on the staff member selected. */
export const STAFF_KEYS = { create: 'F2', resetPin: 'F3', changeRole: 'F4', toggleActive: 'F5' } as const;

/** While paying, the same keys choose how the customer pays. */
export const TENDER_KEYS = { cash: 'F2', mpesa: 'F3', card: 'F4', credit: 'F5' } as const;

export type TenderKind = keyof typeof TENDER_KEYS;

export function actionForKey(key: string): TillAction | undefined {
  return (Object.keys(ACTION_KEYS) as TillAction[]).find((action) => ACTION_KEYS[action] === key);
}

export function tenderForKey(key: string): TenderKind | undefined {
  return (Object.keys(TENDER_KEYS) as TenderKind[]).find((kind) => TENDER_KEYS[kind] === key);
}
