import { useEffect, useState } from 'react';
import type { CatalogItem } from '../../src-shared/api';
import { formatKes } from '../../src-shared/money';
import type { ApiClient } from '../api/client';
import { useI18n } from '../i18n';

/** Touch keys for what a scanner cannot reach: loose and weighed goods, services. */
export function QuickKeys({ api, onPick }: { api: ApiClient; onPick: (item: CatalogItem) => void }) {
  const { t } = useI18n();
  const [keys, setKeys] = useState<CatalogItem[]>([]);
  useEffect(() => {
    api.call('items.quickKeys', {}).then(setKeys, () => setKeys([]));
  }, [api]);
  return (
    <section className="quick-keys" aria-label={t('till.quickKeys')}>
      {keys.map((item) => (
        <button key={item.code} type="button" className="quick-key" data-testid="quick-key" onClick={() => onPick(item)}>
          <span className="quick-name">{item.name}</span>
          <span className="quick-price">{formatKes(item.unitPrice)}</span>
        </button>
      ))}
    </section>
  );
}
