/**
 * Proximity voice chat in the demo, end to end: Chromium pages with a fake microphone (a beeping
 * tone) talk over WebRTC audio links of their own, peer to peer, their signaling relayed by the
 * host. Heard by `getStats()`: packets arriving and a level above zero; quieter with distance;
 * silent when muted; a third player joining mid-game hears both; once relayed through coturn only.
 * A page without a microphone permission says so and plays on.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type Broker } from '../../peer-server/src/broker.js';
import { startCoturn, type Coturn } from '../support/coturn.js';
import { waitFor } from '../support/wait.js';
import { buildDemo, createLobby, demoState, holdKey, joinLobby, openDemo, playerCount, ship } from './demo-players.js';
import { gainFor, hears, launchVoiceChromium, silent, turnVoiceOn, voiceState, voiceStats } from './voice-players.js';

describe('proximity voice chat in the demo', () => {
  let built: Awaited<ReturnType<typeof buildDemo>>;
  let broker: Broker;
  let browser: Browser;
  const pages: Page[] = [];

  beforeAll(async () => {
    built = await buildDemo();
    broker = await startBroker({ port: 0, staticDir: built.dir, iceServers: [] });
    browser = await launchVoiceChromium('granted');
  });

  afterAll(async () => {
    await browser?.close();
    await broker?.close();
    await built?.remove();
  });

  async function open(on: Browser, url: string, query = ''): Promise<Page> {
    const page = await openDemo(on, url, query);
    pages.push(page);
    return page;
  }

  async function closeAll(): Promise<void> {
    for (const page of pages.splice(0)) await page.context().close();
  }

  /** A hosts (player 0), B joins (player 1), A starts the game. */
  async function startPair(on: Browser, url: string, query = ''): Promise<{ a: Page; b: Page; code: string }> {
    const [a, b] = [await open(on, url, query), await open(on, url, query)];
    const code = await createLobby(a, { name: 'Alice' });
    await joinLobby(b, 'Bob', code);
    await Promise.all([playerCount(a, 2), playerCount(b, 2)]);
    await a.getByTestId('start-game').click();
    await waitFor(async () => (await demoState(b)).started, 'the game to start');
    return { a, b, code };
  }

  it('carries voice both ways, quieter with distance, silent when muted, and to a player who joins mid-game', async () => {
    try {
      const { a, b, code } = await startPair(browser, broker.url);
      // Turned on in the lobby's sidebar, which stays in the game.
      expect(await a.getByTestId('voice-status').textContent()).toBe('Voice chat is off.');
      await turnVoiceOn(a);
      await turnVoiceOn(b);
      const bHearsA = await hears(b, 0);
      const aHearsB = await hears(a, 1);
      expect(bHearsA.localCandidate).toBe('host');
      expect(aHearsB.bytesReceived).toBeGreaterThan(0);
      await waitFor(async () => (await voiceState(b)).peers.some((p) => p.playerId === 0 && p.speaking), "B to see A speaking (the ring around A's ship)");

      // A third player joins the running game and hears both; both hear it.
      const c = await open(browser, broker.url);
      await joinLobby(c, 'Carol', code);
      await Promise.all([playerCount(a, 3), playerCount(c, 3)]);
      await turnVoiceOn(c);
      await Promise.all([hears(c, 0), hears(c, 1), hears(a, 2), hears(b, 2)]);
      expect((await voiceState(c)).peers.map((p) => p.playerId).sort()).toEqual([0, 1]);

      // Proximity: B flies towards A and A gets louder, then away and A gets quieter.
      const start = await ship(b, 1);
      const near = await (async () => {
        await holdKey(b, 'ArrowLeft', async () => (await ship(b, 1)).x < start.x - 300, 'B to fly towards A');
        return waitFor(async () => gainFor(b, 0), "B's gain for A");
      })();
      await holdKey(b, 'ArrowRight', async () => (await ship(b, 1)).x > start.x - 30, 'B to fly away from A');
      const far = await waitFor(async () => {
        const gain = await gainFor(b, 0);
        return gain !== undefined && gain < near ? gain : undefined;
      }, "B's gain for A to fall");
      console.log(`[voice] B's gain for A: ${near.toFixed(3)} near, ${far.toFixed(3)} far`);
      expect(near).toBeGreaterThan(far);

      // A mutes: its packets stop reaching B and C; B and C still hear each other.
      await a.getByTestId('voice-toggle').click();
      expect((await voiceState(a)).status).toBe('muted');
      await Promise.all([silent(b, 0), silent(c, 0)]);
      await hears(b, 2);
      // Push to talk: V held sends again.
      await a.keyboard.down('v');
      try {
        await hears(b, 0);
      } finally {
        await a.keyboard.up('v');
      }
      await silent(b, 0);

      // C leaves: its links close on both sides.
      await c.getByTestId('leave-game').click();
      await waitFor(async () => !(await voiceState(a)).peers.some((p) => p.playerId === 2), "A's link with C to close");
      expect(await voiceStats(b, 2)).toBeUndefined();
    } finally {
      await closeAll();
    }
  });

  it('carries voice relayed through coturn when every link must use TURN', async () => {
    let coturn: Coturn | undefined;
    let relayBroker: Broker | undefined;
    try {
      coturn = await startCoturn();
      relayBroker = await startBroker({ port: 0, staticDir: built.dir, iceServers: [coturn.iceServer] });
      const { a, b } = await startPair(browser, relayBroker.url, '?ice=relay');
      await turnVoiceOn(a);
      await turnVoiceOn(b);
      const heard = await hears(b, 0, 45_000);
      expect([heard.localCandidate, heard.remoteCandidate]).toEqual(['relay', 'relay']);
      await hears(a, 1, 45_000);
    } finally {
      await closeAll();
      await relayBroker?.close();
      await coturn?.stop();
    }
  });

  it('says so when the microphone is refused, and the game plays on without voice', async () => {
    const refusing = await launchVoiceChromium('refused');
    try {
      const a = await open(refusing, broker.url);
      const b = await open(browser, broker.url);
      const code = await createLobby(a, { name: 'Alice' });
      await joinLobby(b, 'Bob', code);
      await Promise.all([playerCount(a, 2), playerCount(b, 2)]);
      const refused = await turnVoiceOn(a, 'unavailable');
      expect(refused.message).toMatch(/^(Microphone blocked|No microphone found).*the game goes on without it/);
      await expect(a.getByTestId('voice-status').textContent()).resolves.toBe(refused.message);
      // B has voice on; A has none: no link, and nothing breaks.
      await turnVoiceOn(b);
      await a.getByTestId('start-game').click();
      await waitFor(async () => (await demoState(b)).started, 'the game to start');
      const before = await ship(a, 1);
      await holdKey(b, 'ArrowUp', async () => (await ship(a, 1)).y < before.y - 100, "B's move to show on A's screen");
      expect((await voiceState(b)).peers).toEqual([]);
      expect((await demoState(a)).screen).toBe('playing');
    } finally {
      await closeAll();
      await refusing.close();
    }
  });
});
