/** Every KRA endpoint of src-shared/etims/endpoints.ts and the function that answers it. */
import type { EndpointName } from '../../src-shared/etims/endpoints';
import type { Call, Reply } from './context';
import { saveBhfCustomer, saveBhfInsurance, saveBhfUser, selectCustomerList } from './branch';
import { saveItem, saveItemComposition, selectImportItemList, selectItemList, updateImportItem } from './items';
import { insertTrnsPurchase, selectTrnsPurchaseSalesList } from './purchases';
import { selectBhfList, selectCodeList, selectCustomer, selectInitOsdcInfo, selectItemClsList, selectNoticeList } from './reference';
import { saveTrnsSalesOsdc, selectInvoiceDetails } from './sales';
import { insertStockIO, saveStockMaster, selectStockMoveList } from './stock';

export const HANDLERS: Record<EndpointName, (call: Call) => Reply> = {
  selectInitOsdcInfo,
  selectCodeList,
  selectCustomer,
  selectCustomerList,
  selectNoticeList,
  selectItemClsList,
  saveItem,
  selectItemList,
  saveItemComposition,
  selectBhfList,
  saveBhfCustomer,
  saveBhfUser,
  saveBhfInsurance,
  selectImportItemList,
  updateImportItem,
  saveTrnsSalesOsdc,
  selectInvoiceDetails,
  selectTrnsPurchaseSalesList,
  insertTrnsPurchase,
  selectStockMoveList,
  insertStockIO,
  saveStockMaster,
};
