/**
 * Driving the arena demo in Chromium as a player would: through its start screen, its buttons and
 * the keyboard, reading back only `window.tickwireDemo` and what is on screen.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import type { DemoPlayer, DemoState } from '../../game-demo/src/ui/test-hooks.js';
import { waitFor } from '../support/wait.js';

const demoRoot = fileURLToPath(new URL('../../game-demo', import.meta.url));

/** The demo built by vite into a temporary folder, as `npm start` builds it. */
export async function buildDemo(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tickwire-demo-'));
  await build({ root: demoRoot, configFile: false, logLevel: 'error', build: { outDir: dir, emptyOutDir: true, chunkSizeWarningLimit: 4096 } });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * A fresh page in a browser context of its own, with the demo open (`query` such as
 * `?renderer=webgl`); `init` runs in the page before the demo's own scripts.
 */
export async function openDemo(browser: Browser, url: string, query = '', init?: () => void): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 760 } });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.warn(`page error: ${error.message}`));
  await page.goto(`${url}/${query}`);
  await page.waitForFunction(() => window.tickwireDemo !== undefined);
  return page;
}

export function demoState(page: Page): Promise<DemoState> {
  return page.evaluate(() => window.tickwireDemo.state());
}

/** The ship of player `id` as `page` draws it, once it does. */
export async function ship(page: Page, id: number): Promise<DemoPlayer> {
  return waitFor(async () => (await demoState(page)).players.find((p) => p.id === id), `player ${id} on screen`);
}

export interface LobbyChoices {
  readonly name: string;
  readonly tickRate?: '20' | '30' | '60';
  readonly reliability?: 'unreliable' | 'reliable';
  readonly maxPlayers?: string;
}

/** Creates a lobby from the start screen; returns its code. */
export async function createLobby(page: Page, choices: LobbyChoices): Promise<string> {
  await page.getByTestId('name-input').fill(choices.name);
  await page.getByTestId('tick-rate').selectOption(choices.tickRate ?? '60');
  await page.getByTestId('snapshot-reliability').selectOption(choices.reliability ?? 'unreliable');
  if (choices.maxPlayers) await page.getByTestId('max-players').selectOption(choices.maxPlayers);
  await page.getByTestId('create-lobby').click();
  const code = page.getByTestId('lobby-code');
  await code.waitFor({ state: 'visible', timeout: 20_000 });
  return (await code.textContent())?.trim() ?? '';
}

/** Types `code` into the join field and presses Join. */
export async function joinLobby(page: Page, name: string, code: string): Promise<void> {
  await page.getByTestId('name-input').fill(name);
  await page.getByTestId('join-code-input').pressSequentially(code);
  await page.getByTestId('join-lobby').click();
}

/** Waits until `page` lists `count` players. */
export function playerCount(page: Page, count: number): Promise<true> {
  return waitFor(async () => (await page.getByTestId('player-list').locator('li').count()) === count, `${count} players listed`, 20_000);
}

/** Holds `key` on `page` until `done` says so, then lets go. */
export async function holdKey(page: Page, key: string, done: () => Promise<boolean>, what: string): Promise<void> {
  await page.keyboard.down(key);
  try {
    await waitFor(done, what, 10_000, 20);
  } finally {
    await page.keyboard.up(key);
  }
}

/** The visible error message, once there is one. */
export function errorMessage(page: Page, timeoutMs = 20_000): Promise<string> {
  return waitFor(
    async () => {
      const box = page.getByTestId('error-message');
      return (await box.isVisible()) ? ((await box.textContent()) ?? '') : undefined;
    },
    'an error message',
    timeoutMs,
    20,
  );
}
