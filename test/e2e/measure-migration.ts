/**
 * How long a host migration takes in the arena demo, between Chromium pages through the real
 * broker: Ada hosts, Bob, Cy and Dee play, and Ada's page closes (its goodbye goes out as a
 * player's tab would send it). Timed from the close until the successor hosts and each other player
 * has been welcomed back by it (each page notes the moment itself, on the machine's one clock); ten runs, p50 and the worst. Build the engine first
 * (`npm run build:engine`): the demo is built against it.
 *
 *   node --import tsx test/e2e/measure-migration.ts [runs]
 */
import type { Browser, Page } from 'playwright-core';
import { startBroker } from '../../peer-server/src/broker.js';
import { launchChromium } from '../support/chromium.js';
import { waitFor } from '../support/wait.js';
import { buildDemo, createLobby, demoState, joinLobby, openDemo, playerCount } from './demo-players.js';

const runs = Number(process.argv[2] ?? 10);
const built = await buildDemo();
const broker = await startBroker({ port: 0, staticDir: built.dir, iceServers: [], lookupsPerMinute: 100_000 });
const browser: Browser = await launchChromium();

declare global {
  interface Window {
    /** When this page first played under a new host (`Date.now()`): it hosts, or says who does now. */
    resumedAt?: number;
  }
}

/** Runs in each player's page: notes, within 10 ms, when it first plays under a new host. */
function noteResumed(): void {
  const timer = setInterval(() => {
    const state = window.tickwireDemo?.state();
    const message = document.querySelector('[data-testid="error-message"]')?.textContent ?? '';
    if (state?.isHost === true || / is hosting now/.test(message)) {
      window.resumedAt = Date.now();
      clearInterval(timer);
    }
  }, 10);
}

async function once(): Promise<number> {
  const pages: Page[] = [];
  try {
    pages.push(await openDemo(browser, broker.url));
    for (let i = 0; i < 3; i++) pages.push(await openDemo(browser, broker.url, '', noteResumed));
    const [ada, ...players] = pages as [Page, Page, Page, Page];
    const code = await createLobby(ada, { name: 'Ada' });
    for (const [i, page] of players.entries()) {
      await joinLobby(page, ['Bob', 'Cy', 'Dee'][i]!, code);
      await playerCount(ada, i + 2);
    }
    await ada.getByTestId('start-game').click();
    await waitFor(async () => (await Promise.all(players.map(demoState))).every((s) => s.started), 'the game to start');
    // Checkpoints go to the heirs at most once a second: let one of every seat reach them.
    await waitFor(async () => (await Promise.all(players.map(demoState))).every((s) => (s.stats?.tick ?? 0) > 90), 'a second and a half of play', 20_000);
    const closedAt = Date.now();
    await ada.close({ runBeforeUnload: true });
    const times = await waitFor(async () => {
      const resumed = await Promise.all(players.map((page) => page.evaluate(() => window.resumedAt)));
      return resumed.every((at) => at !== undefined) ? (resumed as number[]) : undefined;
    }, 'every player to play under the new host', 30_000);
    return Math.max(...times) - closedAt;
  } finally {
    for (const page of pages) await page.context().close();
  }
}

try {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    times.push(await once());
    console.log(`run ${i + 1}: ${times.at(-1)!.toFixed(0)} ms`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`host page closes: resumed p50 ${sorted[Math.floor(runs / 2)]!.toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms (${runs} runs, Chromium pages)`);
} finally {
  await browser.close();
  await broker.close();
  await built.remove();
}
