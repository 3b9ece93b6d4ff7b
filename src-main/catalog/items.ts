/**
 * The shop's items: created and edited by a manager (or imported from CSV: item-import.ts), each
 * version registered with KRA (saveItem, spec 2.10) through the KRA jobs queue. An item is sold only
 * once KRA has accepted it; KRA's words on a refusal stay on the item for the manager and the till.
 */
import { ApiError, type ItemDetail, type ItemFields, type ParsedInputOf, type UserSummary } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';
import type { ItemCodeTables } from '../../src-shared/etims/item-code';
import type { ItemRequest } from '../../src-shared/etims/wire';
import { centsToWire } from '../../src-shared/money';
import { sessionOf, type Handlers } from '../api/handlers';
import { nextItemCode } from '../ledger/item-codes';
import {
  barcodeHolder,
  highestItemSequence,
  insertItems,
  itemByCode,
  listItems,
  markItemAccepted,
  markItemRefused,
  requeueSequenceRefusals,
  updateItemRow,
  type ItemRow,
  type NewItemRow,
} from '../ledger/item-master';
import { queueJob, supersedeJobs, type JobEndpoint } from '../ledger/kra-jobs';
import type { LedgerDb, LedgerWriter } from '../ledger/open';
import type { JobEffects } from '../sync/jobs';
import { codeFieldsOf, itemRules, kraListProblems, type Problem } from './item-rules';

export interface ItemDeps {
  db: LedgerDb;
  clock: Clock;
  /** The KRA PIN of the till's device (item codes are numbered per PIN); null before it is registered. */
  tin: () => string | null;
  /** A saveItem job was queued: the sender may go now. */
  onQueued: () => void;
}

/** The fields that make up the item code: changing one means a different item. */
const CODE_FIELDS = ['itemType', 'origin', 'packagingUnit', 'quantityUnit'] as const;

type ItemUpdate = Omit<ParsedInputOf<'items.update'>, 'code'>;

export function itemHandlers(deps: ItemDeps): Handlers<'items.list' | 'items.create' | 'items.update'> {
  const { db, clock } = deps;
  return {
    'items.list': (filter) => {
      const page = listItems(db, filter);
      return { total: page.total, items: page.rows.map(itemDetail) };
    },
    'items.create': (input, ctx) => {
      const user = sessionOf(ctx).user;
      const tin = tinOrFail(deps);
      const rules = itemRules(db);
      throwFirst(kraListProblems(rules, input));
      const at = clock.now();
      const created = db.transaction((tx) => {
        if (input.barcode) requireFreeBarcode(tx, input.barcode);
        const row = newItemRow(newItemCode(tx, tin, input, rules.tables), input, at);
        insertItems(tx, [row]);
        queueSaveItem(tx, row, user, at, true);
        return itemByCode(tx, row.code)!;
      });
      deps.onQueued();
      return itemDetail(created);
    },
    'items.update': ({ code, ...changes }, ctx) => {
      const user = sessionOf(ctx).user;
      const rules = itemRules(db);
      const at = clock.now();
      const { row, queued } = db.transaction((tx) => {
        const item = itemByCode(tx, code);
        if (!item) throw new ApiError('ITEM_NOT_FOUND', `code: no item with code ${code}`, { field: 'code', params: { code } });
        refuseCodeFieldChanges(item, changes);
        const next = { ...fieldsOf(item), ...definedOnly(changes) };
        throwFirst(kraListProblems(rules, next).filter((p) => p.field in changes));
        if (changes.barcode && changes.barcode !== item.barcode) requireFreeBarcode(tx, changes.barcode, code);
        if (!differs(item, next) && item.registered && item.kraError === null) return { row: item, queued: false };
        updateItemRow(tx, code, { ...rowFields(next), kraError: null, updatedAt: at.toISOString() });
        const saved = itemByCode(tx, code)!;
        queueSaveItem(tx, saved, user, at);
        return { row: saved, queued: true };
      });
      if (queued) deps.onQueued();
      return itemDetail(row);
    },
  };
}

/** What KRA's answer to a saveItem means here: sellable once accepted, KRA's words when refused. */
export function itemJobEffects(clock: Clock): Partial<Record<JobEndpoint, JobEffects>> {
  return {
    saveItem: {
      accepted: (tx, job) => {
        markItemAccepted(tx, job.subject);
        requeueSequenceRefusals(tx, clock.now());
      },
      refused: (tx, job, reason) => markItemRefused(tx, job.subject, reason),
    },
  };
}

export function itemDetail(row: ItemRow): ItemDetail {
  return {
    code: row.code,
    ...fieldsOf(row),
    registered: row.registered,
    registration: row.kraError !== null ? 'refused' : row.registered ? 'accepted' : 'waiting',
    kraError: row.kraError,
    updatedAt: row.updatedAt,
  };
}

