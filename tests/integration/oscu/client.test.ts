import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createHttpClient } from '../../../src-main/oscu/http';
import { createOscuClient, type OscuClientDeps } from '../../../src-main/oscu/client';
import type { Exchange, KraTarget } from '../../../src-main/oscu/transport';
import type { SaleRequest } from '../../../src-shared/etims/wire';
import { TestClock } from '../../support/clock';
import { closedPort, json, kra, startFakeKra, type FakeKra } from './fake-kra';

/** One HTTP client for the file's KRA calls, as the till has one. */
const http = createHttpClient();
after(() => http.close());

const DEVICE = { tin: 'P051234567M', bhfId: '00', cmcKey: 'CMC-SECRET' };
const SIGNATURE = { curRcptNo: '7', totRcptNo: 9, intrlData: 'A'.repeat(26), rcptSign: 'B'.repeat(16), sdcDateTime: '2024-04-15 15:30:39.0' };
const SALE = { invcNo: 1, orgInvcNo: 0, trdInvcNo: 'T1-1' } as SaleRequest;

let fake: FakeKra;
let exchanges: Exchange[];
const clock = new TestClock(new Date('2024-04-15T12:00:00Z'));

function client(target: Partial<KraTarget> = {}, extra: Partial<OscuClientDeps> = {}) {
  return createOscuClient({
    http: http.send,
    now: () => clock.now(),
    record: (exchange) => exchanges.push(exchange),
    target: { baseUrl: `${fake.url}/etims-api/`, profile: 'direct', headers: DEVICE, ...target },
    ...extra,
  });
}

before(async () => {
  fake = await startFakeKra();
});
after(() => fake.close());
beforeEach(() => {
  fake.seen.length = 0;
  exchanges = [];
});

