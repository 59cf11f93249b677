import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';
import { waitFor } from './wait.js';

/**
 * Chromium as a player's own browser: started by the test and attached to over CDP, with none of
 * Playwright's overrides on its default browser context. Playwright's `launch()` keeps every page
 * visible and unthrottled (it turns background throttling off by flag and emulates focus on each
 * page), so it cannot show what a hidden tab does. Here a page of `tabs` (the default context, one
 * window) is really hidden, `document.visibilityState === 'hidden'` with the page's timers
 * throttled, while another tab of that window is in front. Pages of other contexts (`newContext()`)
 * get Playwright's usual emulation and stay visible.
 */
export interface CdpChromium {
  readonly browser: Browser;
  /** The default context: its pages are tabs of one window. */
  readonly tabs: BrowserContext;
  close(): Promise<void>;
}

const ARGS = [
  '--headless',
  ...CHROMIUM_ARGS,
  '--window-size=1280,760',
  '--remote-debugging-address=127.0.0.1',
  '--remote-debugging-port=0',
];

function devtoolsUrl(proc: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    let found = false;
    const timer = setTimeout(() => fail(new Error(`Chromium printed no DevTools address within ${timeoutMs} ms:\n${seen}`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    proc.once('error', fail);
    proc.once('exit', (code) => fail(new Error(`Chromium exited (${code}) before it listened:\n${seen}`)));
    // Read stderr to the end (a full pipe would stall Chromium), keeping only what comes before the address.
    proc.stderr?.on('data', (chunk: Buffer) => {
      if (found) return;
      seen += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (match) {
        found = true;
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
  });
}

/** Signals every process of the group `pgid` (Chromium and its helpers); false once none is left. */
function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Stops Chromium and every helper process it started, then removes its profile. */
async function stopChromium(proc: ChildProcess, profile: string): Promise<void> {
  const pgid = proc.pid;
  if (pgid !== undefined && signalGroup(pgid, 'SIGTERM')) {
    const gone = () => !signalGroup(pgid, 0);
    await waitFor(gone, 'Chromium to exit', 10_000, 20).catch(() => signalGroup(pgid, 'SIGKILL'));
    await waitFor(gone, 'Chromium to exit after SIGKILL', 10_000, 20);
  }
  await rm(profile, { recursive: true, force: true, maxRetries: 5 });
}

export async function launchChromiumOverCdp(): Promise<CdpChromium> {
  const profile = await mkdtemp(join(tmpdir(), 'tickwire-chromium-'));
  // A process group of its own, so that teardown reaches Chromium's helper processes too.
  const proc = spawn(CHROMIUM_PATH, [...ARGS, `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  const stop = () => stopChromium(proc, profile);
  try {
    const browser = await chromium.connectOverCDP(await devtoolsUrl(proc, 30_000), { noDefaults: true });
    const tabs = browser.contexts()[0];
    if (!tabs) throw new Error('Chromium has no default browser context');
    return {
      browser,
      tabs,
      close: async () => {
        // The process group goes whether or not the CDP connection closes cleanly.
        try {
          await browser.close();
        } finally {
          await stop();
        }
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
