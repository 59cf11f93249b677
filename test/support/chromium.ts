import { chromium, type Browser } from 'playwright-core';
import systemPackages from '../system-packages.json' with { type: 'json' };

/** Debian's Chromium (`npm test` installs it); `npx playwright install` cannot download a browser here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? systemPackages.chromium.path;

/**
 * Chromium with no traffic of its own (no background networking, no component updates, no QUIC)
 * and with real host addresses in ICE candidates instead of mDNS names.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];

/** Starts headless Chromium with `CHROMIUM_ARGS`. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
}
