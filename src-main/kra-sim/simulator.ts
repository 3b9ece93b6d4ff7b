/**
 * The simulator without its HTTP plumbing: KRA's state, the configuration, the clock, the faults and
 * the request counts, and how one KRA call becomes an answer in the direct or gateway envelope.
 */
import type { Clock } from '../../src-shared/clock';
import { TAX_TYPES } from '../../src-shared/etims/codes';
import type { EndpointName, Profile } from '../../src-shared/etims/endpoints';
import { toKraDate, toKraDateTime } from '../../src-shared/etims/time';
import { SimClock } from './clock';
import { MESSAGES, Rejection, type Call, type Caller, type Reply } from './context';
import { FaultBook } from './faults';
import { HANDLERS } from './handlers';
import type { AcceptedSale, SimConfig, SimConfigPatch, SimStats } from './protocol';
import { seedState } from './seed';
import { accessToken } from './signatures';
import { key, SimState, type Body, type SaleRecord } from './state';
import { Store } from './store';

export interface SimulatorOptions {
  profile: Profile;
  seed: string;
  stateFile: string | null;
  clock: Clock;
}

/** An HTTP answer: status, content type and text. */
export interface Answer {
  status: number;
  type: 'json' | 'html' | 'text';
  text: string;
}

export type Headers = Record<string, string | string[] | undefined>;

const TOKEN_LIFETIME_MS = 3600_000;

/** Gateway answers these with HTTP 400 and the message; other codes travel inside responseBody. */
const GATEWAY_REJECTIONS = new Set(['900', '910', '911', '912', '921']);

/** KRA's sandbox gateway: taxRtE 0 in every recorded sale, and a sale with another taxRtE refused (spec 13.2). */
const SANDBOX_RATE_OVERRIDES: Partial<SimConfig['taxRates']> = { E: 0 };

