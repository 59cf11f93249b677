/**
 * Host migration in the arena demo, end to end: three Chromium pages play through the real broker,
 * the host's page is closed, one of the other two (the successor the host named) becomes the host,
 * the third plays on with the scores kept and is told who hosts now, and a fourth page joins by the
 * same lobby code.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type Broker } from '../../peer-server/src/broker.js';
import { launchChromium } from '../support/chromium.js';
import { waitFor } from '../support/wait.js';
import { buildDemo, createLobby, demoState, joinLobby, openDemo, playerCount } from './demo-players.js';

describe('host migration in the arena demo', () => {
  let built: Awaited<ReturnType<typeof buildDemo>>;
  let broker: Broker;
  let browser: Browser;
  const pages: Page[] = [];

  beforeAll(async () => {
    built = await buildDemo();
    broker = await startBroker({ port: 0, staticDir: built.dir, iceServers: [] });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const page of pages.splice(0)) await page.context().close();
    await browser?.close();
    await broker?.close();
    await built?.remove();
  });

  async function open(): Promise<Page> {
    const page = await openDemo(browser, broker.url);
    pages.push(page);
    return page;
  }

  /** Each player's score as `page` draws it, by player id. */
  async function scores(page: Page): Promise<Map<number, number>> {
    return new Map((await demoState(page)).players.map((p) => [p.id, p.score]));
  }

  /** The visible message of `page` once it matches `pattern`. */
  function messageMatching(page: Page, pattern: RegExp): Promise<string> {
    return waitFor(
      async () => {
        const box = page.getByTestId('error-message');
        const text = (await box.isVisible()) ? ((await box.textContent()) ?? '') : '';
        return pattern.test(text) ? text : undefined;
      },
      `a message matching ${pattern}`,
      20_000,
      50,
    );
  }

  it("the host's page closes: a player hosts, the other plays on with the scores kept, and Dee joins by the same code", async () => {
    const [ada, bob, cy] = [await open(), await open(), await open()];
    const code = await createLobby(ada, { name: 'Ada' });
    await joinLobby(bob, 'Bob', code);
    await playerCount(ada, 2);
    await joinLobby(cy, 'Cy', code);
    await Promise.all([playerCount(ada, 3), playerCount(bob, 3), playerCount(cy, 3)]);
    await ada.getByTestId('start-game').click();
    await waitFor(async () => (await demoState(cy)).started && (await demoState(bob)).started, 'the game to start');
    const ids = new Map([
      [bob, (await demoState(bob)).localPlayerId!],
      [cy, (await demoState(cy)).localPlayerId!],
    ]);
    const before = await scores(cy);

    await ada.close({ runBeforeUnload: true });
    // The successor is the heir with the best link (equal here) that joined first; either way, one
    // of the two hosts now and the other is told who.
    const host = await waitFor(async () => ((await demoState(bob)).isHost ? bob : (await demoState(cy)).isHost ? cy : undefined), 'a player to host the game', 20_000, 50);
    const player = host === bob ? cy : bob;
    await messageMatching(player, new RegExp(`Ada left, ${host === bob ? 'Bob' : 'Cy'} is hosting now`));
    expect((await demoState(host)).localPlayerId).toBe(ids.get(host));
    expect((await demoState(player)).localPlayerId).toBe(ids.get(player));
    await Promise.all([playerCount(host, 2), playerCount(player, 2)]);
    // Scores carried on: nobody's went back.
    const after = await scores(host);
    for (const id of ids.values()) expect(after.get(id) ?? -1).toBeGreaterThanOrEqual(before.get(id) ?? 0);
    expect((await demoState(host)).started).toBe(true);

    // The other plays on under the new host: its ship moves on the host's screen.
    const playerId = ids.get(player)!;
    const start = (await demoState(host)).players.find((p) => p.id === playerId)!;
    await player.keyboard.down('ArrowDown');
    try {
      await waitFor(async () => ((await demoState(host)).players.find((p) => p.id === playerId)?.y ?? start.y) > start.y + 40, "the player's ship to move on the host's screen", 15_000, 50);
    } finally {
      await player.keyboard.up('ArrowDown');
    }

    const dee = await open();
    await joinLobby(dee, 'Dee', code);
    await Promise.all([playerCount(host, 3), playerCount(dee, 3)]);
    expect((await demoState(dee)).lobbyCode).toBe(code);
  });
});
