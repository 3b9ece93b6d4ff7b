/**
 * The till's link to KRA: which server (in demo mode, the simulator started as its own process),
 * this till's initialised device, the tax rates of that environment, and the calls the outbox makes.
 */
import { join } from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import type { KraMode } from '../../src-shared/api';
import type { Clock } from '../../src-shared/clock';
import { DEMO_DEVICE_SERIALS, DEMO_TAXPAYER } from '../../src-shared/etims/demo';
import type { Profile } from '../../src-shared/etims/endpoints';
import { centsToWire } from '../../src-shared/money';
import { DEMO_CATALOGUE } from '../catalog/demo-catalogue';
import { launchSimulator, type SimulatorProcess } from '../kra-sim/launch';
import type { KraExchangeLog } from '../ledger/kra-exchanges';
import { deviceFor, saveDevice, type DeviceRow } from '../ledger/devices';
import type { LedgerDb } from '../ledger/open';
import { items } from '../ledger/schema';
import { readSetting, writeSetting } from '../ledger/settings';
import { createOscuClient, type OscuClient } from '../oscu/client';
import { createHttpClient } from '../oscu/http';
import { salesPort } from '../oscu/sales-port';
import type { GatewayCredentials } from '../oscu/transport';
import type { SalesPort } from './port';

export interface KraSettings {
  mode: KraMode;
  /** KRA's base URL for the profile (or the simulator's). Demo mode without one starts the simulator. */
  baseUrl?: string;
  profile?: Profile;
  tin?: string;
  bhfId?: string;
  /** The device serial registered with KRA for this till. */
  serial?: string;
  /** Demo mode in a packaged app: the bundled simulator script to start. */
  simulatorEntry?: string;
  /** The gateway profile's OAuth client and Apigee app. */
  gateway?: GatewayCredentials;
  timeoutsMs?: Partial<Record<'init' | 'write' | 'read' | 'bulkRead', number>>;
}

export interface KraLink {
  /** Where KRA (or the simulator) answers: its origin serves the receipt verification page. */
  origin: string;
  device: DeviceRow;
  /** The typed OSCU client for this device. */
  client: OscuClient;
  sales: SalesPort;
  /** Abandons requests in flight and stops the demo simulator. */
  close(): Promise<void>;
}

export async function connectKra(deps: {
  db: LedgerDb;
  /** Where every exchange with KRA is recorded. */
  exchanges: KraExchangeLog;
  clock: Clock;
  mode: KraMode;
  settings: KraSettings | undefined;
  dataDir: string;
  /** KRA's own time, whenever one of its answers says it. */
  onKraTime?: (at: Date) => void;
}): Promise<KraLink> {
  const { db, mode } = deps;
  const settings = deps.settings ?? { mode };
  if (!settings.baseUrl && mode !== 'demo') throw new Error(`no KRA address configured for ${mode}`);
  const simulator: SimulatorProcess | null = settings.baseUrl ? null : await launchDemoSimulator(db, deps.dataDir, settings.simulatorEntry);
  const baseUrl = settings.baseUrl ?? simulator!.directBase;
  // Closing the till abandons requests in flight (a sale's stays `unknown` and is settled next time).
  const http = createHttpClient();
  const clientFor = (device: { tin: string; branchId: string; cmcKey?: string }): OscuClient =>
    createOscuClient({
      http: http.send,
      now: () => deps.clock.now(),
      record: (exchange) => deps.exchanges.record(exchange),
      ...(deps.onKraTime ? { kraTime: deps.onKraTime } : {}),
      target: {
        baseUrl,
        profile: settings.profile ?? 'direct',
        headers: { tin: device.tin, bhfId: device.branchId, ...(device.cmcKey ? { cmcKey: device.cmcKey } : {}) },
        ...(settings.gateway ? { gateway: settings.gateway } : {}),
      },
      ...(settings.timeoutsMs ? { timeouts: settings.timeoutsMs } : {}),
    });

  // Only a till that has never met KRA waits for it here: a registered one sells offline at once.
  const device = deviceFor(db, mode) ?? (await initialise(deps, settings, clientFor));
  const client = clientFor(device);
  if (mode === 'demo') await registerDemoItems(db, client);

  return {
    origin: new URL(baseUrl).origin,
    device,
    client,
    sales: salesPort(client, deps.clock),
    close: async () => {
      http.close();
      await simulator?.stop();
    },
  };
}

