/**
 * KRA's OSCU endpoints (spec section 2): the direct host's path, the gateway's path, and the kind of
 * call, which decides its timeout. The simulator serves these paths; the client calls them.
 */
export type CallKind = 'init' | 'write' | 'read' | 'bulkRead';

export interface EndpointDef {
  /** Path on the direct host (A), under /etims-api/. */
  direct: string;
  /** Path on the GavaConnect gateway (B), under /etims-oscu/api/v1/. */
  gateway: string;
  kind: CallKind;
}

export const ENDPOINTS = {
  selectInitOsdcInfo: { direct: 'selectInitOsdcInfo', gateway: 'initialize', kind: 'init' },
  selectCodeList: { direct: 'selectCodeList', gateway: 'selectCodeList', kind: 'bulkRead' },
  /** The buyer-PIN lookup; the gateway's /selectCustomerList is something else (spec 13.1). */
  selectCustomer: { direct: 'selectCustomer', gateway: 'customerPinInfo', kind: 'read' },
  /** The branch's own saved customers (saveBhfCustomer), as the gateway lists them (spec 13.1). */
  selectCustomerList: { direct: 'selectCustomerList', gateway: 'selectCustomerList', kind: 'read' },
  selectNoticeList: { direct: 'selectNoticeList', gateway: 'selectNoticeList', kind: 'read' },
  selectItemClsList: { direct: 'selectItemClsList', gateway: 'selectItemClass', kind: 'bulkRead' },
  saveItem: { direct: 'saveItem', gateway: 'saveItem', kind: 'write' },
  selectItemList: { direct: 'selectItemList', gateway: 'itemInfo', kind: 'read' },
  saveItemComposition: { direct: 'saveItemComposition', gateway: 'saveItemComposition', kind: 'write' },
  selectBhfList: { direct: 'selectBhfList', gateway: 'branchList', kind: 'read' },
  saveBhfCustomer: { direct: 'saveBhfCustomer', gateway: 'branchSendCustomerInfo', kind: 'write' },
  saveBhfUser: { direct: 'saveBhfUser', gateway: 'branchUserAccount', kind: 'write' },
  saveBhfInsurance: { direct: 'saveBhfInsurance', gateway: 'branchInsuranceInfo', kind: 'write' },
  selectImportItemList: { direct: 'selectImportItemList', gateway: 'importedItemInfo', kind: 'read' },
  updateImportItem: { direct: 'updateImportItem', gateway: 'updateImportItem', kind: 'write' },
  saveTrnsSalesOsdc: { direct: 'saveTrnsSalesOsdc', gateway: 'sendSalesTransaction', kind: 'write' },
  selectInvoiceDetails: { direct: 'selectInvoiceDetails', gateway: 'selectInvoiceDetail', kind: 'read' },
  selectTrnsPurchaseSalesList: { direct: 'selectTrnsPurchaseSalesList', gateway: 'getPurchaseTransactionInfo', kind: 'read' },
  insertTrnsPurchase: { direct: 'insertTrnsPurchase', gateway: 'sendPurchaseTransactionInfo', kind: 'write' },
  selectStockMoveList: { direct: 'selectStockMoveList', gateway: 'selectStockMoveLists', kind: 'read' },
  insertStockIO: { direct: 'insertStockIO', gateway: 'insert/stockIO', kind: 'write' },
  saveStockMaster: { direct: 'saveStockMaster', gateway: 'save/stockMaster', kind: 'write' },
} as const satisfies Record<string, EndpointDef>;

export type EndpointName = keyof typeof ENDPOINTS;

export const ENDPOINT_NAMES = Object.keys(ENDPOINTS) as EndpointName[];

/** The base path each profile serves its endpoints under. */
export const PROFILE_BASE = { direct: '/etims-api/', gateway: '/etims-oscu/api/v1/' } as const;

export type Profile = keyof typeof PROFILE_BASE;

export function pathOf(name: EndpointName, profile: Profile): string {
  return ENDPOINTS[name][profile];
}

/** Result codes (spec 1.5) the client and the simulator both speak of by name. */
export const RESULT = {
  ok: '000',
  noResult: '001',
  noHeader: '900',
  invalidDevice: '901',
  deviceInstalled: '902',
  parameterError: '910',
  emptyBody: '911',
  duplicate: '994',
  unknown: '999',
} as const;
