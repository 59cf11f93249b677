/**
 * The demo in two browsers, one of whose peer connection is torn down mid-game (as a network that
 * drops does, with no goodbye): the player is told it is reconnecting, comes back on a new
 * connection in its own seat, and both pages see it play on.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type Broker } from '../../peer-server/src/broker.js';
import { launchChromium } from '../support/chromium.js';
import { waitFor } from '../support/wait.js';
import { buildDemo, createLobby, demoState, holdKey, joinLobby, openDemo, playerCount, ship } from './demo-players.js';

declare global {
  interface Window {
    /** Every peer connection the page made: the test breaks them. */
    peerConnections: RTCPeerConnection[];
  }
}

describe('the arena demo when a player’s connection drops', () => {
  let built: Awaited<ReturnType<typeof buildDemo>>;
  let broker: Broker;
  let browser: Browser;

  beforeAll(async () => {
    built = await buildDemo();
    broker = await startBroker({ port: 0, staticDir: built.dir, iceServers: [] });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await broker?.close();
    await built?.remove();
  });

  /** The demo, with every peer connection the page makes kept where the test can break it. */
  function open(): Promise<Page> {
    return openDemo(browser, broker.url, '', () => {
      const Native = window.RTCPeerConnection;
      window.peerConnections = [];
      window.RTCPeerConnection = class extends Native {
        constructor(config?: RTCConfiguration) {
          super(config);
          window.peerConnections.push(this);
        }
      };
    });
  }

  it('brings the player back to its own seat and lets it play on', async () => {
    const [a, b] = [await open(), await open()];
    const code = await createLobby(a, { name: 'Alice', tickRate: '30' });
    await joinLobby(b, 'Bob', code);
    await Promise.all([playerCount(a, 2), playerCount(b, 2)]);
    await a.getByTestId('start-game').click();
    await waitFor(async () => (await demoState(b)).started, 'the game to start');
    const bob = (await demoState(b)).localPlayerId!;
    const start = await ship(a, bob);
    await holdKey(b, 'ArrowRight', async () => (await ship(a, bob)).x > start.x + 20, 'Bob to move right, as Alice sees it');

    // Every text the warning shows, recorded in the page as it changes, so a short-lived one is not missed.
    await b.evaluate(() => {
      const box = document.getElementById('error-message')!;
      const seen: string[] = [];
      Object.assign(window, { seenWarnings: seen });
      new MutationObserver(() => box.textContent && seen.push(box.textContent)).observe(box, { childList: true, characterData: true, subtree: true });
    });
    const warnings = () => b.evaluate(() => (window as unknown as { seenWarnings: string[] }).seenWarnings);
    const broken = await b.evaluate(() => {
      for (const pc of window.peerConnections) pc.close();
      return window.peerConnections.length;
    });
    expect(broken).toBeGreaterThan(0);
    await waitFor(async () => (await warnings()).some((w) => w.includes('Reconnecting')), 'Bob to be told he is reconnecting');
    await waitFor(async () => !(await b.getByTestId('error-message').isVisible()), 'the warning to go once Bob is back', 20_000);
    const back = await demoState(b);
    expect(back.localPlayerId).toBe(bob);
    expect(back.screen).not.toBe('ended');
    await waitFor(async () => (await demoState(a)).players.map((p) => p.name).sort().join() === 'Alice,Bob', 'Alice to list Bob as playing again');
    const before = await ship(a, bob);
    await holdKey(b, 'ArrowDown', async () => (await ship(a, bob)).y > before.y + 20, 'Bob to move down after coming back, as Alice sees it');
    await Promise.all([a.context().close(), b.context().close()]);
  }, 90_000);
});
