/**
 * What KRA keeps: taxpayers and branches, registered serials and initialised devices, items, branch
 * customers, users and insurers, stock per item, stock movements, sales with their signatures,
 * purchases, suppliers' sales to each PIN, customs imports, notices, gateway tokens and counters.
 * Wire payloads are kept as received (KRA stores wire data); times are epoch milliseconds.
 */
import type { KnownBranch, KnownPartner, KnownTaxpayer } from '../../src-shared/etims/demo';
import type { SimConfig } from './protocol';
import type { Collection, Store } from './store';

export type Body = Record<string, unknown>;

export interface TaxpayerRecord extends Omit<KnownTaxpayer, 'branches'> {
  county: string;
  subCounty: string;
  locality: string;
  modifiedAt: number;
}

export interface BranchRecord extends KnownBranch {
  tin: string;
  open: boolean;
  modifiedAt: number;
}

export interface SerialRecord {
  serial: string;
  tin: string;
  /** null: any branch of the taxpayer. */
  bhfId: string | null;
}

export interface DeviceRecord {
  serial: string;
  tin: string;
  bhfId: string;
  number: number;
  dvcId: string;
  sdcId: string;
  mrcNo: string;
  cmcKey: string;
  initialisedAt: number;
  /** curRcptNo per receipt type. */
  receiptCounters: Record<string, number>;
  totRcptNo: number;
}

export interface SaleRecord {
  tin: string;
  bhfId: string;
  invcNo: number;
  orgInvcNo: number;
  rcptTyCd: 'S' | 'R';
  trdInvcNo: string;
  totAmt: number;
  custTin: string | null;
  deviceSerial: string;
  curRcptNo: number;
  totRcptNo: number;
  rcptSign: string;
  intrlData: string;
  sdcDateTime: string;
  /** Order of acceptance across the simulator. */
  sequence: number;
  receivedAt: number;
  modifiedAt: number;
  body: Body;
}

export interface ItemRecord {
  tin: string;
  regBhfId: string;
  itemCd: string;
  body: Body;
  modifiedAt: number;
}

/** A record of a branch: a customer, user, insurer, item composition, purchase or stock movement. */
export interface BranchEntry {
  tin: string;
  bhfId: string;
  body: Body;
  modifiedAt: number;
}

export interface StockRecord {
  tin: string;
  bhfId: string;
  itemCd: string;
  /** Running sum of insertStockIO quantities, in hundredths. */
  quantity: number;
  /** What saveStockMaster last declared, in hundredths. */
  declared: number | null;
  modifiedAt: number;
}

/** A sale a supplier declared with this buyer's PIN (selectTrnsPurchaseSalesList). */
export interface SupplierSaleRecord {
  buyerTin: string;
  body: Body;
  modifiedAt: number;
}

export interface ImportRecord {
  tin: string;
  body: Body;
  modifiedAt: number;
}

export interface NoticeRecord {
  noticeNo: number;
  title: string;
  content: string;
  registeredBy: string;
  modifiedAt: number;
}

export interface TokenRecord {
  token: string;
  expiresAt: number;
}

export interface ClockRecord {
  pinnedAt: number | null;
  offsetMs: number;
}

export const key = (...parts: (string | number)[]): string => parts.join('|');

export class SimState {
  readonly taxpayers: Collection<TaxpayerRecord>;
  readonly branches: Collection<BranchRecord>;
  readonly serials: Collection<SerialRecord>;
  readonly devices: Collection<DeviceRecord>;
  readonly sales: Collection<SaleRecord>;
  readonly items: Collection<ItemRecord>;
  readonly compositions: Collection<BranchEntry>;
  readonly customers: Collection<BranchEntry>;
  readonly users: Collection<BranchEntry>;
  readonly insurances: Collection<BranchEntry>;
  readonly stock: Collection<StockRecord>;
  readonly stockMoves: Collection<BranchEntry>;
  readonly purchases: Collection<BranchEntry>;
  readonly supplierSales: Collection<SupplierSaleRecord>;
  readonly imports: Collection<ImportRecord>;
  readonly notices: Collection<NoticeRecord>;
  readonly tokens: Collection<TokenRecord>;
  private readonly counters: Collection<number>;
  private readonly meta: Collection<unknown>;

