// The till with a 50,000-item catalogue: a scanner's Enter to the line on screen and the pay key to
// the receipt on screen, timed inside Chromium against the headless host; and items.search per
// keystroke, in the engine and over loopback HTTP. Run alone: `npx tsx tests/bench/till.bench.ts`.
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { createApp } from '../../src-main/app';
import { openLedger } from '../../src-main/ledger/open';
import { items } from '../../src-main/ledger/schema';
import { projectPaths } from '../../src-main/paths';
import { UNREACHABLE_KRA } from '../support/app';
import { scan } from '../e2e/till-steps';
import { launchChromium } from '../support/browser';
import { spawnHost } from '../support/host';
import { tempDir } from '../support/temp';
import type { BenchSuite } from './run';
import { ms, summarise } from './stats';

const CATALOGUE = 50_000;
const SALES = 100;
const SCANS_PER_SALE = 3;

const BRANDS = ['Kabras', 'Mumias', 'Brookside', 'Fresha', 'Kenblest', 'Elianto', 'Menengai', 'Toss', 'Omo', 'Ariel', 'Royco', 'Blue Band', 'Ketepa', 'Kericho Gold', 'Daawat', 'Pembe', 'Jogoo', 'Soko', 'Ajab', 'Exe', 'Dormans', 'Highlands', 'Afya', 'Tusker', 'Delmonte'];
const GOODS = ['sugar', 'maize flour', 'wheat flour', 'milk', 'cooking oil', 'margarine', 'tea leaves', 'coffee', 'rice', 'washing powder', 'bar soap', 'juice', 'mineral water', 'biscuits', 'tomato sauce', 'salt', 'spaghetti', 'beans', 'lentils', 'toothpaste'];
const SIZES = ['100g', '250g', '500g', '1kg', '2kg', '5kg', '250ml', '500ml', '1L', '2L'];

/** Made-up but shop-like items: brand, good and size, a serial to keep names apart, a unique barcode. */
export function benchCatalogue(count = CATALOGUE): (typeof items.$inferInsert)[] {
  return Array.from({ length: count }, (_, i) => ({
    code: `KE2BGNO${String(1_000_000 + i).padStart(7, '0')}`,
    classCode: '1000000000',
    name: `${BRANDS[i % BRANDS.length]} ${GOODS[Math.floor(i / BRANDS.length) % GOODS.length]} ${SIZES[i % SIZES.length]} #${i}`,
    barcode: String(6_290_000_000_000 + i),
    packagingUnit: 'BG',
    quantityUnit: 'NO',
    taxClass: (['A', 'B', 'B', 'C', 'E'] as const)[i % 5]!,
    unitPrice: 5_000 + ((i * 37) % 50_000),
    registered: true,
  }));
}

function loadCatalogue(dataDir: string): void {
  const db = openLedger(dataDir, projectPaths.migrations);
  const rows = benchCatalogue();
  db.transaction((tx) => {
    for (let i = 0; i < rows.length; i += 500) tx.insert(items).values(rows.slice(i, i + 500)).run();
  });
  db.$client.close();
}

/** What a cashier types into the search box, one keystroke at a time: names, then a barcode. */
function keystrokes(): string[] {
  const words = ['kabras sugar 1kg', 'brookside milk', 'royco', 'omo washing', 'ketepa tea', 'soko maize flour 2kg', 'ajab wheat', 'tusker juice', 'zzz', '6290000012345'];
  return words.flatMap((word) => Array.from({ length: word.length }, (_, i) => word.slice(0, i + 1)));
}

async function searchFigures(dataDir: string, hostUrl: string): Promise<Record<string, string>> {
  const app = createApp({ dataDir, migrationsFolder: projectPaths.migrations, log: () => {}, kra: { mode: 'demo', baseUrl: UNREACHABLE_KRA } });
  try {
    const login = await app.dispatch('session.login', { pin: '1234' }, null);
    if (!login.ok) throw new Error(`login failed: ${login.error.message}`);
    const token = (login.value as { token: string }).token;
    const queries = keystrokes();
    await app.dispatch('items.search', { query: 'warm up' }, token);
    const inEngine: number[] = [];
    const overHttp: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const query of queries) {
        const t0 = performance.now();
        await app.dispatch('items.search', { query }, token);
        inEngine.push(performance.now() - t0);
      }
    }
    const hostToken = await httpLogin(hostUrl);
    for (const query of queries) {
      const t0 = performance.now();
      await fetch(new URL('api/items.search', hostUrl), { method: 'POST', headers: { Authorization: `Bearer ${hostToken}` }, body: JSON.stringify({ query }) }).then((r) => r.json());
      overHttp.push(performance.now() - t0);
    }
    const engine = summarise(inEngine);
    const http = summarise(overHttp);
    return {
      [`items.search per keystroke, p50 (${inEngine.length} keystrokes)`]: ms(engine.p50),
      'items.search per keystroke, p99 (target <= 5 ms)': ms(engine.p99),
      'items.search per keystroke, max': ms(engine.max),
      'items.search over loopback HTTP, p50 / p99': `${ms(http.p50)} / ${ms(http.p99)}`,
    };
  } finally {
    await app.close();
  }
}

