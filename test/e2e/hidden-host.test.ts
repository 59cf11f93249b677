/**
 * A host whose tab is hidden keeps hosting. The host's tab is a real tab of a Chromium window with
 * none of Playwright's overrides, so when another tab comes to the front it is really hidden and its
 * page timers are throttled; the client plays from a window of its own. Everything is counted, not
 * timed: over a stretch of host time, how many ticks the host simulated and how many it skipped
 * (it skips when its timer comes too late to catch up), and how many snapshots reached the client.
 * The same run on the page's own timers (`?timers=page`) shows that the hiding really throttles.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type Broker } from '../../peer-server/src/broker.js';
import { launchChromiumOverCdp, type CdpChromium } from '../support/cdp-chromium.js';
import { waitFor } from '../support/wait.js';
import { buildDemo, createLobby, demoState, joinLobby, openDemo, playerCount } from './demo-players.js';

/** Host time to watch while hidden, in ticks (4 s at 60 Hz). */
const WINDOW_TICKS = 240;

interface Counts {
  /** Ticks simulated, and skipped, by the host. */
  readonly ran: number;
  readonly skipped: number;
  readonly sent: number;
  readonly received: number;
}

async function counts(host: Page, client: Page): Promise<Counts> {
  const h = (await demoState(host)).stats;
  const c = (await demoState(client)).stats;
  if (!h?.timing || !c) throw new Error('both pages should be in a game');
  return { ran: h.tick, skipped: h.timing.ticksSkipped, sent: h.snapshots, received: c.snapshots };
}

function hostTabLine(page: Page): Promise<string> {
  return page.locator('#net-figures tr', { hasText: 'Host tab' }).locator('td').nth(1).innerText();
}

describe('a hidden host tab', () => {
  let built: Awaited<ReturnType<typeof buildDemo>>;
  let broker: Broker;
  let chromium: CdpChromium;

  beforeAll(async () => {
    built = await buildDemo();
    broker = await startBroker({ port: 0, staticDir: built.dir, iceServers: [] });
    chromium = await launchChromiumOverCdp();
  });

  afterAll(async () => {
    await chromium?.close();
    await broker?.close();
    await built?.remove();
  });

  /** A game at 60 Hz: the host in a tab of the shared window, the client in a window of its own. */
  async function play(query: string): Promise<{ host: Page; client: Page }> {
    const host = await chromium.tabs.newPage();
    await host.goto(`${broker.url}/${query}`);
    await host.waitForFunction(() => window.tickwireDemo !== undefined);
    const client = await openDemo(chromium.browser, broker.url);
    const code = await createLobby(host, { name: 'Alice', tickRate: '60' });
    await joinLobby(client, 'Bob', code);
    await Promise.all([playerCount(host, 2), playerCount(client, 2)]);
    await host.getByTestId('start-game').click();
    await waitFor(async () => (await demoState(client)).started, 'the game to start');
    await waitFor(async () => (await counts(host, client)).received > 0, 'snapshots to reach the client', 20_000);
    await host.keyboard.press('KeyN');
    return { host, client };
  }

  /** Brings a blank tab to the front of the host's window; resolves once the host's tab is hidden. */
  async function hide(host: Page): Promise<Page> {
    const other = await chromium.tabs.newPage();
    await other.bringToFront();
    await waitFor(() => host.evaluate(() => document.visibilityState === 'hidden'), "the host's tab to be hidden");
    return other;
  }

  /** Counts over the next WINDOW_TICKS of host time, simulated or skipped, while the host is hidden. */
  async function watchHidden(host: Page, client: Page): Promise<Counts> {
    const start = await counts(host, client);
    const end = await waitFor(
      async () => {
        const now = await counts(host, client);
        return now.ran + now.skipped - (start.ran + start.skipped) >= WINDOW_TICKS && now;
      },
      `${WINDOW_TICKS} ticks of host time`,
      60_000,
      50,
    );
    expect(await host.evaluate(() => document.visibilityState)).toBe('hidden');
    return { ran: end.ran - start.ran, skipped: end.skipped - start.skipped, sent: end.sent - start.sent, received: end.received - start.received };
  }

  async function closeGame(...pages: Page[]): Promise<void> {
    for (const page of pages) await page.close();
    for (const page of pages) if (page.context() !== chromium.tabs) await page.context().close();
  }

  it('keeps ticking at full rate from a Worker, keeps the client fed, and says so in the net graph', async () => {
    const { host, client } = await play('');
    const other = await hide(host);
    try {
      const hidden = await watchHidden(host, client);
      console.log(`[hidden host, Worker timers] ${WINDOW_TICKS} ticks of host time: ${hidden.ran} simulated, ${hidden.skipped} skipped; snapshots ${hidden.sent} sent, ${hidden.received} received`);
      // A throttled host simulates at most 8 ticks per late timer and skips the rest.
      expect(hidden.skipped).toBeLessThanOrEqual(hidden.ran / 10);
      // One snapshot every other tick (30 of 60 Hz), and the client gets them.
      expect(hidden.sent).toBeGreaterThanOrEqual(Math.floor(hidden.ran / 2) - 1);
      expect(hidden.received).toBeGreaterThanOrEqual(hidden.sent * 0.8);
      const line = await waitFor(async () => /^hidden — ticking from a Worker, \d+\.\d ticks\/s/.test(await hostTabLine(host)) && hostTabLine(host), 'the net graph to show the hidden tab', 20_000, 100);
      const state = await demoState(host);
      expect(state.hiddenTicks).toMatchObject({ ongoing: true });
      expect(state.stats?.timing?.timers).toBe('worker');
      expect(state.stats?.timing?.fallbackReason).toBeUndefined();
      console.log(`[hidden host, Worker timers] net graph: ${line}`);
      expect(await playerCount(client, 2)).toBe(true);
    } finally {
      await other.close();
    }
    await host.bringToFront();
    await waitFor(() => host.evaluate(() => document.visibilityState === 'visible'), "the host's tab to be visible again");
    const back = await waitFor(async () => /; hidden \d+\.\d s at \d+\.\d ticks\/s/.test(await hostTabLine(host)) && hostTabLine(host), 'the net graph to sum up the hidden stretch', 20_000, 100);
    expect(back).toMatch(/^visible — ticking from a Worker/);
    expect((await demoState(host)).hiddenTicks).toMatchObject({ ongoing: false });
    await closeGame(host, client);
  });

  it('on the page timers instead (?timers=page), the same hidden host falls behind and skips most ticks', async () => {
    const { host, client } = await play('?timers=page');
    const other = await hide(host);
    try {
      const hidden = await watchHidden(host, client);
      console.log(`[hidden host, page timers] ${WINDOW_TICKS} ticks of host time: ${hidden.ran} simulated, ${hidden.skipped} skipped; snapshots ${hidden.sent} sent, ${hidden.received} received`);
      expect(hidden.skipped).toBeGreaterThan(hidden.ran);
      const line = await waitFor(async () => /^hidden — ticking from page timers, .* ticks skipped/.test(await hostTabLine(host)) && hostTabLine(host), 'the net graph to show the throttled host', 20_000, 100);
      console.log(`[hidden host, page timers] net graph: ${line}`);
    } finally {
      await other.close();
    }
    await closeGame(host, client);
  });
});
