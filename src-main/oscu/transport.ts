/**
 * One HTTP exchange with KRA (or the simulator): POST JSON with the device's headers, a timeout per
 * call kind, and the answer reduced to either KRA's result or a transport failure. Every exchange is
 * handed to `record` with its timing, for the ledger's audit of KRA traffic.
 */
import type { Profile } from '../../src-shared/etims/endpoints';
import { HttpFailure, type HttpSend } from './http';

export type { Profile };

export interface DeviceHeaders {
  tin: string;
  bhfId: string;
  /** Absent until the device is initialised; never sent with selectInitOsdcInfo. */
  cmcKey?: string;
}

export interface GatewayCredentials {
  /** e.g. https://sbx.kra.go.ke/v1/token/generate?grant_type=client_credentials */
  tokenUrl: string;
  consumerKey: string;
  consumerSecret: string;
  /** Sent as the apigee_app_id header. */
  appId: string;
}

export interface KraTarget {
  /** The profile's base: https://etims-api-sbx.kra.go.ke/etims-api/ or https://sbx.kra.go.ke/etims-oscu/api/v1 */
  baseUrl: string;
  profile: Profile;
  headers: DeviceHeaders;
  /** Required by the gateway profile. */
  gateway?: GatewayCredentials;
}

export type KraAnswer = {
  kind: 'answer';
  httpStatus: number;
  resultCd: string;
  resultMsg: string;
  resultDt: string | null;
  data: unknown;
};

export type TransportCode = 'TIMEOUT' | 'CONNECTION' | 'HTTP_STATUS' | 'SERVER_FAULT' | 'NOT_JSON' | 'BAD_ENVELOPE' | 'AUTH';

/** The gateway's words for its own fault, sent as an HTTP 400 like a rejection (spec 13.7): retry, never park. */
const SERVER_FAULT = /unable to process the request\W+please try again/i;

export type TransportFailure = {
  kind: 'transport';
  code: TransportCode;
  message: string;
  httpStatus?: number;
};

export type CallResult = KraAnswer | TransportFailure;

export interface Exchange {
  startedAt: Date;
  durationMs: number;
  endpoint: string;
  request: string;
  httpStatus: number | null;
  response: string | null;
  resultCd: string | null;
  outcome: string;
}

export interface TransportDeps {
  http: HttpSend;
  now: () => Date;
  record: (exchange: Exchange) => void;
}

export async function post(
  deps: TransportDeps,
  target: KraTarget,
  path: string,
  body: unknown,
  timeoutMs: number,
  authorization: string | null = null,
): Promise<CallResult> {
  const startedAt = deps.now();
  const started = performance.now();
  const request = JSON.stringify(body);
  let httpStatus: number | null = null;
  let text: string | null = null;
  let result: CallResult;
  try {
    const response = await deps.http(joinUrl(target.baseUrl, path), {
      method: 'POST',
      headers: headersFor(target, authorization),
      body: request,
      timeoutMs,
    });
    httpStatus = response.status;
    text = response.text;
    result = target.profile === 'gateway' ? readGateway(response.status, text) : readDirect(response.status, text);
  } catch (error) {
    result = failureOf(error);
  }
  deps.record({
    startedAt,
    durationMs: Math.round(performance.now() - started),
    endpoint: path,
    request,
    httpStatus,
    response: text,
    resultCd: result.kind === 'answer' ? result.resultCd : null,
    outcome: result.kind === 'answer' ? 'answer' : result.code,
  });
  return result;
}

export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

function headersFor(target: KraTarget, authorization: string | null): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    tin: target.headers.tin,
    bhfId: target.headers.bhfId,
  };
  if (target.headers.cmcKey) headers.cmcKey = target.headers.cmcKey;
  if (target.profile === 'gateway' && target.gateway) headers.apigee_app_id = target.gateway.appId;
  if (authorization) headers.Authorization = authorization;
  return headers;
}

