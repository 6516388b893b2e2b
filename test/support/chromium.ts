/**
 * Debian's Chromium, headless, as every browser test drives it through playwright-core (no browser
 * download): no sandbox (containers), and nothing of its own on the network besides the pages.
 */
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

export function launchChromium(): Promise<Browser> {
  return chromium.launch(CHROMIUM);
}
