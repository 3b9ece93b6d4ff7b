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
};
