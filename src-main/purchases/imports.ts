/**
 * Imports (spec 2.13): the customs declaration lines KRA lists for this taxpayer, fetched from their
 * own watermark; a manager approves each as stock of one of our items (updateImportItem status 3,
 * plus a stock IO of type 01) or cancels it (status 4).
 */
import { ApiError, IMPORT_STATES, type ImportSummary } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';
import type { ImportItemUpdateRequest } from '../../src-shared/etims/wire';
import { wireToCents, wireToHundredths } from '../../src-shared/money';
import type { TaxRates } from '../../src-shared/tax';
import { sessionOf, type Handlers } from '../api/handlers';
import {
  decideImport,
  importByJob,
  importByKey,
  importItemOf,
  listImports,
  receiveImport,
  IMPORT_STATUS,
  type ImportKey,
  type ImportRow,
} from '../ledger/imports';
import { queueJob, type JobEndpoint } from '../ledger/kra-jobs';
import type { LedgerDb, LedgerWriter } from '../ledger/open';
import { appendAudit } from '../ledger/audit';
import { recordStockMovement } from '../stock/movements';
import type { JobEffects } from '../sync/jobs';
import { jobStatus, pullList, registrarOf, type KraLinkOf } from './kra';
import { registeredItems } from './our-items';

export interface ImportDeps {
  db: LedgerDb;
  clock: Clock;
  link: KraLinkOf;
  taxRates: () => TaxRates;
  /** A KRA job was queued: wake the sender. */
  onQueued: () => void;
}

interface Decision extends ImportKey {
  decision: 'approve' | 'cancel';
  itemCode: string;
  remark?: string | undefined;
}

type Staff = { id: number; name: string };

export function importHandlers(deps: ImportDeps): Handlers<'imports.fetch' | 'imports.list' | 'imports.decide'> {
  const { db } = deps;
  return {
    'imports.fetch': () =>
      pullList(
        deps,
        'imports',
        (device, lastReqDt) => device.client.selectImportItemList({ lastReqDt }),
        (data) => data.itemList,
        (tx, item, at) => receiveImport(tx, item, at) === 'added',
      ),
    'imports.list': () => listImports(db).map((row) => summaryOf(db, row)),
    'imports.decide': (input, ctx) => {
      const row = decide(deps, input, sessionOf(ctx).user);
      deps.onQueued();
      return summaryOf(db, row);
    },
  };
}

/** In one transaction: the updateImportItem job, the stock coming in (on approval), the decision. */
function decide(deps: ImportDeps, input: Decision, user: Staff): ImportRow {
  const { db, clock } = deps;
  const key: ImportKey = { taskCode: input.taskCode, declarationDate: input.declarationDate, itemSeq: input.itemSeq };
  return db.transaction((tx) => {
    const row = undecided(tx, key);
    const item = registeredItems(tx, [{ code: input.itemCode, field: 'itemCode' }]).get(input.itemCode)!;
    const declared = importItemOf(row);
    const approve = input.decision === 'approve';
    const status = approve ? IMPORT_STATUS.approved : IMPORT_STATUS.cancelled;
    const at = clock.now();
    const registrar = registrarOf(user);
    const payload: ImportItemUpdateRequest = {
      taskCd: declared.taskCd,
      dclDe: row.declarationDate,
      itemSeq: declared.itemSeq,
      hsCd: declared.hsCd ?? '',
      itemClsCd: item.classCode,
      itemCd: item.code,
      imptItemSttsCd: status,
      // Never empty: the gateway answers 999 to an approval without a remark (spec 2.13).
      remark: input.remark ?? `${approve ? 'Approved' : 'Cancelled'} in Mauzo by ${user.name}`,
      modrId: registrar.id,
      modrNm: registrar.name,
    };
    const jobId = queueJob(tx, { endpoint: 'updateImportItem', subject: `import ${key.taskCode}/${key.itemSeq}`, payload: { ...payload } }, at);
    const quantity = wireToHundredths(declared.qty ?? 0);
    if (approve && quantity > 0) {
      recordStockMovement(tx, {
        ioType: '01',
        lines: [{ item, quantity }],
        at,
        rates: deps.taxRates(),
        registrar,
        registration: 'A',
        userId: user.id,
        note: `customs declaration ${declared.dclNo ?? declared.taskCd}, line ${declared.itemSeq}`,
      });
    }
    decideImport(tx, key, { status, itemCode: item.code, userId: user.id, jobId }, at);
    return importByKey(tx, key)!;
  });
}

function undecided(tx: LedgerWriter, key: ImportKey): ImportRow {
  const row = importByKey(tx, key);
  const params = { taskCode: key.taskCode, itemSeq: key.itemSeq };
  if (!row) {
    throw new ApiError('IMPORT_NOT_FOUND', `taskCode: no customs declaration line ${key.taskCode} of ${key.declarationDate}, line ${key.itemSeq}, here; fetch imports again`, {
      field: 'taskCode',
      params,
    });
  }
  const open: string[] = [IMPORT_STATUS.unsent, IMPORT_STATUS.waiting];
  if (row.jobId !== null || !open.includes(row.status)) {
    throw new ApiError('IMPORT_DECIDED', `taskCode: customs declaration ${key.taskCode}, line ${key.itemSeq}, is already approved or cancelled`, { field: 'taskCode', params });
  }
  return row;
}

function stateOf(status: string): ImportSummary['state'] {
  return IMPORT_STATES[Number(status) - 1] ?? 'other';
}

function summaryOf(db: LedgerDb, row: ImportRow): ImportSummary {
  const item = importItemOf(row);
  return {
    taskCode: row.taskCode,
    declarationDate: row.declarationDate,
    itemSeq: row.itemSeq,
    declarationNo: item.dclNo,
    hsCode: item.hsCd,
    name: item.itemNm,
    state: stateOf(row.status),
    statusCode: row.status,
    originCountry: item.orgnNatCd,
    quantity: wireToHundredths(item.qty ?? 0),
    quantityUnit: item.qtyUnitCd,
    supplierName: item.spplrNm,
    agentName: item.agntNm,
    invoiceAmount: item.invcFcurAmt === null ? null : wireToCents(item.invcFcurAmt),
    invoiceCurrency: item.invcFcurCd,
    itemCode: row.itemCode,
    decidedAt: row.decidedAt,
    kra: jobStatus(db, row.jobId),
  };
}

/** KRA's answer to an import decision is noted in the audit log; its words stay on the job for imports.list. */
export function importJobEffects(clock: Clock): Partial<Record<JobEndpoint, JobEffects>> {
  const note = (tx: LedgerWriter, jobId: number, action: string, detail: Record<string, unknown>) => {
    const row = importByJob(tx, jobId);
    const line = row && { taskCode: row.taskCode, declarationDate: row.declarationDate, itemSeq: row.itemSeq, status: row.status };
    appendAudit(tx, { at: clock.now(), userId: row?.decidedBy ?? null, action, detail: { ...line, jobId, ...detail } });
  };
  return {
    updateImportItem: {
      accepted: (tx, job) => note(tx, job.id, 'import.acceptedByKra', {}),
      refused: (tx, job, reason) => note(tx, job.id, 'import.refusedByKra', { reason }),
    },
  };
}
