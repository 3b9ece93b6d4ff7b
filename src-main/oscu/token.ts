/**
 * The gateway's OAuth2 client-credentials token (spec 1.1): GET the token URL with HTTP Basic
 * (consumer key:secret), keep the token until shortly before it expires, and, because that
 * endpoint is "occasionally flaky", try a second time before giving up.
 */
import type { HttpSend } from './http';
import { failureOf, isRecord, parseJson, type GatewayCredentials, type TransportFailure } from './transport';

/** Apigee's usual lifetime, when the answer does not say. */
const DEFAULT_LIFETIME_S = 3600;
const REFRESH_EARLY_S = 60;

export type Authorization = { ok: true; header: string } | { ok: false; failure: TransportFailure };

export interface TokenSource {
  /** "Bearer <token>", from the cache while it is fresh. */
  authorization(): Promise<Authorization>;
  /** Forget the cached token (the gateway refused it). */
  invalidate(): void;
}

interface Token {
  header: string;
  expiresAt: number;
}

export function gatewayTokens(
  deps: { http: HttpSend; now: () => Date },
  credentials: GatewayCredentials,
  timeoutMs: number,
): TokenSource {
  let cached: Token | null = null;
  let pending: Promise<Authorization> | null = null;
  const basic = Buffer.from(`${credentials.consumerKey}:${credentials.consumerSecret}`).toString('base64');

  async function request(): Promise<Token | TransportFailure> {
    try {
      const response = await deps.http(credentials.tokenUrl, {
        method: 'GET',
        headers: { Authorization: `Basic ${basic}`, Accept: 'application/json' },
        timeoutMs,
      });
      const json = parseJson(response.text);
      if (response.status < 200 || response.status >= 300) return authFailure(`the token endpoint answered HTTP ${response.status}`, response.status);
      const token = isRecord(json) ? json.access_token : undefined;
      if (typeof token !== 'string' || token === '') return authFailure('the token endpoint gave no access_token', response.status);
      const stated = isRecord(json) ? Number(json.expires_in) : NaN;
      const lifetime = Number.isFinite(stated) && stated > 0 ? stated : DEFAULT_LIFETIME_S;
      const early = Math.min(REFRESH_EARLY_S, lifetime / 2);
      return { header: `Bearer ${token}`, expiresAt: deps.now().getTime() + (lifetime - early) * 1000 };
    } catch (error) {
      const failure = failureOf(error);
      return { ...failure, message: `token endpoint: ${failure.message}` };
    }
  }

  async function fetchToken(): Promise<Authorization> {
    let answer = await request();
    if ('kind' in answer) answer = await request();
    if ('kind' in answer) return { ok: false, failure: answer };
    cached = answer;
    return { ok: true, header: answer.header };
  }

  return {
    authorization() {
      if (cached && deps.now().getTime() < cached.expiresAt) return Promise.resolve({ ok: true, header: cached.header });
      pending ??= fetchToken().finally(() => {
        pending = null;
      });
      return pending;
    },
    invalidate() {
      cached = null;
    },
  };
}

function authFailure(message: string, httpStatus: number): TransportFailure {
  return { kind: 'transport', code: 'AUTH', message, httpStatus };
}
