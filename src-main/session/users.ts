/**
 * The till's users: a manager adds cashiers, supervisors and managers, each with a PIN of their own,
 * and KRA hears of each as a branch user (saveBhfUser, spec 2.8) through the jobs queue.
 */
import { randomBytes } from 'node:crypto';
import { ApiError, type BranchUser, type UserSummary } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';
import type { BranchUserRequest } from '../../src-shared/etims/wire';
import { sessionOf, sourceOf, type Handlers } from '../api/handlers';
import { activeManagers, addUser, allUsers, latestUserJobs, userJobSubject } from '../ledger/branch-users';
import { jobById, queueJob, type KraJobRow } from '../ledger/kra-jobs';
import type { LedgerDb, LedgerWriter } from '../ledger/open';
import { appendAudit } from '../ledger/audit';
import { setUserPin, setUserStanding, userById, type UserRow } from '../ledger/users';
import { jobStatusOf, registrarOf, type Registrar } from '../purchases/kra';
import type { StaffPins } from './pins';
import type { Sessions } from './sessions';

export interface UserDeps {
  db: LedgerDb;
  clock: Clock;
  pins: StaffPins;
  sessions: Sessions;
  /** A KRA job was queued: wake the sender. */
  onQueued: () => void;
}

export function userHandlers(deps: UserDeps): Handlers<'users.list' | 'users.create' | 'users.resetPin' | 'users.update'> {
  const { db, clock, pins, sessions } = deps;
  return {
    'users.list': () => {
      const jobs = latestUserJobs(db);
      return allUsers(db).map((user) => branchUser(user, jobs.get(user.id)));
    },
    'users.create': ({ name, role, pin }, ctx) => {
      const manager = sessionOf(ctx).user;
      const salted = pins.fresh(pin, sourceOf(ctx), manager.id, null, 'pin');
      const at = clock.now();
      const { user, jobId } = db.transaction((tx) => {
        const created = addUser(tx, { name, role, ...salted, createdAt: at.toISOString() });
        const jobId = tellKra(tx, created, manager, at);
        appendAudit(tx, { at, userId: manager.id, action: 'users.create', detail: { userId: created.id, name, role } });
        return { user: created, jobId };
      });
      deps.onQueued();
      return branchUser(user, jobById(db, jobId));
    },
    'users.resetPin': ({ userId, pin }, ctx) => {
      const manager = sessionOf(ctx).user;
      const user = existing(db, userId);
      const salted = pins.fresh(pin, sourceOf(ctx), manager.id, user.id, 'pin');
      db.transaction((tx) => {
        setUserPin(tx, user.id, salted);
        appendAudit(tx, { at: clock.now(), userId: manager.id, action: 'users.resetPin', detail: { userId } });
      });
      sessions.closeUser(user.id);
      return branchUser(user, latestUserJobs(db).get(user.id));
    },
    'users.update': ({ userId, role, active }, ctx) => {
      const manager = sessionOf(ctx).user;
      const at = clock.now();
      const { user, jobId } = db.transaction((tx) => {
        const before = existing(tx, userId);
        const after = { role: role ?? before.role, active: active ?? before.active };
        if (isActiveManager(before) && !isActiveManager(after) && activeManagers(tx) <= 1) {
          throw new ApiError('LAST_MANAGER', 'userId: this is the last active manager; make someone else a manager first', { field: 'userId' });
        }
        const updated = setUserStanding(tx, userId, after);
        const jobId = before.active === updated.active ? null : tellKra(tx, updated, manager, at);
        appendAudit(tx, { at, userId: manager.id, action: 'users.update', detail: { userId, from: { role: before.role, active: before.active }, to: after } });
        return { user: updated, jobId };
      });
      if (jobId !== null) deps.onQueued();
      sessions.closeUser(user.id);
      return branchUser(user, latestUserJobs(db).get(user.id));
    },
  };
}

function existing(db: LedgerWriter, userId: number): UserRow {
  const user = userById(db, userId);
  if (!user || user.role === 'installer') throw new ApiError('USER_NOT_FOUND', `userId: no staff member ${userId}`, { field: 'userId' });
  return user;
}

function isActiveManager(user: { role: string; active: boolean }): boolean {
  return user.active && user.role === 'manager';
}

/** KRA hears of each user, and of each one retired or brought back (useYn), as a branch user. */
function tellKra(tx: LedgerWriter, user: UserRow, manager: UserSummary, at: Date): number {
  const payload = branchUserRequest(user, registrarOf(manager));
  return queueJob(tx, { endpoint: 'saveBhfUser', subject: userJobSubject(user.id), payload: { ...payload } }, at);
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
