/** What purchases, imports and branch users share about KRA: the device link, list pulls, job status. */
import { ApiError, type KraJobStatus } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';
import { toKraDateTime } from '../../src-shared/etims/time';
import type { KraDateTime } from '../../src-shared/etims/wire';
import { FIRST_REQUEST_DT, type MasterDataLink } from '../catalog/master-data';
import { jobById, type KraJobRow } from '../ledger/kra-jobs';
import { moveWatermark, watermarkOf } from '../ledger/master-data';
import type { LedgerDb, LedgerWriter } from '../ledger/open';
import type { OscuResult } from '../oscu/client';
import type { Registrar } from '../stock/movements';

export type { Registrar };

/** The device the till talks to KRA as; null while the till has no device. */
export type KraLinkOf = () => MasterDataLink | null;

/** Who a KRA save names in regrId/regrNm and modrId/modrNm: the person who did it. */
export function registrarOf(user: { id: number; name: string }): Registrar {
  return { id: String(user.id), name: user.name };
}

export function linkOrFail(link: KraLinkOf): MasterDataLink {
  const device = link();
  if (!device) throw new ApiError('DEVICE_NOT_INITIALISED', 'this till has no KRA device yet: register it before talking to KRA');
  return device;
}

/**
 * Pulls a KRA list from its watermark and stores what came, moving the watermark to KRA's resultDt
 * in the same transaction: a failure leaves both as they were, to be asked again.
 */
export async function pullList<T, R>(
  deps: { db: LedgerDb; clock: Clock; link: KraLinkOf },
  list: 'purchases' | 'imports',
  request: (device: MasterDataLink, lastReqDt: KraDateTime) => Promise<OscuResult<T>>,
  records: (data: T) => readonly R[],
  store: (tx: LedgerWriter, record: R, at: Date) => boolean,
): Promise<{ listed: number; added: number }> {
  const { db, clock } = deps;
  const device = linkOrFail(deps.link);
  const key = { environment: device.environment, tin: device.tin, branchId: device.branchId };
  const answer = await request(device, watermarkOf(db, key, list)?.lastReqDt ?? FIRST_REQUEST_DT);
  if (!answer.ok && answer.kind === 'transport') throw unreachable(answer.message);
  if (!answer.ok && answer.kind === 'rejected') throw rejected(answer.code, answer.message);
  const listed = answer.ok ? records(answer.data) : [];
  const at = clock.now();
  return db.transaction((tx) => {
    const added = listed.filter((record) => store(tx, record, at)).length;
    moveWatermark(tx, key, list, answer.resultDt ?? toKraDateTime(at), at.toISOString());
    return { listed: listed.length, added };
  });
}

export function jobStatusOf(job: KraJobRow | undefined): KraJobStatus | null {
  if (!job) return null;
  const state = job.state === 'done' ? 'accepted' : job.state === 'parked' ? 'refused' : 'waiting';
  return { state, number: job.number, error: job.lastError };
}

export function jobStatus(db: LedgerDb, jobId: number | null): KraJobStatus | null {
  return jobId === null ? null : jobStatusOf(jobById(db, jobId));
}

function unreachable(reason: string): ApiError {
  return new ApiError('KRA_UNREACHABLE', `KRA could not be reached: ${reason}`, { params: { reason } });
}

function rejected(kraCode: string, kraMessage: string): ApiError {
  return new ApiError('KRA_REJECTED', `KRA refused it (${kraCode}): ${kraMessage}`, { params: { kraCode, kraMessage } });
}
