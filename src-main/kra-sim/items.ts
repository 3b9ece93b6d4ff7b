/**
 * Items (per taxpayer), their compositions, and customs imports (spec 2.10 - 2.13). The strict
 * profile checks the item code against its flat fields and the taxpayer's sequence (spec 3.9), the
 * 52 packaging units and the item-class list; the lenient one checks codes and formats only.
 */
import { COUNTRIES, IMPORT_ITEM_STATUSES, ITEM_TYPES, PACKAGING_UNITS, QUANTITY_UNITS, TAX_TYPES } from '../../src-shared/etims/codes';
import { branchKey, changedSince, invalidParameter, listed, ok, Rejection, type Call, type Reply } from './context';
import { ITEM_CLASSES } from './seed';
import { key, type Body } from './state';
import { AUDIT_FIELDS, MODIFIER_FIELDS, checkCode, checkCodes, integerField, isMissing, numberField, requireFields, textOf } from './validation';

const ITEM_FIELDS = ['itemCd', 'itemClsCd', 'itemTyCd', 'itemNm', 'orgnNatCd', 'pkgUnitCd', 'qtyUnitCd', 'taxTyCd', 'dftPrc', 'isrcAplcbYn', 'useYn'] as const;

const OPTIONAL_ITEM_FIELDS = ['itemStdNm', 'btchNo', 'bcd', 'grpPrcL1', 'grpPrcL2', 'grpPrcL3', 'grpPrcL4', 'grpPrcL5', 'addInfo', 'sftyQty'] as const;

/** country (2), item type (1), packaging unit (2), quantity unit (2), sequence (7). */
const ITEM_CODE = /^([A-Z]{2})([1-3])([A-Z0-9]{2})([A-Z0-9]{2})(\d{7})$/;

const itemSequenceCounter = (tin: string) => key('itemSeq', tin);

export function saveItem(call: Call): Reply {
  const { body, config, state } = call;
  const strict = config.strict;
  requireFields(body, [...ITEM_FIELDS, ...AUDIT_FIELDS], strict);
  if (strict && !PACKAGING_UNITS.some((u) => u.code === body.pkgUnitCd)) {
    throw new Rejection('910', `The Package unit code can ony be among the following list: [${PACKAGING_UNITS.map((u) => u.code).join(', ')}]`);
  }
  checkCodes(body, { itemTyCd: ITEM_TYPES, orgnNatCd: COUNTRIES, pkgUnitCd: PACKAGING_UNITS, qtyUnitCd: QUANTITY_UNITS, taxTyCd: TAX_TYPES });
  checkItemClass(body.itemClsCd, strict);
  numberField(body, 'dftPrc');
  const itemCd = String(body.itemCd);
  const existing = state.item(call.caller.tin, itemCd);
  const sequence = ITEM_CODE.exec(itemCd);
  if (strict) checkItemCode(body, sequence, existing ? null : state.counter(itemSequenceCounter(call.caller.tin)) + 1);
  const stored: Body = {};
  for (const field of [...ITEM_FIELDS, ...OPTIONAL_ITEM_FIELDS]) stored[field] = body[field] ?? null;
  state.items.put(key(call.caller.tin, itemCd), {
    tin: call.caller.tin,
    regBhfId: existing?.regBhfId ?? call.caller.bhfId,
    itemCd,
    body: stored,
    modifiedAt: call.now.getTime(),
  });
  const number = sequence ? Number(sequence[5]) : 0;
  if (number > state.counter(itemSequenceCounter(call.caller.tin))) state.setCounter(itemSequenceCounter(call.caller.tin), number);
  return ok();
}

/** Strict: exactly the classes selectItemClsList serves, refused in the sandbox's words (spec 13.5). */
function checkItemClass(value: unknown, strict: boolean): void {
  const code = String(value);
  if (strict && !ITEM_CLASSES.some((c) => c.code === code)) {
    throw new Rejection('910', 'Ensure you use a valid item classification code from the Get Item Classification List endpoint');
  }
  if (!strict && !/^\d{8,10}$/.test(code)) {
    throw invalidParameter('itemClsCd', `${JSON.stringify(value)} is not an item classification code from selectItemClsList`);
  }
}

