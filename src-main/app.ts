/**
 * The composition root: builds every service once. The Electron shell and the headless host both
 * call createApp and talk to the engine only through the returned dispatch and events.
 */
import { ApiError, type KraMode, type SyncAlert } from '../src-shared/api';
import { systemClock, type Clock } from '../src-shared/clock';
import { fromKraDateTime } from '../src-shared/etims/time';
import { DEFAULT_TAX_RATES } from '../src-shared/tax';
import { createDispatch, type Dispatch } from './api/dispatch';
import { AppEvents } from './api/events';
import type { AllHandlers } from './api/handlers';
import { seedDemoCatalogue } from './catalog/demo-catalogue';
import { catalogHandlers } from './catalog/handlers';
import { customerHandlers } from './catalog/customers';
import { itemImportHandlers } from './catalog/item-import';
import { itemHandlers, itemJobEffects } from './catalog/items';
import { masterDataHandlers, MasterDataSync, taxRatesFromLedger } from './catalog/master-data';
import { intervalTicker, MasterDataSchedule } from './catalog/master-data-schedule';
import { catalogIndexOf } from './catalog/search';
import type { JobEndpoint } from './ledger/kra-jobs';
import { deviceFor } from './ledger/devices';
import { KraExchangeLog } from './ledger/kra-exchanges';
import { checkStoreFolder, lockDataDir, markStore } from './ledger/data-dir';
import { DEFAULT_DISK_MARGIN_MB, DiskGuard, statfsProbe, type FreeSpaceProbe } from './ledger/disk';
import { brokenChainAlert, checkLedgerAtStart } from './ledger/integrity';
import { openLedger, type LedgerDb } from './ledger/open';
import { unsignedSummary } from './ledger/outbox';
import { latestCommittedAt, latestSdcDateTime } from './ledger/sales';
import { readSetting, writeSetting } from './ledger/settings';
import { printHandlers } from './print/handlers';
import { importHandlers, importJobEffects } from './purchases/imports';
import { purchaseHandlers, purchaseJobEffects } from './purchases/purchases';
import { createPrinterFactory, lpCommand, type PrinterFactory } from './print/transports';
import { ledgerHandlers } from './security/handlers';
import { newPinSalt } from './security/pin';
import { Approvals, approvalHandlers } from './session/approval';
import { seedDemoUsers } from './session/demo-users';
import { sessionHandlers } from './session/handlers';
import { Sessions, type LockoutPolicy } from './session/sessions';
import { userHandlers } from './session/users';
import { KraContact } from './sync/contact';
import { syncHandlers, syncStatus } from './sync/handlers';
import { connectKra, type KraLink, type KraSettings } from './sync/link';
import type { BackoffPolicy } from './sync/backoff';
import { JobWorker, type JobEffects } from './sync/jobs';
import { throttle } from './sync/throttle';
import { SyncWorker, type LedgerBehind } from './sync/worker';
import { stockHandlers } from './stock/handlers';
import { stockJobEffects } from './stock/movements';
import { systemHandlers } from './system/handlers';
import { tillHandlers } from './till/handlers';
import { holdHandlers } from './till/holds';
import { storeIdentity } from './till/store';
import { assertMaySell } from './watchdog/guard';

export type { KraSettings };

export interface AppOptions {
  dataDir: string;
  migrationsFolder: string;
  clock?: Clock;
  kra?: KraSettings;
  version?: string;
  lockout?: LockoutPolicy;
  offlineLimitSeconds?: number;
  kraClockToleranceSeconds?: number;
  backoff?: BackoffPolicy;
  /** How receipts reach printers; tests pass their own. */
  printers?: PrinterFactory;
  log?: (message: string, error?: unknown) => void;
  /** A ledger backup to copy into a data folder whose ledger is missing or empty (never over one with content). */
  restoreFrom?: string;
  /** The senders wait for startSenders(): the host calls it once it holds its port. */
  deferSenders?: boolean;
  /** Free bytes in the data folder; tests pass their own. */
  freeSpace?: FreeSpaceProbe;
}

export interface App {
  dispatch: Dispatch;
  events: AppEvents;
  /** Settles once the till has its KRA device (in demo mode: the simulator started and initialised). */
  ready: Promise<void>;
  /** With deferSenders: starts sending to KRA (at once, or as soon as the till has its KRA device). */
  startSenders(): void;
  close(): Promise<void>;
}

export const DEFAULT_OFFLINE_LIMIT_SECONDS = 24 * 60 * 60;