describe('OSCU client, direct host', () => {
  it('posts JSON to the endpoint path with the device headers and reads typed data', async () => {
    fake.answer(kra('000', 'Successful', SIGNATURE));
    const result = await client().saveTrnsSalesOsdc(SALE);
    assert.deepEqual(result, {
      ok: true,
      resultDt: '20240415153039',
      data: { curRcptNo: 7, totRcptNo: 9, intrlData: SIGNATURE.intrlData, rcptSign: SIGNATURE.rcptSign, sdcDateTime: '20240415153039' },
    });
    const [request] = fake.seen;
    assert.equal(request!.method, 'POST');
    assert.equal(request!.path, '/etims-api/saveTrnsSalesOsdc');
    assert.equal(request!.headers['content-type'], 'application/json');
    assert.equal(request!.headers.tin, DEVICE.tin);
    assert.equal(request!.headers.bhfid, DEVICE.bhfId);
    assert.equal(request!.headers.cmckey, DEVICE.cmcKey);
    assert.equal(request!.headers.authorization, undefined);
    assert.deepEqual(JSON.parse(request!.body), SALE);
  });

  it('initialises a device with tin, bhfId and serial in the body and no cmcKey', async () => {
    fake.answer(kra('000', 'Successful', { info: { tin: DEVICE.tin, bhfId: '00', dvcId: '9999911300000001', sdcId: 'KRACU0100000001', mrcNo: 'WIS01000001', cmcKey: 'NEWKEY', bhfOpenDt: '20240101', hqYn: 'Y' } }));
    const result = await client().selectInitOsdcInfo({ tin: DEVICE.tin, bhfId: '00', dvcSrlNo: 'MZ/1' });
    assert.ok(result.ok);
    assert.equal(result.data.info.cmcKey, 'NEWKEY');
    assert.equal(result.data.info.taxprNm, null);
    const [request] = fake.seen;
    assert.equal(request!.path, '/etims-api/selectInitOsdcInfo');
    assert.deepEqual(JSON.parse(request!.body), { tin: DEVICE.tin, bhfId: '00', dvcSrlNo: 'MZ/1' });
    assert.equal(request!.headers.cmckey, undefined);
  });

  it("treats 001 as an empty answer, not an error", async () => {
    fake.answer(kra('001', 'There is no search result'));
    assert.deepEqual(await client().selectCustomer({ custmTin: 'A000123456F' }), { ok: false, kind: 'empty', resultDt: '20240415153039' });
  });

  it('returns a business rejection with KRA’s code and words', async () => {
    const words = 'Request parameter error[<modrId> : may not be empty][<modrNm> : may not be empty]';
    fake.answer(kra('910', words));
    assert.deepEqual(await client().saveBhfUser({} as never), { ok: false, kind: 'rejected', code: '910', message: words });
  });

  it('counts 894 and 999 as transport failures, to be retried', async () => {
    for (const code of ['894', '999'] as const) {
      fake.answer(kra(code, 'There is an unknown error'));
      assert.deepEqual(await client().saveItem({} as never), { ok: false, kind: 'transport', code, message: 'There is an unknown error' });
    }
  });

  it('reports 5xx, non-JSON and envelopes without resultCd as transport failures', async () => {
    for (const status of [500, 502, 504]) {
      fake.answer(json(status, { resultCd: '000' }));
      const result = await client().selectNoticeList({ lastReqDt: '20240101000000' });
      assert.deepEqual(result, { ok: false, kind: 'transport', code: 'HTTP_STATUS', message: `HTTP ${status}` });
    }
    fake.answer((_r, response) => response.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>busy</html>'));
    assert.equal(failureCode(await client().selectNoticeList({ lastReqDt: '20240101000000' })), 'NOT_JSON');
    fake.answer(json(200, { status: 'ok' }));
    assert.equal(failureCode(await client().selectNoticeList({ lastReqDt: '20240101000000' })), 'BAD_ENVELOPE');
  });

  it('calls a 000 whose data cannot be read a transport failure naming the field', async () => {
    fake.answer(kra('000', 'Successful', { ...SIGNATURE, rcptSign: null }));
    const result = await client().saveTrnsSalesOsdc(SALE);
    assert.ok(!result.ok && result.kind === 'transport');
    assert.equal(result.code, 'BAD_DATA');
    assert.match(result.message, /data\.rcptSign/);
  });

  it('gives up after the timeout of the call’s kind', async () => {
    fake.answer((_request, response) => setTimeout(() => response.writeHead(200).end(JSON.stringify({ resultCd: '001' })), 400));
    const quickReads = client({}, { timeouts: { read: 100, write: 5000 } });
    const read = await quickReads.selectNoticeList({ lastReqDt: '20240101000000' });
    assert.deepEqual(read, { ok: false, kind: 'transport', code: 'TIMEOUT', message: 'no answer within 100 ms' });
    assert.deepEqual(await quickReads.saveItem({} as never), { ok: false, kind: 'empty', resultDt: null });
  });

  it('reports a refused connection and a reset connection as transport failures', async () => {
    const refused = client({ baseUrl: `${await closedPort()}/etims-api/` });
    const result = await refused.selectNoticeList({ lastReqDt: '20240101000000' });
    assert.ok(!result.ok && result.kind === 'transport');
    assert.equal(result.code, 'CONNECTION');
    assert.match(result.message, /ECONNREFUSED/);

    fake.answer((_request, response) => response.socket?.destroy());
    assert.equal(failureCode(await client().saveTrnsSalesOsdc(SALE)), 'CONNECTION');
  });

  it('hands every exchange to record, with timing, request and answer', async () => {
    fake.answer(kra('910', 'bad'));
    await client().saveItem({ itemCd: 'X' } as never);
    const [exchange] = exchanges;
    assert.equal(exchanges.length, 1);
    assert.equal(exchange!.endpoint, 'saveItem');
    assert.equal(exchange!.request, '{"itemCd":"X"}');
    assert.equal(exchange!.httpStatus, 200);
    assert.equal(exchange!.resultCd, '910');
    assert.match(exchange!.response!, /"bad"/);
    assert.deepEqual(exchange!.startedAt, clock.now());
    assert.ok(exchange!.durationMs >= 0);
  });
});

describe('OSCU client, gateway', () => {
  const TOKEN_PATH = '/v1/token/generate?grant_type=client_credentials';
  let tokenAnswers: number[];
  let tokensIssued: number;

  function gateway(extra: Partial<OscuClientDeps> = {}) {
    return client(
      {
        baseUrl: `${fake.url}/etims-oscu/api/v1`,
        profile: 'gateway',
        gateway: { tokenUrl: `${fake.url}${TOKEN_PATH}`, consumerKey: 'key', consumerSecret: 's3cret:x', appId: 'app-42' },
      },
      extra,
    );
  }

  /** The token endpoint answers with the queued statuses first (then 200), the API with `api`. */
  function serve(api: (path: string, authorization: string | undefined) => [number, unknown]) {
    fake.answer((request, response) => {
      if (request.path === TOKEN_PATH) {
        const status = tokenAnswers.shift() ?? 200;
        if (status !== 200) return void response.writeHead(status).end('flaky');
        tokensIssued += 1;
        return void response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ access_token: `tok${tokensIssued}`, expires_in: '3599' }));
      }
      const [status, body] = api(request.path, request.headers.authorization);
      response.writeHead(status, { 'Content-Type': 'application/json' }).end(typeof body === 'string' ? body : JSON.stringify(body));
    });
  }

  const wrapped = (resultCd: string, data: unknown) => ({
    responseHeader: { responseCode: 200, responseRefID: 'r' },
    responseBody: { resultCd, resultMsg: 'Successful', resultDt: '20240415153039', data },
  });

  beforeEach(() => {
    tokenAnswers = [];
    tokensIssued = 0;
  });

  it('fetches a token with HTTP Basic, then calls the gateway path with bearer, app id and device headers', async () => {
    serve(() => [200, wrapped('000', SIGNATURE)]);
    const result = await gateway().saveTrnsSalesOsdc(SALE);
    assert.ok(result.ok);
    assert.equal(result.data.curRcptNo, 7);
    const [token, call] = fake.seen;
    assert.equal(token!.method, 'GET');
    assert.equal(token!.headers.authorization, `Basic ${Buffer.from('key:s3cret:x').toString('base64')}`);
    assert.equal(call!.path, '/etims-oscu/api/v1/sendSalesTransaction');
    assert.equal(call!.headers.authorization, 'Bearer tok1');
    assert.equal(call!.headers.apigee_app_id, 'app-42');
    assert.equal(call!.headers.tin, DEVICE.tin);
    assert.equal(call!.headers.bhfid, DEVICE.bhfId);
    assert.equal(call!.headers.cmckey, DEVICE.cmcKey);
  });

  it('keeps the token until it expires', async () => {
    serve(() => [200, wrapped('001', null)]);
    const kra = gateway();
    await kra.selectNoticeList({ lastReqDt: '20240101000000' });
    await kra.selectCodeList({ lastReqDt: '20240101000000' });
    assert.equal(tokensIssued, 1);
    clock.advance(3600_000);
    await kra.selectNoticeList({ lastReqDt: '20240101000000' });
    assert.equal(tokensIssued, 2);
    assert.equal(fake.seen.at(-1)!.headers.authorization, 'Bearer tok2');
  });

  it('asks for a token a second time when the first attempt fails, and no more', async () => {
    serve(() => [200, wrapped('001', null)]);
    tokenAnswers = [503];
    assert.deepEqual(await gateway().selectNoticeList({ lastReqDt: '20240101000000' }), { ok: false, kind: 'empty', resultDt: '20240415153039' });
    assert.equal(tokensIssued, 1);
    assert.equal(fake.seen.filter((r) => r.path !== TOKEN_PATH).length, 1);

    fake.seen.length = 0;
    tokenAnswers = [503, 500];
    const result = await gateway().saveTrnsSalesOsdc(SALE);
    assert.deepEqual(result, { ok: false, kind: 'transport', code: 'AUTH', message: 'the token endpoint answered HTTP 500' });
    assert.equal(fake.seen.length, 2, 'two token attempts and no call without a token');
  });

  it('fetches a fresh token once when the gateway refuses the cached one', async () => {
    serve((_path, authorization) => (authorization === 'Bearer tok1' ? [401, { message: 'expired' }] : [200, wrapped('000', null)]));
    const result = await gateway().saveItem({} as never);
    assert.deepEqual(result, { ok: true, data: null, resultDt: '20240415153039' });
    assert.equal(tokensIssued, 2);
  });

  it('reads an HTTP 400, an outer 200 wrapping a 400, and a plain-text 400 as rejections', async () => {
    const words = 'Invalid pkg for ItemList 1. Expected: 1, Found: 0';
    const rejection = { responseHeader: { responseCode: 400, responseRefID: 'r', customerMessage: words, debugMessage: null }, responseBody: null };
    for (const [status, body] of [[400, rejection], [200, rejection], [400, words]] as const) {
      serve(() => [status, body]);
      assert.deepEqual(await gateway().saveTrnsSalesOsdc(SALE), { ok: false, kind: 'rejected', code: '400', message: words });
    }
  });

  it('treats a wrapped 5xx as a transport failure', async () => {
    serve(() => [200, { responseHeader: { responseCode: 503, customerMessage: 'Service unavailable' }, responseBody: null }]);
    assert.equal(failureCode(await gateway().saveTrnsSalesOsdc(SALE)), 'HTTP_STATUS');
  });

  it('puts tin and bhfId in the body where the gateway requires them', async () => {
    serve(() => [200, wrapped('001', null)]);
    const kra = gateway();
    await kra.selectTrnsPurchaseSalesList({ lastReqDt: '20240101000000' });
    await kra.selectStockMoveList({ lastReqDt: '20240101000000' });
    await kra.selectNoticeList({ lastReqDt: '20240101000000' });
    await kra.selectInitOsdcInfo({ tin: DEVICE.tin, bhfId: '00', dvcSrlNo: 'MZ/1' });
    const calls = fake.seen.filter((r) => r.path !== TOKEN_PATH);
    assert.deepEqual(calls.map((r) => [r.path, JSON.parse(r.body)]), [
      ['/etims-oscu/api/v1/getPurchaseTransactionInfo', { lastReqDt: '20240101000000', tin: DEVICE.tin, bhfId: '00' }],
      ['/etims-oscu/api/v1/selectStockMoveLists', { lastReqDt: '20240101000000', tin: DEVICE.tin, bhfId: '00' }],
      ['/etims-oscu/api/v1/selectNoticeList', { lastReqDt: '20240101000000' }],
      ['/etims-oscu/api/v1/initialize', { tin: DEVICE.tin, bhfId: '00', dvcSrlNo: 'MZ/1' }],
    ]);
    assert.equal(calls.at(-1)!.headers.cmckey, undefined);
  });
});

function failureCode(result: { ok: boolean; kind?: string; code?: string }): string | undefined {
  return !result.ok && result.kind === 'transport' ? result.code : undefined;
}