export function fieldsOf(row: ItemRow): ItemFields {
  return {
    name: row.name,
    barcode: row.barcode,
    unitPrice: row.unitPrice,
    taxClass: row.taxClass,
    itemClass: row.classCode,
    itemType: row.itemType,
    origin: row.originCountry,
    packagingUnit: row.packagingUnit,
    quantityUnit: row.quantityUnit,
    active: row.active,
  };
}

/** The item's columns for these fields (the code aside). */
export function rowFields(fields: ItemFields): Omit<NewItemRow, 'code'> {
  return {
    name: fields.name,
    barcode: fields.barcode,
    unitPrice: fields.unitPrice,
    taxClass: fields.taxClass,
    classCode: fields.itemClass,
    itemType: fields.itemType,
    originCountry: fields.origin,
    packagingUnit: fields.packagingUnit,
    quantityUnit: fields.quantityUnit,
    active: fields.active,
  };
}

export function newItemRow(code: string, fields: ItemFields, at: Date): NewItemRow {
  return { ...rowFields(fields), code, registered: false, kraError: null, updatedAt: at.toISOString() };
}

export function differs(item: ItemRow, next: ItemFields): boolean {
  const now = fieldsOf(item);
  return (Object.keys(next) as (keyof ItemFields)[]).some((field) => next[field] !== now[field]);
}

/**
 * The next KRA code for these fields. Its number is above every code already in the catalogue (the
 * demo shelf's too), since KRA holds those and wants the one after.
 */
export function newItemCode(tx: LedgerWriter, tin: string, fields: ItemFields, tables: ItemCodeTables, highest = highestItemSequence(tx)): string {
  for (;;) {
    const code = nextItemCode(tx, tin, codeFieldsOf(fields), tables);
    if (Number(code.slice(7)) > highest) return code;
  }
}

/** Queues the item's current version for KRA, settling its older refused versions (a new item has none). */
export function queueSaveItem(tx: LedgerWriter, row: ItemRow | NewItemRow, registrar: UserSummary, at: Date, isNew = false): number {
  const id = queueJob(tx, { endpoint: 'saveItem', subject: row.code, payload: { ...saveItemRequest(row, registrar) } }, at);
  // A refused older version must never be re-driven over this one.
  if (!isNew) supersedeJobs(tx, { endpoint: 'saveItem', subject: row.code, states: ['parked'] }, id, at);
  return id;
}

/** The full saveItem body for the item as it is now: KRA keeps the last one it accepts. */
export function saveItemRequest(row: ItemRow | NewItemRow, registrar: UserSummary): ItemRequest {
  const who = { id: String(registrar.id), name: registrar.name };
  return {
    itemCd: row.code,
    itemClsCd: row.classCode,
    itemTyCd: row.itemType ?? '2',
    itemNm: row.name,
    itemStdNm: null,
    orgnNatCd: row.originCountry ?? 'KE',
    pkgUnitCd: row.packagingUnit,
    qtyUnitCd: row.quantityUnit,
    taxTyCd: row.taxClass,
    btchNo: null,
    bcd: row.barcode ?? null,
    dftPrc: centsToWire(row.unitPrice),
    grpPrcL1: null,
    grpPrcL2: null,
    grpPrcL3: null,
    grpPrcL4: null,
    grpPrcL5: null,
    addInfo: null,
    sftyQty: null,
    isrcAplcbYn: 'N',
    useYn: row.active === false ? 'N' : 'Y',
    regrId: who.id,
    regrNm: who.name,
    modrId: who.id,
    modrNm: who.name,
  };
}

export function tinOrFail(deps: Pick<ItemDeps, 'tin'>): string {
  const tin = deps.tin();
  if (!tin) throw new ApiError('DEVICE_NOT_INITIALISED', 'this till has no KRA device yet: register it first, since KRA numbers item codes per PIN');
  return tin;
}

function requireFreeBarcode(tx: LedgerWriter, barcode: string, except?: string): void {
  const holder = barcodeHolder(tx, barcode, except);
  if (holder) {
    throw new ApiError('BARCODE_TAKEN', `barcode: ${barcode} is already on ${holder.name} (${holder.code}); each barcode belongs to one item`, {
      field: 'barcode',
      params: { barcode, name: holder.name, code: holder.code },
    });
  }
}

function refuseCodeFieldChanges(item: ItemRow, changes: ItemUpdate): void {
  const now = fieldsOf(item);
  for (const field of CODE_FIELDS) {
    const wanted = changes[field];
    if (wanted !== undefined && wanted !== now[field]) {
      throw new ApiError(
        'ITEM_FIELD_FIXED',
        `${field}: item ${item.code} is ${now[field]}, and its KRA code contains it; create a new item with ${field} ${wanted} instead`,
        { field, params: { field, code: item.code } },
      );
    }
  }
}

function definedOnly(changes: ItemUpdate): Partial<ItemFields> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<ItemFields>;
}

function throwFirst(problems: readonly Problem[]): void {
  const first = problems[0];
  if (first) throw new ApiError('INVALID_INPUT', `${first.field}: ${first.message}`, { field: first.field, params: { field: first.field, reason: first.message } });
}
