/**
 * The arena demo, end to end: the real broker serves the built page, two or three Chromium pages
 * (each in a browser context of its own) play through a lobby code over real WebRTC.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type Broker } from '../../peer-server/src/broker.js';
import { SPAWNS } from '../../game-demo/src/sim/level.js';
import { SHIP_HP } from '../../game-demo/src/sim/rules.js';
import { launchChromium } from '../support/chromium.js';
import { waitFor } from '../support/wait.js';
import type { DemoState } from '../../game-demo/src/ui/test-hooks.js';
import { buildDemo, createLobby, demoState, errorMessage, holdKey, joinLobby, openDemo, playerCount, ship, type LobbyChoices } from './demo-players.js';

const artifacts = fileURLToPath(new URL('../../test-results/', import.meta.url));

describe('the arena demo in two browsers', () => {
  let built: Awaited<ReturnType<typeof buildDemo>>;
  let broker: Broker;
  let browser: Browser;
  const pages: Page[] = [];

  beforeAll(async () => {
    built = await buildDemo();
    broker = await startBroker({ port: 0, staticDir: built.dir, iceServers: [] });
    browser = await launchChromium();
    await mkdir(artifacts, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await broker?.close();
    await built?.remove();
  });

  async function open(query = ''): Promise<Page> {
    const page = await openDemo(browser, broker.url, query);
    pages.push(page);
    return page;
  }

  async function closeAll(): Promise<void> {
    for (const page of pages.splice(0)) await page.context().close();
  }

  /** A hosts, B joins by typing the code, A starts the game; both list both players. */
  async function startPair(choices: LobbyChoices): Promise<{ a: Page; b: Page }> {
    const [a, b] = [await open(), await open()];
    const code = await createLobby(a, choices);
    expect(code).toMatch(/^[A-Z0-9]{4,8}$/);
    await joinLobby(b, 'Bob', code);
    await Promise.all([playerCount(a, 2), playerCount(b, 2)]);
    await a.getByTestId('start-game').click();
    await waitFor(async () => (await demoState(b)).started && (await demoState(a)).started, 'the game to start on both pages');
    return { a, b };
  }

  /** Whether `page` shows `target` hit by `shooter`: health lost, and as many points scored. */
  async function hit(page: Page, shooter: number, target: number): Promise<boolean> {
    const [by, on] = [await ship(page, shooter), await ship(page, target)];
    return on.hp < SHIP_HP && by.score === SHIP_HP - on.hp && on.deaths === 0;
  }

  /**
   * Logs the net graph's figures as both sides show them. `settled` waits until both sides have
   * exchanged enough reports for the loss figures; otherwise the figures are taken as they are.
   */
  async function logNetFigures(label: string, a: Page, b: Page, settled: boolean): Promise<void> {
    const measured = async (page: Page) => {
      const stats = (await demoState(page)).stats;
      const ready = stats && stats.link.rttMs !== undefined && stats.snapshotBytes > 0;
      return ready && (!settled || (stats.link.lossIn !== undefined && stats.link.lossOut !== undefined)) ? stats : undefined;
    };
    const host = await waitFor(() => measured(a), 'the host to measure its link', 20_000, 100);
    const client = await waitFor(() => measured(b), 'the client to measure its link', 20_000, 100);
    const peer = host.peers[0];
    const f = (v: number | undefined, digits = 1) => (v === undefined ? '–' : v.toFixed(digits));
    console.log(
      `[net graph ${label}] client: rtt ${f(client.link.rttMs)} ms, kbps in ${f(client.link.kbpsIn)} out ${f(client.link.kbpsOut)}, ` +
        `snapshot ${client.snapshotBytes} B at ${f(client.snapshotsPerSecond)}/s, interpolation ${f(client.interpolationDelayMs, 0)} ms, ` +
        `loss in ${f(client.link.lossIn, 3)} out ${f(client.link.lossOut, 3)}, corrections ${client.corrections}, ICE ${client.link.candidate ?? '–'} | ` +
        `host, for this client: rtt ${f(peer?.rttMs)} ms, kbps in ${f(peer?.kbpsIn)} out ${f(peer?.kbpsOut)}, snapshot ${f(host.snapshotBytes, 0)} B, ICE ${peer?.candidate ?? '–'}, ` +
        `inputs late ${peer?.inputs.late ?? '–'} missing ${peer?.inputs.missing ?? '–'}`,
    );
    expect(client.link.kbpsIn).toBeGreaterThan(0);
    expect(host.link.kbpsOut).toBeGreaterThan(0);
    // The host's own figures of the clients' inputs, shown to the host only.
    expect(host.inputs).toEqual({ late: expect.any(Number), missing: expect.any(Number) });
    expect(peer?.inputs.late).toBeLessThanOrEqual(host.inputs!.late);
    expect(client.inputs).toBeUndefined();
  }

  it('moves a joined player the same way on both screens, and both settle on the same positions', async () => {
    try {
      const { a, b } = await startPair({ name: 'Alice', tickRate: '60' });
      const [sa, sb] = [await demoState(a), await demoState(b)];
      expect(sa).toMatchObject({ isHost: true, localPlayerId: 0 });
      expect(sb).toMatchObject({ isHost: false, localPlayerId: 1 });
      // Headless Chromium's WebGL runs in software, so the demo draws with Phaser's Canvas renderer.
      expect([sa.renderer, sb.renderer]).toEqual(['canvas', 'canvas']);
      const start = await ship(a, 1);
      expect(start).toMatchObject({ x: SPAWNS[1]!.x, y: SPAWNS[1]!.y });
      await holdKey(b, 'ArrowLeft', async () => (await ship(b, 1)).x < start.x - 200, 'B to travel left for about a second');
      await logNetFigures('60 Hz, B moving', a, b, false);
      await waitFor(async () => (await ship(a, 1)).x < start.x - 150, "B's move to show on A's screen");
      const seenByA = await ship(a, 1);
      expect(Math.abs(seenByA.y - start.y)).toBeLessThan(1);
      const settled = await waitFor(async () => {
        const views = [await demoState(a), await demoState(b)];
        const at = (view: DemoState, id: number) => view.players.find((p) => p.id === id);
        const rest = views.every((view) => [0, 1].every((id) => at(view, id)?.vx === 0 && at(view, id)?.vy === 0));
        const agree = [0, 1].every((id) => {
          const [pa, pb] = [at(views[0]!, id), at(views[1]!, id)];
          return pa && pb && Math.abs(pa.x - pb.x) <= 1 && Math.abs(pa.y - pb.y) <= 1;
        });
        return rest && agree ? views : undefined;
      }, 'both pages to show both ships at rest in the same places');
      const [onA, onB] = settled.map((view) => view.players.find((p) => p.id === 1)!);
      expect(onA!.x).toBeLessThan(start.x - 150);
      expect(Math.abs(onA!.x - onB!.x)).toBeLessThanOrEqual(1);
      await a.screenshot({ path: `${artifacts}demo-host-60hz.png` });
      await b.screenshot({ path: `${artifacts}demo-client-60hz.png` });
      await logNetFigures('60 Hz, at rest', a, b, true);

      // The host copies the code (or, without clipboard access, gets it selected) and shares the link.
      await a.getByTestId('copy-code').click();
      await expect(a.locator('#copied').textContent()).resolves.toMatch(/copied|selected/);
      // A third player joins the running game through the host's join link.
      const link = await a.getByTestId('join-link').getAttribute('href');
      expect(link).toContain(`?join=${sa.lobbyCode}`);
      const c = await open(link!.slice(link!.indexOf('?')));
      await expect(c.getByTestId('join-code-input').inputValue()).resolves.toBe(sa.lobbyCode);
      await c.getByTestId('name-input').fill('Carol');
      await c.getByTestId('join-lobby').click();
      await Promise.all([playerCount(a, 3), playerCount(b, 3), playerCount(c, 3)]);
      expect((await demoState(c)).started).toBe(true);
      await ship(c, 1);

      // A player who leaves disappears from the others' lists and arenas.
      await b.getByTestId('leave-game').click();
      await Promise.all([playerCount(a, 2), playerCount(c, 2)]);
      for (const page of [a, c]) await waitFor(async () => (await demoState(page)).players.every((p) => p.id !== 1), "B's ship to leave the arena");
    } finally {
      await closeAll();
    }
  });

  it('registers a shot from each player on the other on both pages (30 Hz)', async () => {
    try {
      const { a, b } = await startPair({ name: 'Alice', tickRate: '30' });
      // The first two spawns face each other across a clear line: A fires right at B, B left at A.
      await holdKey(a, 'Space', async () => (await demoState(a)).shots.some((s) => s.owner === 0), 'A to fire');
      for (const page of [a, b]) await waitFor(() => hit(page, 0, 1), 'the hit on B to show', 10_000, 20);
      await b.keyboard.press('KeyN');
      await expect(b.getByTestId('net-graph').isVisible()).resolves.toBe(true);
      // B's own shot is drawn from its prediction: it leaves B's nose at once, before the host has it.
      // Held until the host has the shot too: a fire input that reached the host late is repeated
      // only while the key is still down.
      const fired = async (page: Page) => (await demoState(page)).shots.some((s) => s.owner === 1);
      await holdKey(b, 'Space', async () => (await fired(b)) && (await fired(a)), 'B to fire, on both pages');
      await b.screenshot({ path: `${artifacts}demo-client-net-graph.png` });
      for (const page of [a, b]) await waitFor(() => hit(page, 1, 0), 'the hit on A to show', 10_000, 20);
      await a.screenshot({ path: `${artifacts}demo-host-30hz.png` });
      await logNetFigures('30 Hz, after the shots', a, b, true);
      const before = await ship(b, 1);
      await holdKey(b, 'ArrowUp', async () => (await ship(b, 1)).y < before.y - 150, 'B to travel up');
      await logNetFigures('30 Hz, B moving', a, b, false);
    } finally {
      await closeAll();
    }
  });

  it('explains a wrong code and a full lobby; a host who leaves hands the game to its player', async () => {
    try {
      const stranger = await open();
      await joinLobby(stranger, 'Eve', 'ZZZZZZ');
      expect(await errorMessage(stranger)).toMatch(/no lobby/i);
      await stranger.getByTestId('back-to-start').click();
      await expect(stranger.getByTestId('join-code-input').isVisible()).resolves.toBe(true);

      // The host draws with WebGL here (forced; in software), to show that renderer works headless too.
      const [a, b] = [await open('?renderer=webgl'), await open()];
      expect((await demoState(a)).renderer).toBe('webgl');
      const code = await createLobby(a, { name: 'Alice', maxPlayers: '2' });
      await joinLobby(b, 'Bob', code);
      await Promise.all([playerCount(a, 2), playerCount(b, 2)]);
      await ship(a, 1);
      await a.screenshot({ path: `${artifacts}demo-host-webgl.png` });
      await stranger.getByTestId('join-code-input').fill('');
      await joinLobby(stranger, 'Eve', code);
      expect(await errorMessage(stranger)).toMatch(/full/i);

      // The host's tab leaves on `pagehide`, at once rather than ten seconds later by a timeout, and
      // the game goes on: its one player takes it over (host migration).
      await a.close({ runBeforeUnload: true });
      await waitFor(async () => /you are hosting the game now/i.test(await errorMessage(b)), 'the player to say it hosts the game now');
      expect((await demoState(b)).isHost).toBe(true);
    } finally {
      await closeAll();
    }
  });

  it('warns both players while the broker is away, plays on, and clears the warning when it is back', async () => {
    // The same secret across the restart is what lets the peers back in under their ids and codes.
    const secret = 'e2e-broker-restart-secret'.padEnd(40, '-');
    let own = await startBroker({ port: 0, staticDir: built.dir, iceServers: [], secret });
    const port = own.port;
    try {
      const [a, b, c] = [await openDemo(browser, own.url), await openDemo(browser, own.url), await openDemo(browser, own.url)];
      pages.push(a, b, c);
      const code = await createLobby(a, { name: 'Alice' });
      await joinLobby(b, 'Bob', code);
      await Promise.all([playerCount(a, 2), playerCount(b, 2)]);
      await a.getByTestId('start-game').click();
      await waitFor(async () => (await demoState(b)).started, 'the game to start');
      await own.close();
      for (const page of [a, b]) expect(await errorMessage(page)).toMatch(/lost the connection to the broker.*reconnecting/i);
      // A new player cannot get in meanwhile, and is told why.
      await joinLobby(c, 'Cy', code);
      expect(await errorMessage(c)).toMatch(/cannot reach the broker/i);
      const start = await ship(a, 1);
      await holdKey(b, 'ArrowDown', async () => (await ship(a, 1)).y > start.y + 50, "B's move to reach A without the broker");

      own = await startBroker({ port, staticDir: built.dir, iceServers: [], secret });
      const warningGone = async (page: Page) => !(await page.getByTestId('error-message').isVisible());
      await waitFor(async () => (await warningGone(a)) && (await warningGone(b)), 'the broker warning to clear', 30_000, 50);
      const d = await openDemo(browser, own.url);
      pages.push(d);
      await joinLobby(d, 'Dee', code);
      await Promise.all([playerCount(a, 3), playerCount(d, 3)]);
    } finally {
      await closeAll();
      await own.close();
    }
  });
});
