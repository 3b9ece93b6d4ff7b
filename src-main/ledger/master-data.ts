/** KRA's master data as the till keeps it: code lists, item classes, notices, branches, and their watermarks. */
import { and, asc, count, desc, eq, notInArray } from 'drizzle-orm';
import type { KraMode, MasterList } from '../../src-shared/api';
import type { BranchRecord, CodeClass, ItemClass, KraDateTime, Notice } from '../../src-shared/etims/wire';
import type { LedgerDb, LedgerWriter } from './open';
import { branches, codeClasses, codes, itemClasses, masterDataWatermarks, notices } from './schema';

export interface WatermarkKey {
  environment: KraMode;
  tin: string;
  branchId: string;
}

/** Master data's lists, and the lists addressed to this store (supplier sales, customs imports). */
export type WatermarkList = (typeof masterDataWatermarks.$inferSelect)['list'];

export type CodeRow = typeof codes.$inferSelect;
export type NoticeRow = typeof notices.$inferSelect;

export function watermarkOf(db: LedgerWriter, key: WatermarkKey, list: WatermarkList) {
  return db
    .select({ lastReqDt: masterDataWatermarks.lastReqDt, syncedAt: masterDataWatermarks.syncedAt })
    .from(masterDataWatermarks)
    .where(
      and(
        eq(masterDataWatermarks.environment, key.environment),
        eq(masterDataWatermarks.tin, key.tin),
        eq(masterDataWatermarks.branchId, key.branchId),
        eq(masterDataWatermarks.list, list),
      ),
    )
    .get();
}

export function moveWatermark(db: LedgerWriter, key: WatermarkKey, list: WatermarkList, lastReqDt: KraDateTime, syncedAt: string): void {
  db.insert(masterDataWatermarks)
    .values({ ...key, list, lastReqDt, syncedAt })
    .onConflictDoUpdate({
      target: [masterDataWatermarks.environment, masterDataWatermarks.tin, masterDataWatermarks.branchId, masterDataWatermarks.list],
      set: { lastReqDt, syncedAt },
    })
    .run();
}

const yes = (value: string | null) => value !== 'N';
const flag = (value: string | null) => (value === null ? null : value === 'Y');

/** A class KRA sends again comes whole: a code it no longer lists (a tax class dropped) goes. */
export function upsertCodeClasses(db: LedgerDb, classes: readonly CodeClass[]): void {
  db.transaction((tx) => {
    for (const cls of classes) {
      const row = { classCode: cls.cdCls, name: cls.cdClsNm, description: cls.cdClsDesc, inUse: yes(cls.useYn) };
      tx.insert(codeClasses).values(row).onConflictDoUpdate({ target: codeClasses.classCode, set: row }).run();
      const listed = cls.dtlList.map((detail) => detail.cd);
      tx.delete(codes).where(and(eq(codes.classCode, cls.cdCls), notInArray(codes.code, listed))).run();
      for (const detail of cls.dtlList) {
        const code = {
          classCode: cls.cdCls,
          code: detail.cd,
          name: detail.cdNm,
          description: detail.cdDesc,
          inUse: yes(detail.useYn),
          sortOrder: detail.srtOrd,
          userDefined1: detail.userDfnCd1,
          userDefined2: detail.userDfnCd2,
          userDefined3: detail.userDfnCd3,
        };
        tx.insert(codes).values(code).onConflictDoUpdate({ target: [codes.classCode, codes.code], set: code }).run();
      }
    }
  });
}

export function upsertItemClasses(db: LedgerDb, classes: readonly ItemClass[]): void {
  db.transaction((tx) => {
    for (const cls of classes) {
      const row = { code: cls.itemClsCd, name: cls.itemClsNm, level: cls.itemClsLvl, taxClass: cls.taxTyCd, major: flag(cls.mjrTgYn), inUse: yes(cls.useYn) };
      tx.insert(itemClasses).values(row).onConflictDoUpdate({ target: itemClasses.code, set: row }).run();
    }
  });
}

export function upsertNotices(db: LedgerDb, list: readonly Notice[]): void {
  db.transaction((tx) => {
    for (const notice of list) {
      const row = { noticeNo: notice.noticeNo, title: notice.title, content: notice.cont, url: notice.dtlUrl, registeredBy: notice.regrNm, registeredAt: notice.regDt };
      tx.insert(notices).values(row).onConflictDoUpdate({ target: notices.noticeNo, set: row }).run();
    }
  });
}

export function upsertBranches(db: LedgerDb, list: readonly BranchRecord[]): void {
  db.transaction((tx) => {
    for (const branch of list) {
      const row = {
        tin: branch.tin,
        branchId: branch.bhfId,
        name: branch.bhfNm,
        open: branch.bhfSttsCd === null ? null : branch.bhfSttsCd === '01',
        county: branch.prvncNm,
        subCounty: branch.dstrtNm,
        locality: branch.sctrNm,
        location: branch.locDesc,
        manager: branch.mgrNm,
        managerPhone: branch.mgrTelNo,
        managerEmail: branch.mgrEmail,
        headOffice: flag(branch.hqYn),
      };
      tx.insert(branches).values(row).onConflictDoUpdate({ target: [branches.tin, branches.branchId], set: row }).run();
    }
  });
}

const TABLES = { codes, itemClasses, notices, branches } as const;

export function countOf(db: LedgerDb, list: MasterList): number {
  return db.select({ n: count() }).from(TABLES[list]).get()?.n ?? 0;
}

export function codesOf(db: LedgerDb, classCode: string): CodeRow[] {
  return db.select().from(codes).where(eq(codes.classCode, classCode)).orderBy(asc(codes.sortOrder), asc(codes.code)).all();
}

export function allNotices(db: LedgerDb): NoticeRow[] {
  return db.select().from(notices).orderBy(desc(notices.noticeNo)).all();
}
