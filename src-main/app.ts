/**
 * The composition root: builds every service once. The Electron shell and the headless host both
 * call createApp and talk to the engine only through the returned dispatch and events.
 */
import { ApiError, type KraMode, type ReportStore, type SyncAlert } from '../src-shared/api';
import { systemClock, type Clock } from '../src-shared/clock';
import { createDispatch, type Dispatch } from './api/dispatch';
import { AppEvents } from './api/events';
import { sessionOf, type AllHandlers } from './api/handlers';
import { seedDemoCatalogue, stockDemoShelf } from './catalog/demo-catalogue';
import { catalogHandlers } from './catalog/handlers';
import { customerHandlers } from './catalog/customers';
import { itemImportHandlers } from './catalog/item-import';
import { itemHandlers, itemJobEffects } from './catalog/items';
import { masterDataHandlers, MasterDataSync } from './catalog/master-data';
import { environmentTaxRates, taxRateHandlers } from './catalog/tax-rates';
import { intervalTicker, MasterDataSchedule } from './catalog/master-data-schedule';
import { catalogIndexOf } from './catalog/search';
import type { JobEndpoint } from './ledger/kra-jobs';
import { deviceFor, type DeviceRow } from './ledger/devices';
import { codesOf } from './ledger/master-data';
import { KraExchangeLog } from './ledger/kra-exchanges';
import { checkStoreFolder, lockDataDir, markStore } from './ledger/data-dir';
import { DEFAULT_DISK_MARGIN_MB, DiskGuard, statfsProbe, type FreeSpaceProbe } from './ledger/disk';
import { brokenChainAlert, checkLedgerAtStart } from './ledger/integrity';
import { openLedger, type LedgerDb } from './ledger/open';
import { unsignedSummary } from './ledger/outbox';
import { readSetting, writeSetting } from './ledger/settings';
import { printHandlers } from './print/handlers';
import { PrintService } from './print/service';
import { reportHandlers } from './reports/handlers';
import { importHandlers, importJobEffects } from './purchases/imports';
import { purchaseHandlers, purchaseJobEffects } from './purchases/purchases';
import { createPrinterFactory, lpCommand, type PrinterFactory } from './print/transports';
import { ledgerHandlers } from './security/handlers';
import { newPinSalt } from './security/pin';
import { PinGuard, type LockoutPolicy } from './security/pin-guard';
import { Approvals, approvalHandlers } from './session/approval';
import { seedDemoUsers } from './session/demo-users';
import { sessionHandlers } from './session/handlers';
import { StaffPins } from './session/pins';
import { Sessions } from './session/sessions';
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
import { requireOpenShift, shiftHandlers } from './till/shifts';
import { storeIdentity } from './till/store';
import { journalTimes, reanchorClock } from './watchdog/anchor';
import { assertMaySell } from './watchdog/guard';

export type { KraSettings };

export interface AppOptions {
  dataDir: string;
  migrationsFolder: string;
  clock?: Clock;
  kra?: KraSettings;
  version?: string;
  lockout?: LockoutPolicy;
  /** A session unused this long asks for the PIN again (default 15 minutes). */
  sessionIdleSeconds?: number;
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
      seedDemoUsers(db, clock.now());
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
  const sessions = new Sessions(clock, options.sessionIdleSeconds);
  const pins = new StaffPins(db, new PinGuard(db, clock, options.lockout), pinSalt);
  const contact = new KraContact(db, clock);
  const clockTolerance = options.kraClockToleranceSeconds ?? 300;
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

  const printDeps = {
    db,
    clock,
    environment: mode,
    demoVerificationBaseUrl: () => link?.origin ?? '',
    printers: options.printers ?? createPrinterFactory({ systemCommand: lpCommand }),
  };
  const printing = new PrintService(printDeps);
  const tillId = () => storeIdentity(db, link?.device ?? null).tillId;