/** A failed call: the timeout fired, the connection could not be made or was cut, or the till closed. */
export function failureOf(error: unknown): TransportFailure {
  if (error instanceof HttpFailure && error.code === 'TIMEOUT') return { kind: 'transport', code: 'TIMEOUT', message: error.message };
  return { kind: 'transport', code: 'CONNECTION', message: error instanceof Error ? error.message : String(error) };
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** resultCd is CHAR(3); a number (0, 1, 910) is read as its three-digit code. */
function resultCode(value: unknown): string | null {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isInteger(value)) return String(value).padStart(3, '0');
  return null;
}

/** Host (A): HTTP 200 with { resultCd, resultMsg, resultDt, data }. */
export function readDirect(status: number, text: string): CallResult {
  if (status < 200 || status >= 300) return { kind: 'transport', code: 'HTTP_STATUS', message: `HTTP ${status}`, httpStatus: status };
  const json = parseJson(text);
  if (json === undefined) return { kind: 'transport', code: 'NOT_JSON', message: 'the answer is not JSON', httpStatus: status };
  return envelope(status, json);
}

function envelope(status: number, json: unknown): CallResult {
  const resultCd = isRecord(json) ? resultCode(json.resultCd) : null;
  if (!isRecord(json) || resultCd === null) {
    return { kind: 'transport', code: 'BAD_ENVELOPE', message: 'the answer has no resultCd', httpStatus: status };
  }
  return {
    kind: 'answer',
    httpStatus: status,
    resultCd,
    resultMsg: typeof json.resultMsg === 'string' ? json.resultMsg : '',
    resultDt: typeof json.resultDt === 'string' ? json.resultDt : null,
    data: json.data ?? null,
  };
}

/**
 * Gateway (B): success nested in responseBody; rejections as { responseHeader: { responseCode,
 * customerMessage, debugMessage }, responseBody: null }, with HTTP 400 or wrapped in an outer 200.
 * A 400 whose body is plain text is a rejection in those words.
 */
export function readGateway(status: number, text: string): CallResult {
  if (status >= 500) return { kind: 'transport', code: 'HTTP_STATUS', message: `HTTP ${status}`, httpStatus: status };
  if (status === 401 || status === 403) return { kind: 'transport', code: 'AUTH', message: `HTTP ${status}`, httpStatus: status };
  const json = parseJson(text);
  if (json === undefined) {
    if (SERVER_FAULT.test(text)) return serverFault(status, text.trim());
    if (status === 400 && text.trim() !== '') return rejection(status, '400', text.trim());
    return { kind: 'transport', code: 'NOT_JSON', message: 'the answer is not JSON', httpStatus: status };
  }
  if (isRecord(json) && isRecord(json.responseHeader) && (json.responseBody === null || json.responseBody === undefined)) {
    const header = json.responseHeader;
    const code = Number(header.responseCode ?? status);
    const message = [header.customerMessage, header.debugMessage].filter((m) => typeof m === 'string' && m).join(' | ');
    if (code >= 500) return { kind: 'transport', code: 'HTTP_STATUS', message: `gateway ${code} ${message}`.trim(), httpStatus: status };
    if (SERVER_FAULT.test(message)) return serverFault(status, message);
    if (!(code >= 300)) return { kind: 'transport', code: 'BAD_ENVELOPE', message: `gateway ${code} with no responseBody`, httpStatus: status };
    return rejection(status, String(code), message);
  }
  if (isRecord(json) && isRecord(json.responseBody)) return envelope(status, json.responseBody);
  if (status < 200 || status >= 300) return { kind: 'transport', code: 'HTTP_STATUS', message: `HTTP ${status}`, httpStatus: status };
  return envelope(status, json);
}

function serverFault(httpStatus: number, message: string): TransportFailure {
  return { kind: 'transport', code: 'SERVER_FAULT', message: `gateway server fault (HTTP ${httpStatus}): ${message}`, httpStatus };
}

function rejection(httpStatus: number, resultCd: string, resultMsg: string): KraAnswer {
  return { kind: 'answer', httpStatus, resultCd, resultMsg, resultDt: null, data: null };
}
