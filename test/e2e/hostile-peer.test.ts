/**
 * A stranger with the lobby code against a browser host: the demo in Chromium hosts, a second page
 * plays, and a stock PeerJS peer in Node runs the attacks below tickwire's protocol on the host page.
 * In a browser a throw from a listener does not end the page, but it is a bug all the same, logged
 * as a page error: none may happen, the host goes on ticking, the player goes on getting
 * snapshots, and each attacker's link is cut.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installNodeGlobals } from '../../engine/src/node/install-globals.js';
import { startBroker, type Broker } from '../../peer-server/src/broker.js';
import { launchChromium } from '../support/chromium.js';
import { LINK_ATTACKS, openHostilePeer, type HostilePeer } from '../support/hostile-peer.js';
import { waitFor } from '../support/wait.js';
import { buildDemo, createLobby, demoState, joinLobby, openDemo, playerCount } from './demo-players.js';

installNodeGlobals();

describe('a hostile peer against a browser host', () => {
  let built: Awaited<ReturnType<typeof buildDemo>>;
  let broker: Broker;
  let browser: Browser;
  let host: Page;
  let player: Page;
  let code: string;
  const pageErrors: string[] = [];
  const strangers: HostilePeer[] = [];

  beforeAll(async () => {
    built = await buildDemo();
    broker = await startBroker({ port: 0, staticDir: built.dir, iceServers: [] });
    browser = await launchChromium();
    host = await openDemo(browser, broker.url);
    host.on('pageerror', (error) => pageErrors.push(error.message));
    player = await openDemo(browser, broker.url);
    code = await createLobby(host, { name: 'Host', tickRate: '30' });
    await joinLobby(player, 'Player', code);
    await Promise.all([playerCount(host, 2), playerCount(player, 2)]);
    await host.getByTestId('start-game').click();
    await waitFor(async () => (await demoState(player)).started, 'the game to start');
  });

  afterAll(async () => {
    for (const stranger of strangers) stranger.destroy();
    for (const page of [host, player]) await page?.context().close();
    await browser?.close();
    await broker?.close();
    await built?.remove();
  });

  async function stranger(): Promise<HostilePeer> {
    const peer = await openHostilePeer(broker.url, code);
    strangers.push(peer);
    return peer;
  }

  /** The host's tick and the player's snapshot count, read from the pages. */
  async function progress(): Promise<{ tick: number; snapshots: number }> {
    const [h, p] = await Promise.all([demoState(host), demoState(player)]);
    return { tick: h.stats?.tick ?? 0, snapshots: p.stats?.snapshots ?? 0 };
  }

  it('cuts every attacker, with no page error, while the game goes on', async () => {
    const start = await progress();
    const before = broker.counters.malformedSignals;
    const refused = (await stranger()).connect('json');
    await waitFor(() => broker.counters.malformedSignals > before, 'the broker to refuse a json connection');
    expect(refused.open).toBe(false);
    const cuts: string[] = [];
    for (const attack of LINK_ATTACKS) cuts.push(`${attack.name}: ${(await attack.run(await stranger())).toFixed(0)} ms`);
    const after = await waitFor(async () => {
      const now = await progress();
      return now.tick > start.tick + 30 && now.snapshots > start.snapshots + 30 ? now : undefined;
    }, 'the host to tick on and the player to get snapshots');
    const figures = (await demoState(player)).stats;
    console.log(`hostile peers vs a browser host: cut after ${cuts.join(', ')}; the player at ${figures?.snapshotsPerSecond.toFixed(1)} snapshots/s, tick ${after.tick}`);
    expect(pageErrors).toEqual([]);
    expect((await demoState(player)).screen).toBe('playing');
  });
});
