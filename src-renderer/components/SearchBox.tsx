import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { CatalogItem } from '../../src-shared/api';
import { formatKes, formatQuantity } from '../../src-shared/money';
import type { ApiClient } from '../api/client';
import { useI18n } from '../i18n';
import { ACTION_KEYS } from '../till/keys';

/** Search by name, code or barcode, with results as the cashier types; Enter adds the highlighted one. */
export function SearchBox({
  api,
  inputRef,
  onPick,
  onProblem,
}: {
  api: ApiClient;
  inputRef: RefObject<HTMLInputElement | null>;
  onPick: (item: CatalogItem) => void;
  onProblem: (error: unknown) => void;
}) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ query: string; items: CatalogItem[] }>({ query: '', items: [] });
  const [highlight, setHighlight] = useState(0);
  const asked = useRef(0);

  useEffect(() => {
    const ask = ++asked.current;
    if (query.trim() === '') {
      setFound({ query, items: [] });
      return;
    }
    api.call('items.search', { query }).then(
      (items) => {
        if (ask !== asked.current) return;
        setFound({ query, items });
        setHighlight(0);
      },
      (error: unknown) => ask === asked.current && onProblem(error),
    );
  }, [api, query, onProblem]);

  /** Keys typed after Enter, while the pick was on its way, start the next search. */
  const pick = (item: CatalogItem, text: string) => {
    setQuery((current) => (current.startsWith(text) ? current.slice(text.length) : current));
    onPick(item);
  };

  const results = found.items;
  /** Enter before the results for the latest keystroke arrived: ask for them first. */
  const pickFor = (text: string) => {
    const item = found.query === text ? results[highlight] : undefined;
    if (item) return pick(item, text);
    api.call('items.search', { query: text, limit: 1 }).then(([first]) => {
      if (first) pick(first, text);
      else void api.call('items.lookup', { code: text }).then((item) => pick(item, text), onProblem);
    }, onProblem);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && results.length > 0) setHighlight((i) => Math.min(results.length - 1, i + 1));
    else if (event.key === 'ArrowUp' && results.length > 0) setHighlight((i) => Math.max(0, i - 1));
    else if (event.key === 'Escape' && query !== '') setQuery('');
    else if (event.key === 'Enter' && query.trim() !== '') pickFor(query);
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  const open = query.trim() !== '';
  return (
    <div className="search">
      <label className="search-label">
        <kbd>{ACTION_KEYS.search}</kbd>
        <input
          ref={inputRef}
          className="search-input"
          data-testid="search-input"
          value={query}
          placeholder={t('search.placeholder')}
          aria-label={t('search.placeholder')}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onKeyDown}
        />
      </label>
      {open && (
        <ul className="search-results" role="listbox" aria-label={t('search.results')}>
          {found.query === query && results.length === 0 && <li className="search-empty">{t('search.none', { query })}</li>}
          {results.map((item, i) => (
            <li key={item.code} role="option" aria-selected={i === highlight}>
              <button
                type="button"
                className={i === highlight ? 'search-result active' : 'search-result'}
                data-testid="search-result"
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => pick(item, query)}
              >
                <span className="result-name">{item.name}</span>
                <span className="result-code">{item.barcode ?? item.code}</span>
                <StockLevel stock={item.stock} />
                <span className="result-price">{formatKes(item.unitPrice)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Five units (or kg) or fewer is low; none or fewer is out, and still sells: the shelf is the truth. */
const LOW_STOCK = 500;

/** What the books say is on the shelf; services have no stock and show nothing. */
export function StockLevel({ stock }: { stock: number | null }) {
  const { t } = useI18n();
  if (stock === null) return <span className="result-stock" />;
  const quantity = formatQuantity(stock);
  const [level, text] =
    stock <= 0 ? ['out', t('search.stockOut', { quantity })] : stock <= LOW_STOCK ? ['low', t('search.stockLow', { quantity })] : ['ok', t('search.stock', { quantity })];
  return (
    <span className={`result-stock stock-${level}`} data-testid="search-result-stock" data-level={level}>
      {text}
    </span>
  );
}
