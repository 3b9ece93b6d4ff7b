/**
 * One KRA call as the handlers see it, and what they answer: a result code, its message and data.
 * A handler rejects by throwing a Rejection before it changes anything.
 */
import type { Profile } from '../../src-shared/etims/endpoints';
import { fromKraDateTime } from '../../src-shared/etims/time';
import type { SimConfig } from './protocol';
import { key, type Body, type DeviceRecord, type SimState } from './state';

export interface Caller {
  tin: string;
  bhfId: string;
  /** null only for device initialisation. */
  device: DeviceRecord | null;
}

export interface Call {
  state: SimState;
  config: SimConfig;
  now: Date;
  body: Body;
  caller: Caller;
  /** Which path set the call came through. */
  via: Profile;
  seed: string;
  /** http://127.0.0.1:PORT, for URLs in answers. */
  baseUrl: string;
}

export interface Reply {
  code: string;
  message: string;
  data: unknown;
}

export const MESSAGES: Record<string, string> = {
  '000': 'Successful',
  '001': 'There is no search result',
  '900': 'There is no header information',
  '901': 'It is not valid device',
  '902': 'This device is installed',
  '910': 'Request parameter error',
  '911': 'There is no request full text',
  '912': 'Request method error',
  '921': 'Sales or sales-invoice data that was declared cannot be received',
  '994': 'There is an overlapped data',
  '999': 'There is an unknown error, please contact the administrator',
};

export class Rejection extends Error {
  constructor(
    readonly code: string,
    message: string = MESSAGES[code] ?? 'Rejected',
  ) {
    super(message);
    this.name = 'Rejection';
  }
}

export function ok(data: unknown = null): Reply {
  return { code: '000', message: MESSAGES['000']!, data };
}

/** A select answer: the list under its key, or 001 with data null when there is nothing. */
export function listed(name: string, list: unknown[]): Reply {
  return list.length > 0 ? ok({ [name]: list }) : { code: '001', message: MESSAGES['001']!, data: null };
}

/** Reads lastReqDt (required) and returns the filter "changed after that instant". */
export function changedSince(call: Call): (modifiedAt: number) => boolean {
  const raw = call.body.lastReqDt;
  if (raw === undefined || raw === null || raw === '') throw parameterError(['lastReqDt']);
  const since = typeof raw === 'string' ? fromKraDateTime(raw) : null;
  if (!since) throw new Rejection('910', `${MESSAGES['910']}[<lastReqDt> : must be YYYYMMDDhhmmss]`);
  return (modifiedAt) => modifiedAt > since.getTime();
}

export function parameterError(fields: string[]): Rejection {
  return new Rejection('910', MESSAGES['910'] + fields.map((f) => `[<${f}> : may not be empty]`).join(''));
}

export function invalidParameter(field: string, why: string): Rejection {
  return new Rejection('910', `${MESSAGES['910']}[<${field}> : ${why}]`);
}

export const branchKey = (call: Call, ...rest: (string | number)[]): string => key(call.caller.tin, call.caller.bhfId, ...rest);
