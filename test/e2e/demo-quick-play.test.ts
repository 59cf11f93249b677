/**
 * Quick play in the arena demo, end to end: the real broker serves the built page, and Chromium
 * pages (each in a browser context of its own) find each other through the public list instead of
 * a code. With nothing open, Quick play says so and offers to host; a lobby created with "Public"
 * ticked shows in the list, Quick play joins it, and so does its Join button.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type Broker } from '../../peer-server/src/broker.js';
import { launchChromium } from '../support/chromium.js';
import { waitFor } from '../support/wait.js';
import { buildDemo, demoState, openDemo, playerCount } from './demo-players.js';

describe('quick play in the arena demo', () => {
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

  async function open(name: string): Promise<Page> {
    const page = await openDemo(browser, broker.url);
    pages.push(page);
    await page.getByTestId('name-input').fill(name);
    return page;
  }

  /** The code and the players shown for each lobby in `page`'s list of open lobbies. */
  async function openLobbies(page: Page): Promise<string[]> {
    return page
      .getByTestId('open-lobbies')
      .locator('li')
      .evaluateAll((items) => items.map((item) => `${(item as HTMLElement).dataset.code} ${item.textContent ?? ''}`));
  }

  /** Refreshes `page`'s list until it shows lobby `code` with `text` (its name, its players) in its line. */
  function listed(page: Page, code: string, text: readonly string[], what: string): Promise<true> {
    return waitFor(
      async () => {
        await page.getByTestId('refresh-lobbies').click();
        const lines = await openLobbies(page);
        return lines.some((line) => line.startsWith(code) && text.every((part) => line.includes(part)));
      },
      what,
      20_000,
      250,
    );
  }

  it('offers to host when nothing is open, then joins a public lobby by Quick play and by its Join button', async () => {
    const bob = await open('Bob');
    await bob.getByTestId('quick-play').click();
    await bob.getByTestId('no-open-lobby').waitFor({ state: 'visible' });
    expect(await bob.getByTestId('host-public').isVisible()).toBe(true);
    expect((await demoState(bob)).screen).toBe('start');

    const alice = await open('Alice');
    await alice.getByTestId('public-lobby').check();
    await alice.getByTestId('create-lobby').click();
    const codeShown = alice.getByTestId('lobby-code');
    await codeShown.waitFor({ state: 'visible', timeout: 20_000 });
    const code = (await codeShown.textContent())?.trim() ?? '';
    expect(code).toMatch(/^[A-Z0-9]{6}$/);

    // The list, refreshed by hand, shows the lobby under its host's name with its players.
    await listed(bob, code, ["Alice's arena", '1/8'], "Alice's lobby in Bob's list");

    await bob.getByTestId('quick-play').click();
    await Promise.all([playerCount(alice, 2), playerCount(bob, 2)]);
    expect(await demoState(bob)).toMatchObject({ isHost: false, lobbyCode: code, localPlayerId: 1 });

    // A third player picks the lobby from the list; it shows two players by now.
    const cid = await open('Cid');
    await listed(cid, code, ['2/8'], "the lobby in Cid's list with two players");
    await cid.getByTestId('open-lobbies').locator(`li[data-code="${code}"]`).getByTestId('join-public').click();
    await Promise.all([playerCount(alice, 3), playerCount(cid, 3)]);
    expect(await demoState(cid)).toMatchObject({ isHost: false, lobbyCode: code });
  });
});
