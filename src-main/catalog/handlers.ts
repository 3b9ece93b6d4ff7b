import { ApiError } from '../../src-shared/api';
import type { Handlers } from '../api/handlers';
import type { CatalogIndex } from './search';

const QUICK_KEYS = 12;

export function catalogHandlers(deps: { index: CatalogIndex }): Handlers<'items.search' | 'items.lookup' | 'items.quickKeys'> {
  const { index } = deps;
  return {
    'items.search': ({ query, limit }) => index.search(query, limit),
    'items.lookup': ({ code }) => {
      const item = index.lookup(code);
      if (!item) throw new ApiError('ITEM_NOT_FOUND', `code: no item has the barcode or code ${code}`, { field: 'code', params: { code } });
      return item;
    },
    'items.quickKeys': () => index.quickKeys(QUICK_KEYS),
  };
}
