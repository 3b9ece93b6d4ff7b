/**
 * KRA's master data (spec 2.2 - 2.5): code lists, item classes, notices and branches, each pulled
 * from its own watermark, KRA's resultDt of the last successful answer (spec 2.0), so KRA's clock,
 * not the till's, decides what counts as new.
 */
import { ApiError, MASTER_LISTS, type KraMode, type MasterList, type MasterListSync } from '../../src-shared/api';
import type { EventMap } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';
import { CODE_CLASSES } from '../../src-shared/etims/codes';
import { toKraDateTime } from '../../src-shared/etims/time';
import { ratesFromCodeList, type TaxRates } from '../../src-shared/tax';
import type { Handlers } from '../api/handlers';
import {
  allNotices,
  codesOf,
  countOf,
  moveWatermark,
  upsertBranches,
  upsertCodeClasses,
  upsertItemClasses,
  upsertNotices,
  watermarkOf,
  type WatermarkKey,
} from '../ledger/master-data';
import type { LedgerDb } from '../ledger/open';
import type { OscuClient, OscuResult } from '../oscu/client';

/** Before the first pull: early enough for everything KRA has (Odoo and navari start here). */
export const FIRST_REQUEST_DT = '20180101000000';
const ITEM_CLASS_CHUNK = 500;

/** The device the till talks to KRA as; null while the till has no device. */
export interface MasterDataLink {
  client: OscuClient;
  environment: KraMode;
  tin: string;
  branchId: string;
}

export interface MasterDataDeps {
  db: LedgerDb;
  clock: Clock;
  link: () => MasterDataLink | null;
  emit: (event: 'masterData.progress', payload: EventMap['masterData.progress']) => void;
  /** Item classes are stored this many at a time, with a progress event after each. */
  chunkSize?: number;
}

interface Pulled {
  result: OscuResult<unknown>;
  total: number;
  store: (from: number, to: number) => void;
}

export class MasterDataSync {
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: MasterDataDeps) {}

  /** Pulls the lists one after another; a second call waits for the first. Null without a device. */
  sync(lists: readonly MasterList[] = MASTER_LISTS): Promise<MasterListSync[] | null> {
    const next = this.running.then(() => this.pullAll(lists));
    this.running = next.catch(() => undefined);
    return next;
  }

  private async pullAll(lists: readonly MasterList[]): Promise<MasterListSync[] | null> {
    const link = this.deps.link();
    if (!link) return null;
    const results: MasterListSync[] = [];
    for (const list of MASTER_LISTS.filter((l) => lists.includes(l))) results.push(await this.pull(link, list));
    return results;
  }

  private async pull(link: MasterDataLink, list: MasterList): Promise<MasterListSync> {
    const { db, clock, emit } = this.deps;
    const key: WatermarkKey = { environment: link.environment, tin: link.tin, branchId: link.branchId };
    const lastReqDt = watermarkOf(db, key, list)?.lastReqDt ?? FIRST_REQUEST_DT;
    emit('masterData.progress', { list, done: 0 });
    const pulled = await this.request(link.client, list, lastReqDt);
    const { result } = pulled;
    if (!result.ok && result.kind !== 'empty') {
      return { list, outcome: 'failed', received: 0, error: { code: result.code, message: result.message } };
    }
    const { total } = pulled;
    const chunk = list === 'itemClasses' ? (this.deps.chunkSize ?? ITEM_CLASS_CHUNK) : Math.max(total, 1);
    for (let done = 0; done < total; ) {
      const to = Math.min(done + chunk, total);
      pulled.store(done, to);
      done = to;
      emit('masterData.progress', { list, done, total });
      // Let the till's other calls in between chunks of a large list.
      if (done < total) await new Promise((resolve) => setImmediate(resolve));
    }
    if (total === 0) emit('masterData.progress', { list, done: 0, total: 0 });
    moveWatermark(db, key, list, result.resultDt ?? toKraDateTime(clock.now()), clock.now().toISOString());
    return { list, outcome: total > 0 ? 'updated' : 'unchanged', received: total, error: null };
  }

  private async request(client: OscuClient, list: MasterList, lastReqDt: string): Promise<Pulled> {
    const { db } = this.deps;
    const since = { lastReqDt };
    switch (list) {
      case 'codes': {
        const result = await client.selectCodeList(since);
        return pulled(result, result.ok ? result.data.clsList : [], (r) => upsertCodeClasses(db, r));
      }
      case 'itemClasses': {
        const result = await client.selectItemClsList(since);
        return pulled(result, result.ok ? result.data.itemClsList : [], (r) => upsertItemClasses(db, r));
      }
      case 'notices': {
        const result = await client.selectNoticeList(since);
        return pulled(result, result.ok ? result.data.noticeList : [], (r) => upsertNotices(db, r));
      }
      case 'branches': {
        const result = await client.selectBhfList(since);
        return pulled(result, result.ok ? result.data.bhfList : [], (r) => upsertBranches(db, r));
      }
    }
  }
}

function pulled<T>(result: OscuResult<unknown>, records: readonly T[], store: (records: readonly T[]) => void): Pulled {
  return { result, total: records.length, store: (from, to) => store(records.slice(from, to)) };
}

/** The tax rates of the synced code list (class 04, codes in use); null before the first pull or when unreadable. */
export function taxRatesFromLedger(db: LedgerDb): TaxRates | null {
  const taxTypes = codesOf(db, '04').filter((c) => c.inUse);
  if (taxTypes.length === 0) return null;
  try {
    return ratesFromCodeList(taxTypes.map((c) => ({ cd: c.code, userDfnCd1: c.userDefined1 })));
  } catch {
    return null;
  }
}

export function masterDataHandlers(deps: { db: LedgerDb; link: () => MasterDataLink | null; sync: MasterDataSync }): Handlers<
  'masterData.sync' | 'masterData.status' | 'codes.list' | 'notices.list'
> {
  const { db } = deps;
  return {
    'masterData.sync': async ({ lists }) => {
      const results = await deps.sync.sync(lists);
      if (!results) throw new ApiError('DEVICE_NOT_INITIALISED', 'this till has no KRA device yet: register it before pulling KRA lists');
      return results;
    },
    'masterData.status': () => {
      const link = deps.link();
      return MASTER_LISTS.map((list) => {
        const mark = link ? watermarkOf(db, { environment: link.environment, tin: link.tin, branchId: link.branchId }, list) : undefined;
        return { list, lastReqDt: mark?.lastReqDt ?? null, syncedAt: mark?.syncedAt ?? null, count: countOf(db, list) };
      });
    },
    'codes.list': ({ cdCls }) => {
      const synced = codesOf(db, cdCls).filter((c) => c.inUse);
      if (synced.length > 0) {
        const codes = synced.map((c) => ({ code: c.code, name: c.name ?? c.code, description: c.description, sortOrder: c.sortOrder, userDefined1: c.userDefined1 }));
        return { source: 'kra', codes };
      }
      const builtIn = CODE_CLASSES.find((c) => c.id === cdCls)?.codes ?? [];
      return {
        source: 'builtIn',
        codes: builtIn.map((c, i) => ({ code: c.code, name: c.name, description: c.description ?? null, sortOrder: i + 1, userDefined1: 'ratePercent' in c ? String(c.ratePercent) : null })),
      };
    },
    'notices.list': () =>
      allNotices(db).map((n) => ({ noticeNo: n.noticeNo, title: n.title, content: n.content, url: n.url, registeredAt: n.registeredAt })),
  };
}