const DEMO_SIMULATOR_PORT = 'demo.simulatorPort';

/**
 * Demo receipts' QR codes open the simulator's verification page, so it keeps its port: the one it
 * had last time if that is free, else any free port, remembered for next time.
 */
async function launchDemoSimulator(db: LedgerDb, dataDir: string, entry: string | undefined): Promise<SimulatorProcess> {
  const options = { stateFile: join(dataDir, 'kra-sim-demo.sqlite'), seed: 'mauzo-demo', ...(entry ? { entry } : {}) };
  const remembered = Number(readSetting(db, DEMO_SIMULATOR_PORT) ?? 0);
  const simulator = remembered
    ? await launchSimulator({ ...options, port: remembered }).catch(() => launchSimulator(options))
    : await launchSimulator(options);
  writeSetting(db, DEMO_SIMULATOR_PORT, new URL(simulator.url).port);
  return simulator;
}

async function initialise(
  deps: { db: LedgerDb; clock: Clock; mode: KraMode },
  settings: KraSettings,
  clientFor: (device: { tin: string; branchId: string }) => OscuClient,
): Promise<DeviceRow> {
  const tin = settings.tin ?? DEMO_TAXPAYER.tin;
  const branchId = settings.bhfId ?? '00';
  const serialNo = settings.serial ?? DEMO_DEVICE_SERIALS[0]!;
  const answer = await clientFor({ tin, branchId }).selectInitOsdcInfo({ tin, bhfId: branchId, dvcSrlNo: serialNo });
  if (!answer.ok) {
    const why = answer.kind === 'empty' ? 'no device information' : `${answer.code} ${answer.message}`;
    throw new Error(`KRA did not register device ${serialNo}: ${why}`);
  }
  const { info } = answer.data;
  return saveDevice(deps.db, {
    environment: deps.mode,
    tin,
    branchId,
    serialNo,
    sdcId: info.sdcId,
    mrcNo: info.mrcNo,
    deviceId: info.dvcId,
    cmcKey: info.cmcKey,
    taxpayerName: info.taxprNm ?? '',
    branchName: info.bhfNm ?? '',
    initialisedAt: deps.clock.now().toISOString(),
  });
}

/**
 * Demo mode's own shelf must be known to KRA before it can be sold (spec 2.10). KRA takes new item
 * codes in the order of their 7-digit sequence, so they go in that order, and a refusal stops the
 * rest until the next start rather than putting every later code out of sequence. Items a manager
 * creates go through the jobs queue like any other store's.
 */
async function registerDemoItems(db: LedgerDb, client: OscuClient): Promise<void> {
  const shelf = DEMO_CATALOGUE.map((item) => item.code);
  const pending = db.select().from(items).where(and(eq(items.registered, false), inArray(items.code, shelf))).all();
  // KRA takes a taxpayer's item codes in the order of their 7-digit sequence (spec 3.9).
  pending.sort((a, b) => a.code.slice(-7).localeCompare(b.code.slice(-7)));
  for (const item of pending) {
    const answer = await client.saveItem({
      itemCd: item.code,
      itemClsCd: item.classCode,
      itemTyCd: item.itemType,
      itemNm: item.name,
      itemStdNm: null,
      orgnNatCd: item.originCountry,
      pkgUnitCd: item.packagingUnit,
      qtyUnitCd: item.quantityUnit,
      taxTyCd: item.taxClass,
      btchNo: null,
      bcd: item.barcode,
      dftPrc: centsToWire(item.unitPrice),
      isrcAplcbYn: 'N',
      useYn: 'Y',
      regrId: 'mauzo',
      regrNm: 'Mauzo demo',
      modrId: 'mauzo',
      modrNm: 'Mauzo demo',
    });
    if (!answer.ok) return;
    db.update(items).set({ registered: true }).where(eq(items.code, item.code)).run();
  }
}
