import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { spawnHost, type HostProcess } from './host';
import { tempDir } from './temp';

export interface TillInChromium {
  readonly host: HostProcess;
  readonly page: Page;
  readonly dataDir: string;
}

/**
 * A demo-mode host on a data folder of its own, with one Chromium page on its till: opened before
 * the suite's tests run and closed after them. Call it inside a describe.
 */
export function tillInChromium(viewport = { width: 1280, height: 800 }): TillInChromium {
  const data = tempDir();
  let host: HostProcess | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  before(async () => {
    host = await spawnHost(['--data', data.path]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport });
    await page.goto(host.url);
  });
  after(async () => {
    await browser?.close();
    await host?.stop();
    data.cleanup();
  });
  const opened = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the till opens in the suite\'s before hook');
    return value;
  };
  return {
    get host() {
      return opened(host);
    },
    get page() {
      return opened(page);
    },
    dataDir: data.path,
  };
}