function defaultConfig(profile: Profile): SimConfig {
  const published = Object.fromEntries(TAX_TYPES.map((t) => [t.code, t.ratePercent])) as SimConfig['taxRates'];
  return {
    invoiceScope: 'branch',
    duplicateReply: profile === 'gateway' ? 'sequence' : '994',
    strict: profile === 'gateway',
    taxRates: profile === 'gateway' ? { ...published, ...SANDBOX_RATE_OVERRIDES } : published,
    codeListRates: {},
    gatewayRejectionStatus: 400,
  };
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export class Simulator {
  readonly clock: SimClock;
  faults: FaultBook;
  readonly state: SimState;
  private readonly store: Store;
  private stats: SimStats = { requests: 0, byEndpoint: {} };
  private answered = 0;

  constructor(private readonly options: SimulatorOptions) {
    this.clock = new SimClock(options.clock);
    this.faults = new FaultBook(options.seed, this.clock);
    this.store = new Store(options.stateFile);
    this.state = new SimState(this.store);
    if (!this.store.load()) this.store.transaction(() => seedState(this.state));
    const saved = this.state.clock();
    if (saved) this.clock.restore(saved);
  }

  get seed(): string {
    return this.options.seed;
  }

  config(): SimConfig {
    const patch = (this.state.config() ?? {}) as SimConfigPatch;
    const base = defaultConfig(this.options.profile);
    return { ...base, ...patch, taxRates: { ...base.taxRates, ...patch.taxRates }, codeListRates: { ...base.codeListRates, ...patch.codeListRates } };
  }

  setConfig(patch: SimConfigPatch): SimConfig {
    checkConfigPatch(patch);
    const current = (this.state.config() ?? {}) as SimConfigPatch;
    const merged: SimConfigPatch = {
      ...current,
      ...patch,
      taxRates: { ...current.taxRates, ...patch.taxRates },
      codeListRates: { ...current.codeListRates, ...patch.codeListRates },
    };
    this.store.transaction(() => {
      this.state.saveConfig(merged as SimConfig);
      if (patch.taxRates || patch.codeListRates) this.state.touchCodes(this.clock.now().getTime());
    });
    return this.config();
  }

  /** Faults start over too, so the same calls after a reset draw the same random faults. */
  reset(): void {
    this.faults = new FaultBook(this.options.seed, this.clock);
    this.clock.reset();
    this.stats = { requests: 0, byEndpoint: {} };
    this.store.transaction(() => {
      this.store.clear();
      seedState(this.state);
    });
  }

  setClock(at: Date): void {
    this.clock.set(at);
    this.state.saveClock(this.clock.snapshot());
  }

  advanceClock(ms: number): void {
    this.clock.advance(ms);
    this.state.saveClock(this.clock.snapshot());
  }

  count(endpoint: string): void {
    this.stats.requests += 1;
    this.stats.byEndpoint[endpoint] = (this.stats.byEndpoint[endpoint] ?? 0) + 1;
  }

  statistics(): SimStats {
    return { requests: this.stats.requests, byEndpoint: { ...this.stats.byEndpoint } };
  }

  acceptedSales(tin: string, bhfId?: string): AcceptedSale[] {
    return this.state.salesOf(tin, bhfId).map(acceptedSale);
  }

  registerDevice(tin: string, bhfId: string, serial: string): void {
    if (!/^[A-Z]\d{9}[A-Z]$/.test(tin)) throw new ConfigError(`tin ${JSON.stringify(tin)} is not a KRA PIN (a letter, 9 digits, a letter)`);
    if (!/^\d{2}$/.test(bhfId)) throw new ConfigError(`bhfId ${JSON.stringify(bhfId)} must be two digits, such as "00"`);
    if (typeof serial !== 'string' || serial.trim() === '' || serial.length > 100) throw new ConfigError('dvcSrlNo must be 1 to 100 characters');
    const at = this.clock.now().getTime();
    this.store.transaction(() => {
      if (!this.state.taxpayer(tin)) {
        this.state.addTaxpayer({ tin, name: `TAXPAYER ${tin}`, county: 'NAIROBI CITY', subCounty: 'STAREHE', locality: 'CBD' }, at);
      }
      if (!this.state.branch(tin, bhfId)) {
        this.state.addBranch(tin, {
          bhfId,
          name: bhfId === '00' ? 'Headquarter' : `Branch ${bhfId}`,
          county: 'NAIROBI CITY',
          subCounty: 'STAREHE',
          locality: 'CBD',
          location: null,
          manager: 'Branch manager',
          managerPhone: '0700000000',
          managerEmail: 'manager@example.com',
          headOffice: bhfId === '00',
          openedOn: toKraDate(new Date(at)),
        }, at);
      }
      // Another PIN may hold the same serial: KRA's sandbox gave one serial to several test PINs (spec 13.8).
      this.state.serials.put(key(tin, serial), { serial, tin, bhfId });
    });
  }

  /** GET /v1/token/generate: any non-empty consumer key and secret get an hour's bearer token. */
  issueToken(query: URLSearchParams, headers: Headers): Answer {
    if (query.get('grant_type') !== 'client_credentials') return json(400, { error: 'unsupported_grant_type' });
    const basic = /^Basic\s+(.+)$/i.exec(header(headers, 'authorization') ?? '');
    const [key, secret] = basic ? Buffer.from(basic[1]!, 'base64').toString('utf8').split(':') : [];
    if (!key || !secret) return json(401, { error: 'invalid_client', error_description: 'Basic authentication with the consumer key and secret is required' });
    const now = this.clock.now().getTime();
    const token = accessToken(this.options.seed, key, now, this.state.next('tokens'));
    this.store.transaction(() => this.state.tokens.put(token, { token, expiresAt: now + TOKEN_LIFETIME_MS }));
    return json(200, { access_token: token, token_type: 'Bearer', expires_in: String(TOKEN_LIFETIME_MS / 1000 - 1) });
  }

  /** One call of a KRA endpoint through either path set; raw is the request body as sent. */
  answer(name: EndpointName, via: Profile, method: string, headers: Headers, raw: string, baseUrl: string): Answer {
    if (via === 'gateway') {
      const refusal = this.gatewayAuth(headers);
      if (refusal) return refusal;
    }
    return this.envelope(via, this.reply(name, via, method, headers, raw, baseUrl));
  }

  /** The envelope of a reply that never reached the handler (result 999 on demand). */
  envelope(via: Profile, reply: Reply): Answer {
    const resultDt = toKraDateTime(this.clock.now());
    const direct = { resultCd: reply.code, resultMsg: reply.message, resultDt, data: reply.data };
    if (via === 'direct') return json(200, direct);
    const responseRefID = `SIM${String(++this.answered).padStart(10, '0')}`;
    if (GATEWAY_REJECTIONS.has(reply.code)) {
      const status = this.config().gatewayRejectionStatus;
      return json(status, { responseHeader: { responseCode: 400, responseRefID, customerMessage: reply.message, debugMessage: `${reply.code} ${reply.message}` }, responseBody: null });
    }
    return json(200, { responseHeader: { responseCode: 200, responseRefID, customerMessage: reply.message, debugMessage: null }, responseBody: direct });
  }

  /** The gateway's own server fault (spec 13.7): an HTTP 400 envelope asking to try again, nothing processed. */
  serverFault(): Answer {
    const responseRefID = `SIM${String(++this.answered).padStart(10, '0')}`;
    const customerMessage = 'Unable to process the request. Please try again later';
    return json(400, { responseHeader: { responseCode: 400, responseRefID, customerMessage, debugMessage: customerMessage }, responseBody: null });
  }

  private gatewayAuth(headers: Headers): Answer | null {
    const bearer = /^Bearer\s+(\S+)$/i.exec(header(headers, 'authorization') ?? '');
    const token = bearer ? this.state.tokens.get(bearer[1]!) : undefined;
    if (!token || token.expiresAt <= this.clock.now().getTime()) {
      return json(401, { fault: { faultstring: 'Invalid access token', detail: { errorcode: 'oauth.v2.InvalidAccessToken' } } });
    }
    if (!header(headers, 'apigee_app_id')) {
      return json(401, { fault: { faultstring: 'Missing apigee_app_id header', detail: { errorcode: 'steps.verifyapikey.FailedToResolveAPIKey' } } });
    }
    return null;
  }

  private reply(name: EndpointName, via: Profile, method: string, headers: Headers, raw: string, baseUrl: string): Reply {
    try {
      if (method !== 'POST') throw new Rejection('912');
      if (raw.trim() === '') throw new Rejection('911');
      const body = parseBody(raw);
      const call: Call = {
        state: this.state,
        config: this.config(),
        now: this.clock.now(),
        body,
        caller: name === 'selectInitOsdcInfo' ? { tin: String(body.tin ?? ''), bhfId: String(body.bhfId ?? ''), device: null } : this.caller(headers, body),
        via,
        seed: this.options.seed,
        baseUrl,
      };
      return this.store.transaction(() => HANDLERS[name](call));
    } catch (error) {
      if (error instanceof Rejection) return { code: error.code, message: error.message, data: null };
      process.stderr.write(`kra-sim: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      return { code: '999', message: MESSAGES['999']!, data: null };
    }
  }

  /** tin, bhfId and cmcKey from the headers (any case), else from the body (spec 1.1). */
  private caller(headers: Headers, body: Body): Caller {
    const read = (name: string) => header(headers, name.toLowerCase()) ?? (typeof body[name] === 'string' && body[name] !== '' ? (body[name] as string) : undefined);
    const tin = read('tin');
    const bhfId = read('bhfId');
    const cmcKey = read('cmcKey');
    if (!tin || !bhfId || !cmcKey) throw new Rejection('900');
    const device = this.state.deviceFor(tin, bhfId, cmcKey);
    if (!device) throw new Rejection('901');
    return { tin, bhfId, device };
  }

  close(): void {
    this.store.close();
  }
}

function parseBody(raw: string): Body {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Rejection('910', `${MESSAGES['910']}[<body> : is not valid JSON]`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Rejection('910', `${MESSAGES['910']}[<body> : must be a JSON object]`);
  return parsed as Body;
}

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text && text.trim() !== '' ? text.trim() : undefined;
}

function json(status: number, value: unknown): Answer {
  return { status, type: 'json', text: JSON.stringify(value) };
}

function acceptedSale(sale: SaleRecord): AcceptedSale {
  return {
    invcNo: sale.invcNo,
    orgInvcNo: sale.orgInvcNo,
    rcptTyCd: sale.rcptTyCd,
    trdInvcNo: sale.trdInvcNo,
    totAmt: sale.totAmt,
    curRcptNo: sale.curRcptNo,
    totRcptNo: sale.totRcptNo,
    rcptSign: sale.rcptSign,
    intrlData: sale.intrlData,
    sdcDateTime: sale.sdcDateTime,
    receivedAt: new Date(sale.receivedAt).toISOString(),
    body: sale.body,
  };
}

function checkConfigPatch(patch: SimConfigPatch): void {
  const fail = (why: string): never => {
    throw new ConfigError(why);
  };
  if (typeof patch !== 'object' || patch === null) fail('the configuration must be a JSON object');
  const known = ['invoiceScope', 'duplicateReply', 'strict', 'taxRates', 'codeListRates', 'gatewayRejectionStatus'];
  const unknown = Object.keys(patch).filter((k) => !known.includes(k));
  if (unknown.length > 0) fail(`unknown settings: ${unknown.join(', ')}; known: ${known.join(', ')}`);
  if (patch.invoiceScope !== undefined && !['branch', 'tin'].includes(patch.invoiceScope)) fail("invoiceScope must be 'branch' or 'tin'");
  if (patch.duplicateReply !== undefined && !['994', 'sequence', 'echo'].includes(patch.duplicateReply)) fail("duplicateReply must be '994', 'sequence' or 'echo'");
  if (patch.strict !== undefined && typeof patch.strict !== 'boolean') fail('strict must be true or false');
  if (patch.gatewayRejectionStatus !== undefined && ![400, 200].includes(patch.gatewayRejectionStatus)) fail('gatewayRejectionStatus must be 400 or 200');
  for (const setting of ['taxRates', 'codeListRates'] as const) {
    for (const [code, rate] of Object.entries(patch[setting] ?? {})) {
      if (!TAX_TYPES.some((t) => t.code === code)) fail(`${setting}: ${code} is not a tax type (A to E)`);
      if (rate !== null && (typeof rate !== 'number' || !(rate >= 0 && rate <= 100))) fail(`${setting}.${code} must be a percent between 0 and 100, or null for a class the code list lacks`);
    }
  }
}
