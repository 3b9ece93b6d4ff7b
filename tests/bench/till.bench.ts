// The till with a 50,000-item catalogue: a scanner's Enter to the line on screen and the pay key to
// the receipt on screen, timed inside Chromium against the headless host; and items.search per
// keystroke, in the engine beside a bare indexed lookup and over loopback HTTP beside the host's
// lightest answer. Run alone: `npx tsx tests/bench/till.bench.ts`.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { createApp } from '../../src-main/app';
import { LEDGER_FILE, openLedger } from '../../src-main/ledger/open';
import { items } from '../../src-main/ledger/schema';
import { projectPaths } from '../../src-main/paths';
import { UNREACHABLE_KRA } from '../support/app';
import { scan } from '../e2e/till-steps';
import { launchChromium } from '../support/browser';
import { spawnHost } from '../support/host';
import { openShiftOver } from '../support/shift';
import { tempDir } from '../support/temp';
import type { BenchSuite } from './run';

/** The host takes only JSON bodies. */
const JSON_BODY = { 'Content-Type': 'application/json' };
import { figure, formatRatio, formatValue, interleave, summarise, timingFigures, type Figure } from './stats';

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

export function loadCatalogue(dataDir: string): void {
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

/**
 * items.search per keystroke, in the engine beside a bare indexed lookup (one prepared SELECT by
 * barcode on the same ledger), and over loopback HTTP beside the host's lightest answer.
 */
async function searchFigures(dataDir: string, hostUrl: string): Promise<Figure[]> {
  const app = createApp({ dataDir, migrationsFolder: projectPaths.migrations, log: () => {}, kra: { mode: 'demo', baseUrl: UNREACHABLE_KRA } });
  const bare = new Database(join(dataDir, LEDGER_FILE), { readonly: true });
  try {
    const login = await app.dispatch('session.login', { pin: '1234' }, null);
    if (!login.ok) throw new Error(`login failed: ${login.error.message}`);
    const token = (login.value as { token: string }).token;
    const queries = keystrokes();
    await app.dispatch('items.search', { query: 'warm up' }, token);
    const byBarcode = bare.prepare('SELECT * FROM items WHERE barcode = ?');
    const barcodes = benchCatalogue(queries.length).map((item) => item.barcode!);
    const engine = { floor: [] as number[], work: [] as number[] };
    for (let round = 0; round < 5; round++) {
      for (const [i, query] of queries.entries()) {
        const times = await interleave(1, () => byBarcode.get(barcodes[i]!), () => app.dispatch('items.search', { query }, token));
        engine.floor.push(...times.floor);
        engine.work.push(...times.work);
      }
    }
    const hostToken = await httpLogin(hostUrl);
    const http = { floor: [] as number[], work: [] as number[] };
    for (const query of queries) {
      const times = await interleave(
        1,
        () => fetch(new URL('api/system.health', hostUrl), { method: 'POST', headers: JSON_BODY, body: '{}' }).then((r) => r.json()),
        () => fetch(new URL('api/items.search', hostUrl), { method: 'POST', headers: { ...JSON_BODY, Authorization: `Bearer ${hostToken}` }, body: JSON.stringify({ query }) }).then((r) => r.json()),
      );
      http.floor.push(...times.floor);
      http.work.push(...times.work);
    }
    return [
      ...timingFigures('items.search per keystroke', engine.work, { name: 'bare indexed lookup', samples: engine.floor }, { p99: '<= 5 ms' }),
      ...timingFigures('items.search over loopback HTTP', http.work, { name: 'system.health over HTTP', samples: http.floor }),
    ];
  } finally {
    bare.close();
    await app.close();
  }
}

async function httpLogin(hostUrl: string): Promise<string> {
  const response = await fetch(new URL('api/session.login', hostUrl), { method: 'POST', headers: JSON_BODY, body: JSON.stringify({ pin: '9999' }) });
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

async function tillFigures(hostUrl: string): Promise<Figure[]> {
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
    return [
      figure('scanner Enter to line on screen, p50', scanned.p50, 'ms'),
      figure('scanner Enter to line on screen, p99', scanned.p99, 'ms', { target: '<= 50 ms' }),
      figure('pay key to receipt on screen, p50', pay.p50, 'ms'),
      figure('pay key to receipt on screen, p99', pay.p99, 'ms', { target: '<= 150 ms' }),
    ];
  } finally {
    await browser.close();
  }
}

export async function benchTill(): Promise<Figure[]> {
  const data = tempDir('mauzo-bench-till-');
  const searchData = tempDir('mauzo-bench-search-');
  try {
    loadCatalogue(data.path);
    loadCatalogue(searchData.path);
    const host = await spawnHost(['--data', data.path]);
    try {
      await openShiftOver(host.url);
      return [...(await tillFigures(host.url)), ...(await searchFigures(searchData.path, host.url))];
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
  for (const f of await benchTill()) console.log(`  ${f.name.padEnd(48)} ${formatValue(f.value, f.unit)}  ${f.floor ? `floor ${formatValue(f.floor.value, f.unit)} ${formatRatio(f.ratio)}` : ''}`);
}
