import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDispatch } from '../../../src-main/api/dispatch';
import type { AllHandlers, HandlerContext } from '../../../src-main/api/handlers';
import { Sessions } from '../../../src-main/session/sessions';
import { ApiError } from '../../../src-shared/api';
import { TestClock } from '../../support/clock';

type Handler = (input: unknown, ctx: HandlerContext) => unknown;

/** Dispatch over handlers that record what they were given. */
function dispatcher(handlers: Record<string, Handler>) {
  const sessions = new Sessions(new TestClock());
  const reported: string[] = [];
  const dispatch = createDispatch({
    handlers: handlers as unknown as AllHandlers,
    sessions,
    onInternalError: (method, error) => reported.push(`${method}: ${String(error)}`),
  });
  const cashier = sessions.open({ id: 1, name: 'Wanjiru', role: 'cashier' });
  const manager = sessions.open({ id: 2, name: 'Otieno', role: 'manager' });
  return { dispatch, reported, cashier: cashier.token, manager: manager.token };
}

describe('dispatch: the way in', () => {
  it('names an unknown method, before asking who calls', async () => {
    const { dispatch } = dispatcher({});
    assert.deepEqual(await dispatch('sale.teleport', {}, null), {
      ok: false,
      error: { code: 'UNKNOWN_METHOD', message: 'unknown method "sale.teleport"', params: { method: 'sale.teleport' } },
    });
  });

  it('gives the handler the parsed input and the caller, and returns what it answers', async () => {
    const seen: unknown[] = [];
    const { dispatch, manager } = dispatcher({
      'sync.redrive': async (input, ctx) => {
        seen.push(input, ctx.session?.user.name);
        return { saleId: (input as { saleId: number }).saleId };
      },
    });
    assert.deepEqual(await dispatch('sync.redrive', { saleId: 5 }, manager), { ok: true, value: { saleId: 5 } });
    assert.deepEqual(seen, [{ saleId: 5 }, 'Otieno']);
  });

  it('lets anyone call a public method, whatever token comes with it, and hands it no session', async () => {
    const callers: (string | null)[] = [];
    const { dispatch, cashier } = dispatcher({ 'system.health': (_input, ctx) => callers.push(ctx.session?.user.name ?? null) });
    assert.ok((await dispatch('system.health', {}, null)).ok);
    assert.ok((await dispatch('system.health', {}, 'not-a-token')).ok);
    assert.ok((await dispatch('system.health', {}, cashier)).ok);
    assert.deepEqual(callers, [null, null, null], 'a public method never acts as whoever sent the token');
  });

  it('reads a missing input as an empty one', async () => {
    const inputs: unknown[] = [];
    const { dispatch, cashier } = dispatcher({ 'sync.status': (input) => inputs.push(input) });
    assert.ok((await dispatch('sync.status', undefined, cashier)).ok);
    assert.ok((await dispatch('sync.status', null, cashier)).ok);
    assert.deepEqual(inputs, [{}, {}]);
  });
});

describe('dispatch: who may call', () => {
  it('refuses a stranger before looking at the input', async () => {
    let called = false;
    const { dispatch } = dispatcher({ 'sync.redrive': () => (called = true) });
    assert.deepEqual(await dispatch('sync.redrive', { saleId: 'not a number' }, null), {
      ok: false,
      error: { code: 'NOT_LOGGED_IN', message: '"sync.redrive" needs a logged-in user' },
    });
    assert.equal(called, false);
  });

  it("refuses a cashier a manager's method, naming the role, before looking at the input", async () => {
    let called = false;
    const { dispatch, cashier, manager } = dispatcher({ 'sync.parked': () => ((called = true), []) });
    assert.deepEqual(await dispatch('sync.parked', { extra: 1 }, cashier), {
      ok: false,
      error: { code: 'FORBIDDEN', message: '"sync.parked" needs the manager role', params: { role: 'manager' } },
    });
    assert.equal(called, false);
    assert.deepEqual(await dispatch('sync.parked', {}, manager), { ok: true, value: [] });
    assert.equal(called, true);
  });
});

describe('dispatch: bad input and failures', () => {
  it('names the nested field that is wrong, and calls nothing', async () => {
    let called = false;
    const { dispatch, manager } = dispatcher({ 'sync.redrive': () => (called = true) });
    const result = await dispatch('sync.redrive', { saleId: -3 }, manager);
    assert.equal(!result.ok && result.error.code, 'INVALID_INPUT');
    assert.equal(!result.ok && result.error.field, 'saleId');
    assert.match(!result.ok ? result.error.message : '', /^saleId: /);
    assert.equal(called, false);
  });

  it('joins the path of a field inside a list with dots', async () => {
    const { dispatch, cashier } = dispatcher({});
    const result = await dispatch('sale.complete', { lines: [{ itemCode: 'KE2BGNO0000002', quantity: 0 }], tenders: [{ kind: 'cash', amount: 100 }] }, cashier);
    assert.equal(!result.ok && result.error.field, 'lines.0.quantity');
    assert.deepEqual(!result.ok && Object.keys(result.error.params ?? {}), ['field', 'reason']);
  });

  it('calls an input that is not an object by the name input', async () => {
    const { dispatch, manager } = dispatcher({});
    const result = await dispatch('sync.redrive', 'five', manager);
    assert.equal(!result.ok && result.error.code, 'INVALID_INPUT');
    assert.equal(!result.ok && result.error.field, 'input');
    assert.match(!result.ok ? result.error.message : '', /^input: /);
  });

  it("passes a handler's own refusal on as it is, and reports nothing", async () => {
    const { dispatch, manager, reported } = dispatcher({
      'sync.redrive': async () => {
        throw new ApiError('SALE_NOT_PARKED', 'saleId: sale 5 is not parked', { field: 'saleId' });
      },
    });
    assert.deepEqual(await dispatch('sync.redrive', { saleId: 5 }, manager), {
      ok: false,
      error: { code: 'SALE_NOT_PARKED', message: 'saleId: sale 5 is not parked', field: 'saleId' },
    });
    assert.deepEqual(reported, []);
  });

  it('hides a failure inside an async handler behind INTERNAL, and reports it with the method', async () => {
    const { dispatch, cashier, reported } = dispatcher({
      'sync.status': async () => {
        throw new TypeError('x is undefined');
      },
    });
    assert.deepEqual(await dispatch('sync.status', {}, cashier), { ok: false, error: { code: 'INTERNAL', message: 'internal error' } });
    assert.deepEqual(reported, ['sync.status: TypeError: x is undefined']);
  });
});
