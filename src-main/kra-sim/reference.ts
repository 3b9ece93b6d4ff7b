/**
 * Device initialisation and KRA's reference data: code lists, item classes, branches, notices and
 * the PIN lookup (spec 2.1 - 2.6).
 */
import { CODE_CLASSES, TAX_TYPES, type TaxTypeCode } from '../../src-shared/etims/codes';
import { toKraDateTime } from '../../src-shared/etims/time';
import { changedSince, listed, ok, Rejection, type Call, type Reply } from './context';
import { ITEM_CLASSES, SEEDED_AT } from './seed';
import { communicationKey } from './signatures';
import { key, type BranchRecord, type DeviceRecord } from './state';
import { requireFields } from './validation';

export function selectInitOsdcInfo(call: Call): Reply {
  const { body, state } = call;
  if (call.via === 'gateway') {
    if (typeof body.tin !== 'string' || body.tin === '') throw new Rejection('910', 'Missing Tin');
    if (typeof body.bhfId !== 'string' || body.bhfId === '') throw new Rejection('910', 'Missing BhfId');
  }
  requireFields(body, ['tin', 'bhfId', 'dvcSrlNo'], call.config.strict);
  const tin = String(body.tin);
  const bhfId = String(body.bhfId);
  const serial = String(body.dvcSrlNo);
  const registered = state.serials.get(key(tin, serial));
  const branch = state.branch(tin, bhfId);
  if (!registered || (registered.bhfId !== null && registered.bhfId !== bhfId) || !branch) {
    throw new Rejection('901');
  }
  // A device is (tin, bhfId, serial): the sandbox handed one serial to several test PINs (spec 13.8).
  if (state.devices.get(key(tin, bhfId, serial))) throw new Rejection('902');
  const number = state.next('devices');
  const device = state.devices.put(key(tin, bhfId, serial), {
    serial,
    tin,
    bhfId,
    number,
    dvcId: `99999${String(number).padStart(11, '0')}`,
    sdcId: `KRACU0${String(number).padStart(9, '0')}`,
    mrcNo: `WIS${String(number).padStart(8, '0')}`,
    cmcKey: communicationKey(call.seed, serial, number),
    initialisedAt: call.now.getTime(),
    receiptCounters: {},
    totRcptNo: 0,
  });
  return ok({ info: deviceInfo(call, branch, device) });
}

function deviceInfo(call: Call, branch: BranchRecord, device: DeviceRecord): Record<string, unknown> {
  const taxpayer = call.state.taxpayer(branch.tin);
  return {
    tin: branch.tin,
    taxprNm: taxpayer?.name ?? null,
    bsnsActv: taxpayer?.businessActivity ?? null,
    bhfId: branch.bhfId,
    bhfNm: branch.name,
    bhfOpenDt: branch.openedOn,
    prvncNm: branch.county,
    dstrtNm: branch.subCounty,
    sctrNm: branch.locality,
    locDesc: branch.location,
    hqYn: branch.headOffice ? 'Y' : 'N',
    mgrNm: branch.manager,
    mgrTelNo: branch.managerPhone,
    mgrEmail: branch.managerEmail,
    dvcId: device.dvcId,
    sdcId: device.sdcId,
    mrcNo: device.mrcNo,
    cmcKey: device.cmcKey,
  };
}

export function selectCodeList(call: Call): Reply {
  if (!changedSince(call)(call.state.codesModifiedAt())) return listed('clsList', []);
  const rates = { ...call.config.taxRates, ...call.config.codeListRates };
  const clsList = CODE_CLASSES.map((cls) => ({
    cdCls: cls.id,
    cdClsNm: cls.name,
    cdClsDesc: null,
    useYn: 'Y',
    userDfnNm1: cls.id === '04' ? 'Tax Rate' : null,
    userDfnNm2: null,
    userDfnNm3: null,
    dtlList: cls.codes.filter((code) => cls.id !== '04' || rates[code.code as TaxTypeCode] !== null).map((code, i) => {
      const taxType = cls.id === '04' ? TAX_TYPES.find((t) => t.code === code.code) : undefined;
      return {
        cd: code.code,
        cdNm: code.name,
        cdDesc: code.description ?? code.name,
        useYn: 'Y',
        srtOrd: taxType?.sortOrder ?? i + 1,
        userDfnCd1: taxType ? String(rates[taxType.code] ?? '') : null,
        userDfnCd2: taxType?.label ?? null,
        userDfnCd3: null,
      };
    }),
  }));
  return listed('clsList', clsList);
}

export function selectItemClsList(call: Call): Reply {
  const fresh = changedSince(call)(SEEDED_AT);
  const itemClsList = ITEM_CLASSES.map((c) => ({ itemClsCd: c.code, itemClsNm: c.name, itemClsLvl: c.level, taxTyCd: c.taxType, mjrTgYn: null, useYn: 'Y' }));
  return listed('itemClsList', fresh ? itemClsList : []);
}

export function selectBhfList(call: Call): Reply {
  const since = changedSince(call);
  const bhfList = call.state
    .branchesOf(call.caller.tin)
    .filter((b) => since(b.modifiedAt))
    .map((b) => ({
      tin: b.tin,
      bhfId: b.bhfId,
      bhfNm: b.name,
      bhfSttsCd: b.open ? '01' : '02',
      prvncNm: b.county,
      dstrtNm: b.subCounty,
      sctrNm: b.locality,
      locDesc: b.location,
      mgrNm: b.manager,
      mgrTelNo: b.managerPhone,
      mgrEmail: b.managerEmail,
      hqYn: b.headOffice ? 'Y' : 'N',
    }));
  return listed('bhfList', bhfList);
}

export function selectNoticeList(call: Call): Reply {
  const since = changedSince(call);
  const noticeList = call.state.notices
    .values()
    .filter((n) => since(n.modifiedAt))
    .sort((a, b) => a.noticeNo - b.noticeNo)
    .map((n) => ({
      noticeNo: n.noticeNo,
      title: n.title,
      cont: n.content,
      dtlUrl: `${call.baseUrl}/common/link/ebm/receipt/indexEbmNotice?noticeNo=${n.noticeNo}`,
      regrNm: n.registeredBy,
      regDt: toKraDateTime(new Date(n.modifiedAt)),
    }));
  return listed('noticeList', noticeList);
}

export function selectCustomer(call: Call): Reply {
  requireFields(call.body, ['custmTin'], call.config.strict);
  const taxpayer = call.state.taxpayer(String(call.body.custmTin));
  if (!taxpayer) return listed('custList', []);
  return listed('custList', [
    {
      tin: taxpayer.tin,
      taxprNm: taxpayer.name,
      taxprSttsCd: 'A',
      prvncNm: taxpayer.county,
      dstrtNm: taxpayer.subCounty,
      sctrNm: taxpayer.locality,
      locDesc: null,
    },
  ]);
}
