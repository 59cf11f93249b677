/**
 * The headless peers, end to end: a dedicated host in Node and bots, each a child process started
 * as `npm run host` and `npm run bots` start them, with a Chromium page in the same lobby over real
 * WebRTC, through a broker on a free port that serves the built demo. Everything is read from what
 * the programs print (`--json`) and what the page shows; nothing waits for a fixed time.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotLine, BotReportLine } from '../../game-demo/headless/bot-lines.js';
import { HeadlessChild } from '../../game-demo/headless/headless-child.js';
import type { HostLine } from '../../game-demo/headless/host-lines.js';
import { startBroker, type Broker } from '../../peer-server/src/broker.js';
import { launchChromium } from '../support/chromium.js';
import { freePort } from '../support/ports.js';
import { waitFor } from '../support/wait.js';
import { buildDemo, demoState, errorMessage, holdKey, joinLobby, openDemo, ship } from './demo-players.js';


/** Where ship `id` is in a bot's report, if that bot draws it. */
function seen(report: BotReportLine, id: number): { x: number; y: number } | undefined {
  return report.ships.find((s) => s.id === id);
}

describe('headless peers: a dedicated Node host, bots and a browser in one lobby', () => {
  let built: Awaited<ReturnType<typeof buildDemo>>;
  let broker: Broker;
  let browser: Browser;
  const children: (HeadlessChild<HostLine> | HeadlessChild<BotLine>)[] = [];
  const pages: Page[] = [];

  beforeAll(async () => {
    built = await buildDemo();
    broker = await startBroker({ port: 0, staticDir: built.dir, iceServers: [] });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const child of children) child.kill();
    await Promise.all(children.map((child) => child.exited));
    for (const page of pages) await page.context().close();
    await browser?.close();
    await broker?.close();
    await built?.remove();
  });

  function host(args: readonly string[]): HeadlessChild<HostLine> {
    const child = HeadlessChild.host(args);
    children.push(child);
    return child;
  }

  function bots(args: readonly string[]): HeadlessChild<BotLine> {
    const child = HeadlessChild.bots(args);
    children.push(child);
    return child;
  }

  /** The flags every program here gets: this test's broker, no ICE servers, JSON lines. */
  const local = () => ['--broker', broker.url, '--ice-servers', '[]', '--json'];

  async function openLobby(): Promise<{ server: HeadlessChild<HostLine>; code: string }> {
    const server = host([...local(), '--tick-rate', '30', '--max-players', '8', '--stats-every', '1']);
    const lobby = await server.waitFor(() => server.events('lobby')[0], 'the host to open a lobby');
    expect(lobby).toMatchObject({ tickRate: 30, maxPlayers: 8, joinLink: `${broker.url}/?join=${lobby.code}` });
    return { server, code: lobby.code };
  }

  it('lets a page and two bots see each other move, and tells everyone when the host stops', async () => {
    const { server, code } = await openLobby();
    const page = await openDemo(browser, broker.url);
    pages.push(page);
    await joinLobby(page, 'Pat', code);
    // The dedicated host starts the match at once: the page goes straight to playing.
    const me = await waitFor(async () => {
      const state = await demoState(page);
      return state.screen === 'playing' ? state.localPlayerId : undefined;
    }, 'the page to be playing');

    const fleet = bots([...local(), '--code', code, '--count', '2', '--behaviour', 'wander', '--report-every', '0.2']);
    const botIds = await fleet.waitFor(() => {
      const joined = fleet.events('joined');
      return joined.length === 2 ? joined.map((line) => line.playerId) : undefined;
    }, 'both bots to join');
    await server.waitFor(() => (server.events('joined').length === 3 ? true : undefined), 'the host to log three joins');
    expect(server.events('joined').map((line) => line.name).sort()).toEqual(['Pat', 'bot 1', 'bot 2']);

    // The page sees both bots' ships move away from where it first drew them.
    const first = await Promise.all(botIds.map((id) => ship(page, id)));
    await waitFor(
      async () => {
        const { players } = await demoState(page);
        return botIds.every((id, i) => {
          const now = players.find((p) => p.id === id);
          return now !== undefined && Math.hypot(now.x - first[i]!.x, now.y - first[i]!.y) > 40;
        });
      },
      "both bots' ships to move on the page",
      20_000,
      50,
    );

    // Each bot sees the page's ship move: it flies left, and both bots report it there.
    const start = await ship(page, me!);
    await holdKey(page, 'ArrowLeft', async () => (await ship(page, me!)).x < start.x - 150, "the page's ship to travel left");
    for (const bot of [1, 2]) {
      await fleet.waitFor(
        () => fleet.events('report').find((r) => r.bot === bot && (seen(r, me!)?.x ?? Infinity) < start.x - 100),
        `bot ${bot} to see the page's ship move`,
      );
    }
    const stats = await server.waitFor(() => server.events('stats').find((line) => line.players === 3 && line.kbpsOutPerClient > 0), 'a stats line with three players');
    expect(stats.ticksPerSecond).toBeGreaterThan(25);
    const report = fleet.events('report').at(-1)!;
    expect(report.rttMs).toBeGreaterThan(0);
    expect(report.snapshotsPerSecond).toBeGreaterThan(10);

    // Ctrl-C on the host: it says goodbye to everyone; the page shows it, the bots say it and exit.
    server.signal('SIGINT');
    expect(await errorMessage(page, 5000)).toMatch(/host left/i);
    const ended = await fleet.waitFor(() => {
      const lines = fleet.events('ended');
      return lines.length === 2 ? lines : undefined;
    }, 'both bots to hear that the host left');
    for (const line of ended) expect(line.message).toMatch(/host left/i);
    expect(await fleet.exited).toEqual({ code: 0, signal: null });
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.events('closing')).toHaveLength(1);
  });

  it('makes the bots say goodbye on Ctrl-C, so the host sees them leave', async () => {
    const { server, code } = await openLobby();
    const fleet = bots([...local(), '--code', code, '--count', '2', '--report-every', '0']);
    await fleet.waitFor(() => (fleet.events('joined').length === 2 ? true : undefined), 'both bots to join');
    fleet.signal('SIGINT');
    expect(await fleet.exited).toEqual({ code: 0, signal: null });
    const left = await server.waitFor(() => {
      const lines = server.events('left');
      return lines.length === 2 ? lines : undefined;
    }, 'the host to see both bots leave');
    // `closed`: each bot said goodbye; a bot that just vanished would be `connection_lost`.
    expect(left.map((line) => line.reason)).toEqual(['closed', 'closed']);
    expect(left.at(-1)!.players).toBe(0);
    expect(await server.stop()).toEqual({ code: 0, signal: null });
  });

  it('tells a page and a bot within the timeout when the host crashes without a goodbye', async () => {
    const { server, code } = await openLobby();
    const page = await openDemo(browser, broker.url);
    pages.push(page);
    await joinLobby(page, 'Pat', code);
    await waitFor(async () => (await demoState(page)).screen === 'playing', 'the page to be playing', 30_000);
    const fleet = bots([...local(), '--code', code, '--count', '1', '--report-every', '0']);
    await fleet.waitFor(() => (fleet.events('joined').length === 1 ? true : undefined), 'the bot to join');
    server.kill();
    expect(await server.exited).toEqual({ code: null, signal: 'SIGKILL' });
    // No goodbye: the link goes silent, the client tries to get its seat back, finds the lobby gone.
    // The page may first say it is reconnecting; what it ends with is that the host is gone.
    const gone = /host (left|stopped answering)/i;
    await waitFor(async () => gone.test(await errorMessage(page, 30_000)), 'the page to say the host is gone', 30_000);
    const ended = await fleet.waitFor(() => fleet.events('ended')[0], 'the bot to hear the host is gone', 30_000);
    expect(ended.message).toMatch(/host/i);
    expect(await fleet.exited).toMatchObject({ signal: null });
  }, 60_000);

  it('ends with a clear message and a non-zero status for a wrong code, a missing broker or a bad flag', async () => {
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const cases = [
      { child: bots([...local(), '--code', 'ZZZZZZ', '--count', '2']), status: 1, message: /no lobby with the code "ZZZZZZ"/ },
      { child: bots(['--broker', nowhere, '--code', 'ABCDEF']), status: 1, message: /cannot reach the broker/i },
      { child: host(['--broker', nowhere]), status: 1, message: /cannot reach the broker/i },
      { child: bots([...local(), '--code', 'ABCDEF', '--count', 'lots']), status: 2, message: /--count must be an integer from 1 to 64, got "lots"/ },
      { child: bots([...local()]), status: 2, message: /--code is required/ },
      { child: host([...local(), '--tick-rate', '7']), status: 2, message: /--tick-rate must be an integer from 20 to 120, got 7/ },
    ];
    for (const { child, status, message } of cases) {
      expect(await child.exited).toEqual({ code: status, signal: null });
      expect(child.text()).toMatch(message);
      expect(child.text()).not.toContain('"event":"joined"');
    }
  });
});