  constructor(store: Store) {
    this.taxpayers = store.collection('taxpayer');
    this.branches = store.collection('branch');
    this.serials = store.collection('serial');
    this.devices = store.collection('device');
    this.sales = store.collection('sale');
    this.items = store.collection('item');
    this.compositions = store.collection('composition');
    this.customers = store.collection('customer');
    this.users = store.collection('user');
    this.insurances = store.collection('insurance');
    this.stock = store.collection('stock');
    this.stockMoves = store.collection('stockMove');
    this.purchases = store.collection('purchase');
    this.supplierSales = store.collection('supplierSale');
    this.imports = store.collection('import');
    this.notices = store.collection('notice');
    this.tokens = store.collection('token');
    this.counters = store.collection('counter');
    this.meta = store.collection('meta');
  }

  counter(name: string): number {
    return this.counters.get(name) ?? 0;
  }

  setCounter(name: string, value: number): void {
    this.counters.put(name, value);
  }

  /** Bumps a counter and returns its new value. */
  next(name: string): number {
    const value = this.counter(name) + 1;
    this.counters.put(name, value);
    return value;
  }

  config(): SimConfig | undefined {
    return this.meta.get('config') as SimConfig | undefined;
  }

  saveConfig(config: SimConfig): void {
    this.meta.put('config', config);
  }

  clock(): ClockRecord | undefined {
    return this.meta.get('clock') as ClockRecord | undefined;
  }

  saveClock(clock: ClockRecord): void {
    this.meta.put('clock', clock);
  }

  codesModifiedAt(): number {
    return (this.meta.get('codesModifiedAt') as number | undefined) ?? 0;
  }

  touchCodes(at: number): void {
    this.meta.put('codesModifiedAt', at);
  }

  taxpayer(tin: string): TaxpayerRecord | undefined {
    return this.taxpayers.get(tin);
  }

  branch(tin: string, bhfId: string): BranchRecord | undefined {
    return this.branches.get(key(tin, bhfId));
  }

  branchesOf(tin: string): BranchRecord[] {
    return this.branches.values().filter((b) => b.tin === tin);
  }

  addTaxpayer(taxpayer: KnownTaxpayer | KnownPartner, at: number): void {
    const head = 'branches' in taxpayer ? taxpayer.branches[0] : undefined;
    this.taxpayers.put(taxpayer.tin, {
      tin: taxpayer.tin,
      name: taxpayer.name,
      businessActivity: 'businessActivity' in taxpayer ? taxpayer.businessActivity : 'Trade',
      county: 'county' in taxpayer ? taxpayer.county : (head?.county ?? ''),
      subCounty: 'subCounty' in taxpayer ? taxpayer.subCounty : (head?.subCounty ?? ''),
      locality: 'locality' in taxpayer ? taxpayer.locality : (head?.locality ?? ''),
      modifiedAt: at,
    });
    if ('branches' in taxpayer) for (const branch of taxpayer.branches) this.addBranch(taxpayer.tin, branch, at);
  }

  addBranch(tin: string, branch: KnownBranch, at: number): BranchRecord {
    return this.branches.put(key(tin, branch.bhfId), { ...branch, tin, open: true, modifiedAt: at });
  }

  deviceFor(tin: string, bhfId: string, cmcKey: string): DeviceRecord | undefined {
    return this.devices.values().find((d) => d.tin === tin && d.bhfId === bhfId && d.cmcKey === cmcKey);
  }

  item(tin: string, itemCd: string): ItemRecord | undefined {
    return this.items.get(key(tin, itemCd));
  }

  stockOf(tin: string, bhfId: string, itemCd: string): StockRecord | undefined {
    return this.stock.get(key(tin, bhfId, itemCd));
  }

  /** The sale with this invcNo, looked up in the configured numbering scope. */
  sale(tin: string, bhfId: string, invcNo: number, scope: SimConfig['invoiceScope']): SaleRecord | undefined {
    if (scope === 'branch') return this.sales.get(key(tin, bhfId, invcNo));
    for (const branch of this.branchesOf(tin)) {
      const found = this.sales.get(key(tin, branch.bhfId, invcNo));
      if (found) return found;
    }
    return undefined;
  }

  salesOf(tin: string, bhfId?: string): SaleRecord[] {
    return this.sales
      .values()
      .filter((s) => s.tin === tin && (bhfId === undefined || s.bhfId === bhfId))
      .sort((a, b) => a.sequence - b.sequence);
  }
}

/** The counter that holds the last accepted number of a sequence in a scope. */
export function sequenceName(sequence: 'sales' | 'purchases' | 'sar', tin: string, bhfId: string, scope: SimConfig['invoiceScope']): string {
  return scope === 'branch' ? key(sequence, tin, bhfId) : key(sequence, tin);
}
