/**
 * Stock per (tin, branch, item) (spec 2.17): insertStockIO moves it in (sarTyCd 01-06) or out
 * (11-16), saveStockMaster declares what remains, selectStockMoveList shows a branch the movements
 * other branches addressed to it. Strict: the sarNo sequence, registered items, and rsdQty equal to
 * the running sum of the movements.
 */
import { REGISTRATION_TYPES, STOCK_IO_TYPES } from '../../src-shared/etims/codes';
import { hundredths } from './arithmetic';
import { branchKey, changedSince, listed, ok, Rejection, type Call, type Reply } from './context';
import { checkItemsRegistered } from './items';
import { requireIdentityInBody } from './purchases';
import { acceptNumber, checkLines, lastAccepted } from './sales';
import { key, type Body } from './state';
import { AUDIT_FIELDS, checkCodes, checkDate, integerField, linesOf, numberField, requireFields, requireLineFields, textOf } from './validation';

const IO_FIELDS = ['sarNo', 'orgSarNo', 'regTyCd', 'sarTyCd', 'ocrnDt', 'totItemCnt', 'totTaxblAmt', 'totTaxAmt', 'totAmt', ...AUDIT_FIELDS, 'itemList'];
const IO_LINE_FIELDS = ['itemSeq', 'itemCd', 'itemClsCd', 'itemNm', 'pkgUnitCd', 'pkg', 'qtyUnitCd', 'qty', 'prc', 'splyAmt', 'taxblAmt', 'taxTyCd', 'taxAmt'];
const IO_LINE_AMOUNTS = ['itemSeq', 'pkg', 'qty', 'prc', 'splyAmt', 'totDcAmt', 'taxblAmt', 'taxAmt', 'totAmt'];

export function insertStockIO(call: Call): Reply {
  const { body, config, state } = call;
  const strict = config.strict;
  requireFields(body, IO_FIELDS, strict);
  const lines = linesOf(body);
  requireLineFields(lines, IO_LINE_FIELDS, strict);
  const missingTotal = lines.findIndex((line) => hundredths(line.totAmt) === 0);
  if (strict && missingTotal >= 0) throw new Rejection('910', `Expected a value for totAmt on item: ${missingTotal + 1} but it is empty or null`);
  const sarNo = integerField(body, 'sarNo');
  integerField(body, 'orgSarNo');
  checkCodes(body, { regTyCd: REGISTRATION_TYPES, sarTyCd: STOCK_IO_TYPES });
  checkDate(body, 'ocrnDt', 8);
  for (const field of ['totItemCnt', 'totTaxblAmt', 'totTaxAmt', 'totAmt']) numberField(body, field);
  checkLines(lines, IO_LINE_AMOUNTS);
  const expected = lastAccepted(call, 'sar') + 1;
  if (strict && sarNo !== expected) throw new Rejection('910', `Invalid sarNo: Expected: ${expected} but found: ${sarNo}`);
  if (strict) checkItemsRegistered(call, lines);

  const direction = STOCK_IO_TYPES.find((t) => t.code === body.sarTyCd)!.direction;
  const at = call.now.getTime();
  for (const line of lines) {
    const itemCd = String(line.itemCd);
    const current = state.stockOf(call.caller.tin, call.caller.bhfId, itemCd);
    const moved = hundredths(line.qty) * (direction === 'in' ? 1 : -1);
    state.stock.put(branchKey(call, itemCd), {
      tin: call.caller.tin,
      bhfId: call.caller.bhfId,
      itemCd,
      quantity: (current?.quantity ?? 0) + moved,
      declared: current?.declared ?? null,
      modifiedAt: at,
    });
  }
  acceptNumber(call, 'sar', sarNo);
  state.stockMoves.put(key(state.next('stockMoves')), { tin: call.caller.tin, bhfId: call.caller.bhfId, body, modifiedAt: at });
  return ok();
}

export function saveStockMaster(call: Call): Reply {
  const { body, config, state } = call;
  requireFields(body, ['itemCd', 'rsdQty', ...AUDIT_FIELDS], config.strict);
  const declared = hundredths(numberField(body, 'rsdQty'));
  const itemCd = String(body.itemCd);
  const stock = state.stockOf(call.caller.tin, call.caller.bhfId, itemCd);
  if (config.strict) {
    checkItemsRegistered(call, [body]);
    if (!stock) throw new Rejection('910', 'Stock IO is empty, consider adding items to the stock IO first');
    if (stock.quantity !== declared) throw new Rejection('910', `rsdQty mismatch. Expected: ${stock.quantity / 100} but found: ${declared / 100}`);
  }
  state.stock.put(branchKey(call, itemCd), {
    tin: call.caller.tin,
    bhfId: call.caller.bhfId,
    itemCd,
    quantity: stock?.quantity ?? 0,
    declared,
    modifiedAt: call.now.getTime(),
  });
  return ok();
}

export function selectStockMoveList(call: Call): Reply {
  requireIdentityInBody(call);
  const since = changedSince(call);
  const { tin, bhfId } = call.caller;
  const stockList = call.state.stockMoves
    .values()
    .filter((m) => textOf(m.body.custTin) === tin && textOf(m.body.custBhfId) === bhfId && !(m.tin === tin && m.bhfId === bhfId) && since(m.modifiedAt))
    .map((m): Body => {
      const { body } = m;
      return {
        custTin: m.tin,
        custBhfId: m.bhfId,
        sarNo: body.sarNo,
        ocrnDt: body.ocrnDt,
        totItemCnt: body.totItemCnt,
        totTaxblAmt: body.totTaxblAmt,
        totTaxAmt: body.totTaxAmt,
        totAmt: body.totAmt,
        remark: body.remark ?? null,
        itemList: body.itemList,
      };
    });
  return listed('stockList', stockList);
}
