/** Every error the api can return, by code. Text for people lives in src-shared/i18n, keyed by code. */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNKNOWN_METHOD',
  'INVALID_INPUT',
  'NOT_LOGGED_IN',
  'FORBIDDEN',
  'WRONG_PIN',
  'PIN_LOCKED',
  'INTERNAL',
  'ITEM_NOT_FOUND',
  'ITEM_NOT_REGISTERED',
  'TENDER_SHORT',
  'CHANGE_NOT_IN_CASH',
  'MPESA_CODE_REQUIRED',
  'MPESA_CODE_USED',
  'CUSTOMER_REQUIRED',
  'DISCOUNT_NOT_ALLOWED',
  'DISCOUNT_EXCEEDS_LINE',
  'WATCHDOG_BLOCKED',
  'CLOCK_BEHIND',
  'CLOCK_AHEAD',
  'CLOCK_ANCHOR_NOT_NEEDED',
  'QUANTITY_NOT_WHOLE',
  'SALE_NOT_FOUND',
  'SALE_NOT_PARKED',
  'JOB_NOT_PARKED',
  'DEVICE_NOT_INITIALISED',
  'REFUND_OF_REFUND',
  'REFUND_EXCEEDS_SALE',
  'REFUND_NEEDS_APPROVAL',
  'REFUND_TENDER_MISMATCH',
  'PRINTER_NOT_CONFIGURED',
  'PRINT_JOB_NOT_FOUND',
  'PRINT_JOB_DONE',
  'DRAWER_NOT_AVAILABLE',
  'PRINTER_PATH_REFUSED',
  'PRINTER_DEVICE_MISSING',
  'PRINTER_ADDRESS_REFUSED',
  'PRINTER_HOST_UNKNOWN',
  'PRINTER_FAILED',
  'HOLD_NOT_FOUND',
  'CUSTOMER_NOT_FOUND',
  'KRA_UNREACHABLE',
  'KRA_REJECTED',
  'ITEM_HAS_NO_STOCK',
  'ADJUSTMENT_REASON_MISMATCH',
  'ITEM_REFUSED_BY_KRA',
  'ITEM_WITHDRAWN',
  'ITEM_FIELD_FIXED',
  'BARCODE_TAKEN',
  'PURCHASE_NOT_FOUND',
  'PURCHASE_DECIDED',
  'IMPORT_NOT_FOUND',
  'IMPORT_DECIDED',
  'PIN_IN_USE',
  'NO_OPEN_SHIFT',
  'SHIFT_ALREADY_OPEN',
  'SHIFT_NOT_YOURS',
  'DRAWER_SHORT',
  'SHIFT_STILL_OPEN',
  'Z_ALREADY_TAKEN',
  'Z_NOT_FOUND',
  'SESSION_EXPIRED',
  'USER_NOT_FOUND',
  'LAST_MANAGER',
  'CLIENT_KEY_REUSED',
  'TAX_CLASS_NOT_LISTED',
  'LEDGER_BEHIND_KRA',
  'SYNC_NOT_STOPPED',
  'LEDGER_BROKEN',
  'LEDGER_CORRUPT',
  'DISK_FULL',
  'DISK_LOW',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorParams = Record<string, string | number>;

/** What travels over IPC or HTTP when a call fails. */
export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  field?: string;
  params?: ErrorParams;
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly params: ErrorParams | undefined;

  constructor(code: ErrorCode, message: string, details: { field?: string; params?: ErrorParams } = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.field = details.field;
    this.params = details.params;
  }

  toBody(): ApiErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.field === undefined ? {} : { field: this.field }),
      ...(this.params === undefined ? {} : { params: this.params }),
    };
  }

  static fromBody(body: ApiErrorBody): ApiError {
    return new ApiError(body.code, body.message, body);
  }
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** HTTP status for each code, used by the headless host. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNKNOWN_METHOD: 404,
  INVALID_INPUT: 400,
  NOT_LOGGED_IN: 401,
  FORBIDDEN: 403,
  WRONG_PIN: 401,
  PIN_LOCKED: 423,
  INTERNAL: 500,
  ITEM_NOT_FOUND: 404,
  ITEM_NOT_REGISTERED: 409,
  TENDER_SHORT: 400,
  CHANGE_NOT_IN_CASH: 400,
  MPESA_CODE_REQUIRED: 400,
  MPESA_CODE_USED: 409,
  CUSTOMER_REQUIRED: 400,
  DISCOUNT_NOT_ALLOWED: 403,
  DISCOUNT_EXCEEDS_LINE: 400,
  WATCHDOG_BLOCKED: 423,
  CLOCK_BEHIND: 409,
  CLOCK_AHEAD: 409,
  CLOCK_ANCHOR_NOT_NEEDED: 409,
  QUANTITY_NOT_WHOLE: 400,
  SALE_NOT_FOUND: 404,
  SALE_NOT_PARKED: 409,
  JOB_NOT_PARKED: 409,
  DEVICE_NOT_INITIALISED: 409,
  REFUND_OF_REFUND: 409,
  REFUND_EXCEEDS_SALE: 409,
  REFUND_NEEDS_APPROVAL: 403,
  REFUND_TENDER_MISMATCH: 400,
  PRINTER_NOT_CONFIGURED: 409,
  PRINT_JOB_NOT_FOUND: 404,
  PRINT_JOB_DONE: 409,
  DRAWER_NOT_AVAILABLE: 409,
  PRINTER_PATH_REFUSED: 400,
  PRINTER_DEVICE_MISSING: 400,
  PRINTER_ADDRESS_REFUSED: 400,
  PRINTER_HOST_UNKNOWN: 400,
  PRINTER_FAILED: 502,
  HOLD_NOT_FOUND: 404,
  CUSTOMER_NOT_FOUND: 404,
  KRA_UNREACHABLE: 503,
  KRA_REJECTED: 422,
  ITEM_HAS_NO_STOCK: 409,
  ADJUSTMENT_REASON_MISMATCH: 400,
  ITEM_REFUSED_BY_KRA: 409,
  ITEM_WITHDRAWN: 409,
  ITEM_FIELD_FIXED: 409,
  BARCODE_TAKEN: 409,
  PURCHASE_NOT_FOUND: 404,
  PURCHASE_DECIDED: 409,
  IMPORT_NOT_FOUND: 404,
  IMPORT_DECIDED: 409,
  PIN_IN_USE: 409,
  NO_OPEN_SHIFT: 409,
  SHIFT_ALREADY_OPEN: 409,
  SHIFT_NOT_YOURS: 403,
  DRAWER_SHORT: 409,
  SHIFT_STILL_OPEN: 409,
  Z_ALREADY_TAKEN: 409,
  Z_NOT_FOUND: 404,
  SESSION_EXPIRED: 401,
  USER_NOT_FOUND: 404,
  LAST_MANAGER: 409,
  CLIENT_KEY_REUSED: 409,
  TAX_CLASS_NOT_LISTED: 409,
  LEDGER_BEHIND_KRA: 409,
  SYNC_NOT_STOPPED: 409,
  LEDGER_BROKEN: 423,
  LEDGER_CORRUPT: 423,
  DISK_FULL: 507,
  DISK_LOW: 507,
};
