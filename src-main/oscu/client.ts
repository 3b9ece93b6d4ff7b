/**
 * Mauzo's KRA OSCU client: one typed function per endpoint, named as KRA names it, for either
 * profile (direct host or GavaConnect gateway). Each answers with one of four results, so callers
 * never read result codes: data; empty (001); rejected (KRA's business refusal, with its words);
 * transport (no usable answer: retry later).
 */
import { ENDPOINT_NAMES, ENDPOINTS, RESULT, type CallKind, type EndpointName } from '../../src-shared/etims/endpoints';
import { fromKraDateTime } from '../../src-shared/etims/time';
import type { DataOf, KraDateTime, RequestOf } from '../../src-shared/etims/wire';
import { normaliseDateTime, parseData } from './parse';
import type { HttpSend } from './http';
import { gatewayTokens, type TokenSource } from './token';
import { post, type CallResult, type Exchange, type KraTarget, type TransportCode } from './transport';

export type OscuFailureCode =
  | TransportCode
  /** KRA said 000 but its data could not be read. */
  | 'BAD_DATA'
  /** Server communication error (KRA's own client library). */
  | '894'
  /** Unknown error: transient as often as not. */
  | '999';

export type OscuResult<T> =
  | { ok: true; data: T; resultDt: KraDateTime | null }
  /** 001 "There is no search result": a normal answer to a select*, not an error. */
  | { ok: false; kind: 'empty'; resultDt: KraDateTime | null }
  /** KRA refused the request (9xx, or the gateway's 400 text); the same request cannot succeed. */
  | { ok: false; kind: 'rejected'; code: string; message: string }
  /** No usable answer: timeout, connection, 5xx, non-JSON, bad envelope, 894, 999. KRA may or may not have acted. */
  | { ok: false; kind: 'transport'; code: OscuFailureCode; message: string };

export type OscuClient = {
  [E in EndpointName]: (request: RequestOf<E>) => Promise<OscuResult<DataOf<E>>>;
};

export interface OscuClientDeps {
  http: HttpSend;
  now: () => Date;
  record: (exchange: Exchange) => void;
  /** KRA's own time, from the date-time on each answer that carries one. */
  kraTime?: (at: Date) => void;
  target: KraTarget;
  timeouts?: Partial<Record<CallKind, number>>;
}

/** Whole-call limits per kind (spec 1.2); the connect limit is the HTTP client's own (10 s). */
export const DEFAULT_TIMEOUTS: Record<CallKind, number> = { init: 30_000, write: 120_000, read: 60_000, bulkRead: 300_000 };

/** On the gateway these also need the device's tin and bhfId in the body (spec 1.1). */
const GATEWAY_BODY_IDENTITY = new Set<EndpointName>(['selectTrnsPurchaseSalesList', 'selectStockMoveList']);

export function createOscuClient(deps: OscuClientDeps): OscuClient {
  const { target } = deps;
  const timeouts = { ...DEFAULT_TIMEOUTS, ...deps.timeouts };
  const tokens = target.profile === 'gateway' ? gatewayTokens(deps, gatewayCredentials(target), timeouts.init) : null;

  async function call<E extends EndpointName>(endpoint: E, request: RequestOf<E>): Promise<OscuResult<DataOf<E>>> {
    const path = ENDPOINTS[endpoint][target.profile];
    const timeoutMs = timeouts[ENDPOINTS[endpoint].kind];
    const send = () => attempt(deps, tokens, targetFor(endpoint, target), path, bodyFor(endpoint, request, target), timeoutMs);
    let answer = await send();
    // The gateway dropped our token before its stated expiry: one fresh token, one more try.
    if (tokens && answer.kind === 'transport' && answer.httpStatus === 401) {
      tokens.invalidate();
      answer = await send();
    }
    const kraTime = answer.kind === 'answer' && answer.resultDt !== null ? fromKraDateTime(answer.resultDt) : null;
    if (kraTime) deps.kraTime?.(kraTime);
    return settle(endpoint, answer);
  }

  return Object.fromEntries(
    ENDPOINT_NAMES.map((endpoint) => [endpoint, (request: RequestOf<typeof endpoint>) => call(endpoint, request)]),
  ) as OscuClient;
}

/** What one answer to `endpoint` comes to. */
export function settle<E extends EndpointName>(endpoint: E, answer: CallResult): OscuResult<DataOf<E>> {
  if (answer.kind === 'transport') return { ok: false, kind: 'transport', code: answer.code, message: answer.message };
  const resultDt = answer.resultDt === null ? null : normaliseDateTime(answer.resultDt);
  const { resultCd, resultMsg } = answer;
  if (resultCd === RESULT.ok) {
    const parsed = parseData(endpoint, answer.data);
    if (parsed.ok) return { ok: true, data: parsed.value, resultDt };
    return { ok: false, kind: 'transport', code: 'BAD_DATA', message: `KRA's answer to ${endpoint} cannot be read: ${parsed.reason}` };
  }
  if (resultCd === RESULT.noResult) return { ok: false, kind: 'empty', resultDt };
  if (resultCd === '894' || resultCd === RESULT.unknown) {
    return { ok: false, kind: 'transport', code: resultCd, message: resultMsg || `result ${resultCd}` };
  }
  return { ok: false, kind: 'rejected', code: resultCd, message: resultMsg || `result ${resultCd}` };
}

async function attempt(
  deps: OscuClientDeps,
  tokens: TokenSource | null,
  target: KraTarget,
  path: string,
  body: unknown,
  timeoutMs: number,
): Promise<CallResult> {
  if (!tokens) return post(deps, target, path, body, timeoutMs);
  const authorization = await tokens.authorization();
  if (!authorization.ok) return authorization.failure;
  return post(deps, target, path, body, timeoutMs, authorization.header);
}

/** Device initialisation goes out without a cmcKey: the device has none yet. */
function targetFor(endpoint: EndpointName, target: KraTarget): KraTarget {
  if (endpoint !== 'selectInitOsdcInfo' || !target.headers.cmcKey) return target;
  return { ...target, headers: { tin: target.headers.tin, bhfId: target.headers.bhfId } };
}

function bodyFor(endpoint: EndpointName, request: object, target: KraTarget): object {
  if (target.profile !== 'gateway' || !GATEWAY_BODY_IDENTITY.has(endpoint)) return request;
  return { ...request, tin: target.headers.tin, bhfId: target.headers.bhfId };
}

function gatewayCredentials(target: KraTarget) {
  if (!target.gateway) {
    throw new Error('the gateway profile needs target.gateway: the token URL, consumer key and secret, and the Apigee app id');
  }
  return target.gateway;
}