export function createApp(options: AppOptions): App {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((message, error) => console.error(message, error ?? ''));
  const mode: KraMode = options.kra?.mode ?? 'demo';
  const lock = lockDataDir(options.dataDir);
  let db: LedgerDb;
  let pinSalt: string;
  try {
    checkStoreFolder(options.dataDir, options.restoreFrom);
    db = openLedger(options.dataDir, options.migrationsFolder);
    pinSalt = ensurePinSalt(db);
    if (mode === 'demo') {
      seedDemoUsers(db, pinSalt, clock.now());
      seedDemoCatalogue(db);
    }
    markStore(options.dataDir, clock.now());
  } catch (error) {
    lock.release();
    throw error;
  }
  /** A damaged ledger found at start or by ledger.verify: selling stops. */
  let damage: SyncAlert | null = checkLedgerAtStart(db);
  if (damage) log(damage.message);
  const disk = new DiskGuard({
    folder: options.dataDir,
    probe: options.freeSpace ?? statfsProbe,
    marginMb: () => Number(readSetting(db, DISK_MARGIN_SETTING) ?? DEFAULT_DISK_MARGIN_MB),
  });
  const alerts = (): SyncAlert[] => [
    ...(damage ? [damage] : []),
    ...(worker?.halted ? [behindAlert(worker.halted)] : []),
    ...disk.alerts(),
  ];

  const events = new AppEvents();
  const sessions = new Sessions(clock, options.lockout);
  const contact = new KraContact(db, clock);
  let link: KraLink | null = null;
  let worker: SyncWorker | null = null;
  let jobs: JobWorker | null = null;
  /** What each kind of KRA job means here once KRA accepts or refuses it. */
  const jobEffects: Partial<Record<JobEndpoint, JobEffects>> = {};
  Object.assign(jobEffects, itemJobEffects(clock));
  Object.assign(jobEffects, purchaseJobEffects(clock), importJobEffects(clock));
  Object.assign(jobEffects, stockJobEffects({ id: 'mauzo', name: 'Mauzo' }, clock));
  const catalog = catalogIndexOf(db);
  const approvals = new Approvals(db, clock);
  const kraDevice = () => link && { client: link.client, environment: mode, tin: link.device.tin, branchId: link.device.branchId };
  const masterData = new MasterDataSync({ db, clock, link: kraDevice, emit: (event, payload) => events.emit(event, payload) });
  const masterDataSchedule = new MasterDataSchedule({ clock, ticker: intervalTicker, sync: () => masterData.sync(), log });

  const status = () =>
    syncStatus({
      clock,
      contact,
      queue: () => unsignedSummary(db),
      offlineLimitSeconds: options.offlineLimitSeconds ?? DEFAULT_OFFLINE_LIMIT_SECONDS,
      alerts,
    });
  // Also called from timers: whatever goes wrong reading the status is reported, never thrown out of the event loop.
  const publishStatus = () => {
    try {
      events.emit('sync.status', status());
    } catch (error) {
      log('the till status could not be read', error);
    }
  };
  // A draining backlog moves every few milliseconds; the till needs to hear of it a few times a second.
  const publishQueueProgress = throttle(publishStatus, 250);

  const handlers: AllHandlers = {
    ...systemHandlers({ clock, version: options.version ?? '0.0.0', mode }),
    ...sessionHandlers({ db, clock, sessions, pinSalt }),
    ...syncHandlers({
      db,
      clock,
      status,
      onRedriven: () => { worker?.wake(); jobs?.wake(); },
      resync: (userId) => {
        if (!worker) return Promise.reject(new ApiError('SYNC_NOT_STOPPED', 'the till is not sending to KRA yet: there is nothing to resync'));
        return worker.resync(userId).finally(publishStatus);
      },
    }),
    ...ledgerHandlers(db, (verdict) => {
      damage = brokenChainAlert(verdict);
      publishStatus();
    }),
    'settings.storage.get': () => ({ diskMarginMb: Number(readSetting(db, DISK_MARGIN_SETTING) ?? DEFAULT_DISK_MARGIN_MB) }),
    'settings.storage.set': ({ diskMarginMb }) => {
      writeSetting(db, DISK_MARGIN_SETTING, String(diskMarginMb));
      publishStatus();
      return { diskMarginMb };
    },
    ...catalogHandlers({ index: catalog }),
    ...itemHandlers({ db, clock, tin: () => deviceFor(db, mode)?.tin ?? null, onQueued: () => jobs?.wake() }),
    ...itemImportHandlers({ db, clock, tin: () => deviceFor(db, mode)?.tin ?? null, onQueued: () => jobs?.wake() }),
    ...masterDataHandlers({ db, link: kraDevice, sync: masterData }),
    ...customerHandlers({ db, clock, client: () => link?.client ?? null }),
    ...holdHandlers({ db, clock, index: catalog }),
    ...purchaseHandlers({ db, clock, link: kraDevice, taxRates: () => taxRatesFromLedger(db) ?? DEFAULT_TAX_RATES, onQueued: () => jobs?.wake() }),
    ...importHandlers({ db, clock, link: kraDevice, taxRates: () => taxRatesFromLedger(db) ?? DEFAULT_TAX_RATES, onQueued: () => jobs?.wake() }),
    ...userHandlers({ db, clock, pinSalt, onQueued: () => jobs?.wake() }),
    ...stockHandlers({ db, clock, taxRates: () => taxRatesFromLedger(db) ?? DEFAULT_TAX_RATES, onQueued: () => jobs?.wake() }),
    ...approvalHandlers({ db, clock, sessions, pinSalt, approvals }),
    ...printHandlers({
      db,
      clock,
      environment: mode,
      demoVerificationBaseUrl: () => link?.origin ?? '',
      printers: options.printers ?? createPrinterFactory({ systemCommand: lpCommand }),
    }),
    ...tillHandlers({
      db,
      clock,
      taxRates: () => taxRatesFromLedger(db) ?? DEFAULT_TAX_RATES,
      store: () => storeIdentity(db, link?.device ?? null),
      assertMaySell: () => {
        if (damage) throw new ApiError(damage.code, damage.message, { params: damage.params });
        disk.assertRoom();
        if (!link) throw new ApiError('DEVICE_NOT_INITIALISED', 'this till has no KRA device yet');
        assertMaySell(sellingConditions(db, clock, status().state, options.kraClockToleranceSeconds ?? 300));
      },
      consumeApproval: (token, cashier) => approvals.consume(token, cashier.id),
      onCommitted: () => {
        worker?.wake();
        publishStatus();
      },
    }),
  };

  const exchanges = new KraExchangeLog(db, (error) => {
    disk.translate(error);
    log('KRA exchanges could not be written to the ledger', error);
  });
  let sendersAllowed = !options.deferSenders;
  const startSenders = () => {
    if (!sendersAllowed || !worker || !jobs) return;
    worker.start();
    jobs.start();
    masterDataSchedule.start();
    publishStatus();
  };
  const ready = connectKra({ db, exchanges, clock, mode, settings: options.kra, dataDir: options.dataDir })
    .then((connected) => {
      link = connected;
      worker = new SyncWorker({
        db,
        clock,
        kra: connected.sales,
        contact,
        ...(options.backoff ? { backoff: options.backoff } : {}),
        onSigned: (saleId, receiptNo) => {
          events.emit('sale.signed', { saleId, receiptNo });
          jobs?.wake();
        },
        onChange: publishQueueProgress,
        onHalted: publishStatus,
        log: (message) => log(message),
      });
      jobs = new JobWorker({
        db,
        clock,
        client: connected.client,
        contact,
        effects: jobEffects,
        ...(options.backoff ? { backoff: options.backoff } : {}),
        log: (message) => log(message),
      });
      startSenders();
      // Build the search index now rather than on the cashier's first keystroke (about 0.6 s at 50,000 items).
      catalog.lookup('');
    })
    .catch((error: unknown) => log('could not reach KRA to set up this till', error));

  return {
    dispatch: createDispatch({
      handlers,
      sessions,
      onInternalError: (method, e) => log(`${method} failed`, e),
      translateError: (e) => disk.translate(e),
    }),
    events,
    ready,
    startSenders: () => {
      sendersAllowed = true;
      startSenders();
    },
    close: async () => {
      await ready;
      await link?.close();
      await masterDataSchedule.stop();
      await worker?.stop();
      await jobs?.stop();
      publishQueueProgress.cancel();
      exchanges.close();
      db.$client.close();
      lock.release();
    },
  };
}

function sellingConditions(db: LedgerDb, clock: Clock, state: ReturnType<typeof syncStatus>['state'], tolerance: number) {
  const sdc = latestSdcDateTime(db);
  return {
    now: clock.now(),
    state,
    latestCommittedAt: latestCommittedAt(db),
    latestKraTime: sdc ? fromKraDateTime(sdc) : null,
    kraClockToleranceSeconds: tolerance,
  };
}

const DISK_MARGIN_SETTING = 'storage.diskMarginMb';

function behindAlert(behind: LedgerBehind): SyncAlert {
  return {
    code: 'LEDGER_BEHIND_KRA',
    message: `this till's ledger is behind KRA: invoice ${behind.invcNo} belongs to another sale; nothing is sent until a manager resyncs from KRA (sync.resync)`,
    params: { invcNo: behind.invcNo, receiptNo: behind.receiptNo },
  };
}

function ensurePinSalt(db: LedgerDb): string {
  const existing = readSetting(db, 'security.pinSalt');
  if (existing) return existing;
  const salt = newPinSalt();
  writeSetting(db, 'security.pinSalt', salt);
  return salt;
}