async function httpLogin(hostUrl: string): Promise<string> {
  const response = await fetch(new URL('api/session.login', hostUrl), { method: 'POST', body: JSON.stringify({ pin: '9999' }) });
  const body = (await response.json()) as { ok: boolean; value: { token: string } };
  return body.value.token;
}

/**
 * In the page (plain JavaScript: tsx's helpers do not exist there): `until(selector, before)`
 * resolves with the time from the last Enter to the first frame drawn once `selector` matches more
 * than `before` elements.
 */
const PROBE = `
  let startedAt = 0;
  window.addEventListener('keydown', (event) => { if (event.key === 'Enter') startedAt = performance.now(); }, { capture: true });
  window.until = (selector, before) => new Promise((resolve) => {
    const observer = new MutationObserver(() => check());
    function check() {
      if (document.querySelectorAll(selector).length <= before) return false;
      observer.disconnect();
      requestAnimationFrame(() => resolve(performance.now() - startedAt));
      return true;
    }
    if (!check()) observer.observe(document.body, { childList: true, subtree: true });
  });
`;

async function timeUntil(page: Page, selector: string, act: () => Promise<void>): Promise<number> {
  const before = await page.locator(selector).count();
  const shown = page.evaluate(`window.until(${JSON.stringify(selector)}, ${before})`) as Promise<number>;
  await act();
  return shown;
}

async function tillFigures(hostUrl: string): Promise<Record<string, string>> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(PROBE);
    await page.goto(hostUrl);
    await page.getByTestId('pin-dots').waitFor();
    await page.keyboard.type('1234');
    await page.keyboard.press('Enter');
    await page.getByTestId('search-input').waitFor();
    const catalogue = benchCatalogue(1000);
    const scanToLine: number[] = [];
    const payToReceipt: number[] = [];
    for (let sale = 0; sale < SALES; sale++) {
      for (let i = 0; i < SCANS_PER_SALE; i++) {
        const { barcode } = catalogue[(sale * SCANS_PER_SALE + i) % catalogue.length]!;
        scanToLine.push(
          await timeUntil(page, '[data-testid="cart-line"]', () => scan(page, barcode!)),
        );
      }
      await page.keyboard.press('F10');
      await page.getByTestId('pay-amount').waitFor();
      payToReceipt.push(await timeUntil(page, '[data-testid="receipt-screen"]', () => page.keyboard.press('Enter')));
      await page.keyboard.press('Enter');
      await page.getByTestId('search-input').waitFor();
    }
    const scanned = summarise(scanToLine);
    const pay = summarise(payToReceipt);
    return {
      [`scanner Enter to line on screen, p50 (${scanToLine.length} scans, ${SALES} sales)`]: ms(scanned.p50),
      'scanner Enter to line on screen, p99 (target <= 50 ms)': ms(scanned.p99),
      [`pay key to receipt on screen, p50 (${SALES} sales)`]: ms(pay.p50),
      'pay key to receipt on screen, p99 (target <= 150 ms)': ms(pay.p99),
    };
  } finally {
    await browser.close();
  }
}

export async function benchTill(): Promise<Record<string, string>> {
  const data = tempDir('mauzo-bench-till-');
  const searchData = tempDir('mauzo-bench-search-');
  try {
    loadCatalogue(data.path);
    loadCatalogue(searchData.path);
    const host = await spawnHost(['--data', data.path]);
    try {
      return { ...(await tillFigures(host.url)), ...(await searchFigures(searchData.path, host.url)) };
    } finally {
      await host.stop();
    }
  } finally {
    data.cleanup();
    searchData.cleanup();
  }
}

export const suite: BenchSuite = { name: `till: ${CATALOGUE.toLocaleString('en')} items in the catalogue`, run: benchTill };

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await benchTill();
  for (const [name, value] of Object.entries(figures)) console.log(`  ${name.padEnd(60)} ${value}`);
}