  const handlers: AllHandlers = {
    ...systemHandlers({ clock, version: options.version ?? '0.0.0', mode }),
    ...sessionHandlers({ db, clock, sessions, pins }),
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
    'clock.reanchor': (_input, ctx) =>
      reanchorClock({ db, clock, kraTimeNow: () => (contact.reachable ? contact.kraTimeNow : null), toleranceSeconds: clockTolerance }, sessionOf(ctx).user),
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
    ...taxRateHandlers({ db, clock, environment: mode }),
    ...customerHandlers({ db, clock, client: () => link?.client ?? null }),
    ...holdHandlers({ db, clock, index: catalog }),
    ...purchaseHandlers({ db, clock, link: kraDevice, taxRates: () => environmentTaxRates(db, mode), onQueued: () => jobs?.wake() }),
    ...importHandlers({ db, clock, link: kraDevice, taxRates: () => environmentTaxRates(db, mode), onQueued: () => jobs?.wake() }),
    ...userHandlers({ db, clock, pins, sessions, onQueued: () => jobs?.wake() }),
    ...stockHandlers({ db, clock, taxRates: () => environmentTaxRates(db, mode), onQueued: () => jobs?.wake() }),
    ...approvalHandlers({ db, clock, pins, approvals }),
    ...printHandlers(printDeps, printing),
    ...shiftHandlers({ db, clock, tillId }),
    ...reportHandlers({ db, clock, printing, store: () => reportStore(db, mode, link?.device ?? null) }),
    ...tillHandlers({
      db,
      clock,
      taxRates: () => environmentTaxRates(db, mode),
      store: () => storeIdentity(db, link?.device ?? null),
      assertMaySell: () => {
        if (damage) throw new ApiError(damage.code, damage.message, { params: damage.params });
        disk.assertRoom();
        if (!link) throw new ApiError('DEVICE_NOT_INITIALISED', 'this till has no KRA device yet');
        assertMaySell(sellingConditions(db, clock, contact, status().state, clockTolerance));
        requireOpenShift(db, tillId());
      },
      consumeApproval: (token, use) => approvals.consume(token, use),
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
  const ready = connectKra({ db, exchanges, clock, mode, settings: options.kra, dataDir: options.dataDir, onKraTime: (at) => contact.heardKraTime(at) })
    .then(async (connected) => {
      link = connected;
      // Tax rates come only from KRA's code list: a till that has never read it reads it before its first sale.
      if (codesOf(db, '04').length === 0) await masterData.sync(['codes']);
      if (mode === 'demo') stockDemoShelf(db, clock.now(), environmentTaxRates(db, mode));
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
      contact.save();
      exchanges.close();
      db.$client.close();
      lock.release();
    },
  };
}

function sellingConditions(db: LedgerDb, clock: Clock, contact: KraContact, state: ReturnType<typeof syncStatus>['state'], tolerance: number) {
  const { latestCommittedAt, latestKraTime } = journalTimes(db);
  return {
    now: clock.now(),
    state,
    latestCommittedAt,
    latestKraTime,
    kraTimeNow: contact.kraTimeNow,
    kraClockToleranceSeconds: tolerance,
  };
}

/** The store and KRA device an X or Z report names. */
function reportStore(db: LedgerDb, mode: KraMode, connected: DeviceRow | null): ReportStore {
  const device = connected ?? deviceFor(db, mode);
  if (!device) throw new ApiError('DEVICE_NOT_INITIALISED', 'this till has no KRA device yet');
  const store = storeIdentity(db, device);
  return { tradeName: store.tradeName, pin: device.tin, branchId: device.branchId, scuId: device.sdcId, mrcNo: device.mrcNo, tillId: store.tillId };
}

const DISK_MARGIN_SETTING = 'storage.diskMarginMb';

function behindAlert(behind: LedgerBehind): SyncAlert {
  return {
    code: 'LEDGER_BEHIND_KRA',
    message: `this till's ledger is behind KRA: invoice ${behind.invcNo} belongs to another sale; nothing is sent until a manager resyncs from KRA (sync.resync)`,
    params: { invcNo: behind.invcNo, receiptNo: behind.receiptNo },
  };
}

/** The salt of PINs hashed before each user had one of their own (rows with no pin_salt). */
function ensurePinSalt(db: LedgerDb): string {
  const existing = readSetting(db, 'security.pinSalt');
  if (existing) return existing;
  const salt = newPinSalt();
  writeSetting(db, 'security.pinSalt', salt);
  return salt;
}
