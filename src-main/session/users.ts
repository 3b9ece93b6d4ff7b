/**
 * The till's users: a manager adds cashiers, supervisors and managers, each with a PIN of their own,
 * and KRA hears of each as a branch user (saveBhfUser, spec 2.8) through the jobs queue.
 */
import { randomBytes } from 'node:crypto';
import { ApiError, type BranchUser } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';
import type { BranchUserRequest } from '../../src-shared/etims/wire';
import { sessionOf, type Handlers } from '../api/handlers';
import { addUser, allUsers, latestUserJobs, userByPinHash, userJobSubject } from '../ledger/branch-users';
import { jobById, queueJob, type KraJobRow } from '../ledger/kra-jobs';
import type { LedgerDb } from '../ledger/open';
import { appendAudit } from '../ledger/audit';
import type { UserRow } from '../ledger/users';
import { jobStatusOf, registrarOf, type Registrar } from '../purchases/kra';
import { hashPin } from '../security/pin';

export interface UserDeps {
  db: LedgerDb;
  clock: Clock;
  pinSalt: string;
  /** A KRA job was queued: wake the sender. */
  onQueued: () => void;
}

export function userHandlers(deps: UserDeps): Handlers<'users.list' | 'users.create'> {
  const { db, clock } = deps;
  return {
    'users.list': () => {
      const jobs = latestUserJobs(db);
      return allUsers(db).map((user) => branchUser(user, jobs.get(user.id)));
    },
    'users.create': ({ name, role, pin }, ctx) => {
      const manager = sessionOf(ctx).user;
      const pinHash = hashPin(pin, deps.pinSalt);
      const at = clock.now();
      const { user, jobId } = db.transaction((tx) => {
        if (userByPinHash(tx, pinHash)) throw new ApiError('PIN_IN_USE', 'pin: someone else already has this PIN; choose a different one', { field: 'pin' });
        const created = addUser(tx, { name, role, pinHash, createdAt: at.toISOString() });
        const payload = branchUserRequest(created, registrarOf(manager));
        const queued = queueJob(tx, { endpoint: 'saveBhfUser', subject: userJobSubject(created.id), payload: { ...payload } }, at);
        appendAudit(tx, { at, userId: manager.id, action: 'users.create', detail: { userId: created.id, name, role } });
        return { user: created, jobId: queued };
      });
      deps.onQueued();
      return branchUser(user, jobById(db, jobId));
    },
  };
}

/**
 * KRA's pwd is required but Mauzo never logs in to KRA as this user, so it gets a random secret,
 * never the PIN nor a hash of it: the request is kept in the ledger (kra_jobs, kra_exchanges) and
 * sent to a third party, and a hash of a 4-8 digit PIN is undone by trying them all.
 */
function branchUserRequest(user: UserRow, registrar: Registrar): BranchUserRequest {
  return {
    userId: String(user.id),
    userNm: user.name,
    pwd: randomBytes(24).toString('base64url'),
    adrs: null,
    cntc: null,
    authCd: null,
    remark: `Mauzo ${user.role}`,
    useYn: user.active ? 'Y' : 'N',
    regrId: registrar.id,
    regrNm: registrar.name,
    modrId: registrar.id,
    modrNm: registrar.name,
  };
}

function branchUser(user: UserRow, job: KraJobRow | undefined): BranchUser {
  return { id: user.id, name: user.name, role: user.role, active: user.active, createdAt: user.createdAt, kra: jobStatusOf(job) };
}