/** Spec 3.9 as the gateway enforces it; `next` is the sequence a new code must carry (null: an update). */
function checkItemCode(body: Body, parts: RegExpExecArray | null, next: number | null): void {
  if (typeof body.qtyUnitCd === 'string' && body.qtyUnitCd.length !== 2) throw new Rejection('910', 'Incorrect QtyUnitCd Prefix');
  if (!parts) {
    throw new Rejection('910', 'Invalid itemCd format. Expected origin country (2), item type (1), packaging unit (2), quantity unit (2) and a 7-digit sequence');
  }
  const [, country, type, packaging, quantity, sequence] = parts;
  if (country !== body.orgnNatCd) throw new Rejection('910', 'Incorrect Origin Country Prefix');
  if (type !== body.itemTyCd) throw new Rejection('910', 'Incorrect Item Type Prefix');
  if (packaging !== body.pkgUnitCd) throw new Rejection('910', 'Incorrect Packaging Unit Prefix');
  if (quantity !== body.qtyUnitCd) throw new Rejection('910', 'Incorrect QtyUnitCd Prefix');
  if (next !== null && Number(sequence) !== next) {
    throw new Rejection('910', `Invalid itemCd Sequence. Expected sequence ending with: *******${String(next).padStart(7, '0')}`);
  }
}

export function selectItemList(call: Call): Reply {
  const since = changedSince(call);
  const itemList = call.state.items
    .values()
    .filter((i) => i.tin === call.caller.tin && since(i.modifiedAt))
    .map((i) => ({ tin: i.tin, ...i.body, regBhfId: i.regBhfId, rraModYn: 'N' }));
  return listed('itemList', itemList);
}

/** The strict profile's "Item X provided on item: N. does not exist in your inventory". */
export function checkItemsRegistered(call: Call, lines: Body[]): void {
  for (const [i, line] of lines.entries()) {
    if (!call.state.item(call.caller.tin, String(line.itemCd))) {
      throw new Rejection('910', `Item ${String(line.itemCd)} provided on item: ${i + 1}. does not exist in your inventory. Ensure it is added under item management package`);
    }
  }
}

export function saveItemComposition(call: Call): Reply {
  const { body, config, state } = call;
  requireFields(body, ['itemCd', 'cpstItemCd', 'cpstQty', 'regrId', 'regrNm'], config.strict);
  numberField(body, 'cpstQty');
  if (config.strict) {
    checkItemsRegistered(call, [{ itemCd: body.itemCd }, { itemCd: body.cpstItemCd }]);
    const stock = state.stockOf(call.caller.tin, call.caller.bhfId, String(body.cpstItemCd));
    if (!stock || stock.quantity <= 0) throw new Rejection('910', 'Insufficient Stock');
  }
  state.compositions.put(branchKey(call, String(body.itemCd), String(body.cpstItemCd)), {
    tin: call.caller.tin,
    bhfId: call.caller.bhfId,
    body,
    modifiedAt: call.now.getTime(),
  });
  return ok();
}

export function selectImportItemList(call: Call): Reply {
  const since = changedSince(call);
  const itemList = call.state.imports
    .values()
    .filter((i) => i.tin === call.caller.tin && since(i.modifiedAt))
    .map((i) => i.body);
  return listed('itemList', itemList);
}

export function updateImportItem(call: Call): Reply {
  const { body, config, state } = call;
  requireFields(body, ['taskCd', 'dclDe', 'itemSeq', 'hsCd', 'itemClsCd', 'itemCd', 'imptItemSttsCd', ...MODIFIER_FIELDS], config.strict);
  checkCode(body, 'imptItemSttsCd', IMPORT_ITEM_STATUSES);
  const id = key(call.caller.tin, String(body.taskCd), String(body.dclDe), integerField(body, 'itemSeq'));
  const declaration = state.imports.get(id);
  if (!declaration) throw invalidParameter('taskCd', `no customs declaration line ${String(body.taskCd)}/${String(body.dclDe)}/${String(body.itemSeq)} for this taxpayer`);
  if (config.strict) {
    checkItemsRegistered(call, [body]);
    if (body.imptItemSttsCd === '3' && (body.remark === null || body.remark === undefined)) throw new Rejection('999');
  }
  state.imports.put(id, {
    ...declaration,
    body: { ...declaration.body, imptItemsttsCd: body.imptItemSttsCd, itemCd: body.itemCd, itemClsCd: body.itemClsCd, remark: isMissing(body.remark, false) ? null : textOf(body.remark) },
    modifiedAt: call.now.getTime(),
  });
  return ok();
}
