import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { projectPaths } from '../../src-main/paths';

/** Debian's Chromium, driven headless by playwright-core; no browser download ever. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

/** Where e2e tests leave screenshots for people to look at. */
export function screenshotPath(name: string): string {
  const dir = join(projectPaths.root, 'test-output', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name}.png`);
}
