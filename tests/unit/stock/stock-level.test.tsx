import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { renderToStaticMarkup } from 'react-dom/server';
import { StockLevel } from '../../../src-renderer/components/SearchBox';
import { I18nProvider } from '../../../src-renderer/i18n';

describe('the stock beside each search result', () => {
  let language = 'en';
  before(() => {
    Object.assign(globalThis, { localStorage: { getItem: () => language, setItem: () => {} } });
  });
  after(() => {
    Reflect.deleteProperty(globalThis, 'localStorage');
  });

  const shown = (stock: number | null) => renderToStaticMarkup(<I18nProvider><StockLevel stock={stock} /></I18nProvider>);

  test('shows plenty plainly, marks five or fewer as low and none or below as out', () => {
    assert.match(shown(1250), /data-level="ok"[^>]*>In stock: 12.5</);
    assert.match(shown(500), /class="result-stock stock-low"[^>]*data-level="low"[^>]*>Low stock: 5 left</);
    assert.match(shown(0), /class="result-stock stock-out"[^>]*data-level="out"[^>]*>Out of stock: 0</);
    assert.match(shown(-200), /data-level="out"[^>]*>Out of stock: -2</, 'sold below zero still shows');
  });

  test('shows nothing for a service, and speaks Kiswahili', () => {
    assert.equal(shown(null), '<span class="result-stock"></span>');
    language = 'sw';
    assert.match(shown(300), />Zimebaki chache: 3</);
    assert.match(shown(-100), />Zimeisha: -1</);
  });
});
