/**
 * A soak over a bad link the test controls, with real WebRTC in Chromium: a host and two clients
 * (one page, each with its own PeerJS peer and RTCPeerConnections) join through the real broker,
 * with ICE forced to relay through a coturn on 127.0.0.1 whose only address they know is the UDP
 * proxy in front of it. Every datagram between two peers crosses the proxy twice (sender to TURN,
 * TURN to receiver), so each crossing gets half the link: 25 ms + up to 10 ms of jitter and 5.13%
 * loss, which makes peer to peer, each way, 50 ms + up to 20 ms and 10% loss.
 *
 * The game plays a fixed number of host ticks while everyone steers along a script and both sides
 * send numbered reliable events; then input stops. Every event must arrive exactly once and in
 * order, every client must come to agree with the host, the proxy must have dropped about the
 * configured share, and WebRTC's own statistics must show the damage.
 */
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type Broker } from '../../peer-server/src/broker.js';
import { buildPage, type BuiltPage } from '../support/build-page.js';
import { launchChromium } from '../support/chromium.js';
import { startCoturn, type Coturn } from '../support/coturn.js';
import { splitInTwo, type Impairment } from '../support/delay-line.js';
import { startUdpProxy, type UdpProxy } from '../support/udp-proxy.js';
import { waitFor } from '../support/wait.js';
import type { LinkStats } from './pages/soak/link-stats.js';
import type {} from './pages/soak/main.js';

const pageRoot = fileURLToPath(new URL('./pages/soak', import.meta.url));

/** Peer to peer, each way. */
const LINK: Impairment = { delayMs: 50, jitterMs: 20, loss: 0.1 };
const CROSSING = splitInTwo(LINK);
const TICK_RATE = 60;
const SNAPSHOT_RATE = 30;
const PLAN = { ticks: 600, eventEveryTicks: 3, turnEveryTicks: 40 };
/** Host ticks the clients must go on agreeing with the host to count as converged. */
const SETTLE_TICKS = 60;

const upTo = (n: number) => Array.from({ length: n }, (_, i) => i);
const total = (links: readonly LinkStats[], pick: (l: LinkStats) => number) => links.reduce((sum, l) => sum + pick(l), 0);

describe('a game over a bad link through a TURN relay', () => {
  let built: BuiltPage;
  let broker: Broker;
  let coturn: Coturn;
  let proxy: UdpProxy;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    built = await buildPage(pageRoot);
    broker = await startBroker({ port: 0, staticDir: built.dir, iceServers: [] });
    coturn = await startCoturn();
    proxy = await startUdpProxy({ target: { host: '127.0.0.1', port: coturn.port }, toTarget: CROSSING, fromTarget: CROSSING, seed: 7 });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await coturn?.stop();
    await broker?.close();
    await built?.remove();
  });

  /** Opens the page and connects the host and both clients, relay only, through the proxy. */
  async function connect(): Promise<number> {
    page = await (await browser.newContext()).newPage();
    await page.goto(broker.url);
    const startedAt = Date.now();
    const iceServer = { ...coturn.iceServer, urls: `turn:127.0.0.1:${proxy.port}?transport=udp` };
    try {
      await page.evaluate((o) => window.soak.setup(o), { iceServers: [iceServer], tickRate: TICK_RATE, snapshotRate: SNAPSHOT_RATE, clients: 2, connectTimeoutMs: 30_000 });
      await waitFor(() => page.evaluate(() => window.soak.joined()), 'both clients to be let in and get a snapshot', 30_000, 50);
    } catch (error) {
      throw new Error(`${(error as Error).message}\nproxy: ${JSON.stringify(proxy.counters())}\ncoturn:\n${coturn.log().slice(-4000)}`, { cause: error });
    }
    return Date.now() - startedAt;
  }

  it('loses no reliable event and converges with 50 ms, 20 ms of jitter and 10% loss each way', async () => {
    const connectMs = await connect();
    await page.evaluate((plan) => window.soak.play(plan), PLAN);
    const events = PLAN.ticks / PLAN.eventEveryTicks;
    const report = await waitFor(
      async () => {
        const r = await page.evaluate(() => window.soak.report());
        const delivered = [...r.atHost, ...r.atClients].every((list) => list.length >= events);
        return delivered && r.agreeingSince !== undefined && r.hostTick - r.agreeingSince >= SETTLE_TICKS && r;
      },
      'every event to arrive and every client to agree with the host',
      45_000,
      100,
    );

    // Reliable events: exactly once, in order, both ways.
    expect(report.sent).toEqual({ host: events, clients: [events, events] });
    for (const received of report.atHost) expect(received).toEqual(upTo(events));
    for (const received of report.atClients) expect(received).toEqual(upTo(events));

    // Convergence where the script took the squares (about 200 units out), and nothing refused on the way.
    expect(report.squares).toHaveLength(3);
    for (const square of report.squares) expect(Math.hypot(square.x, square.y)).toBeGreaterThan(100);
    const convergeTicks = report.agreeingSince! - report.stopTick!;
    const clients = await page.evaluate(() => window.soak.clientStats());
    for (const stats of clients) expect(stats.invalidMessages).toBe(0);
    expect((await page.evaluate(() => window.soak.hostStats())).invalidMessages).toBe(0);

    // The proxy dropped about the configured share of what crossed it, each way.
    const { toTarget, fromTarget, flows } = proxy.counters();
    // One flow per RTCPeerConnection's TURN allocation: the host's two and one per client.
    expect(flows).toBeGreaterThanOrEqual(4);
    const dropRatio = (toTarget.dropped + fromTarget.dropped) / (toTarget.received + fromTarget.received);
    for (const side of [toTarget, fromTarget]) {
      expect(side.received).toBeGreaterThan(2000);
      expect(side.dropped).toBeGreaterThan(0);
      expect(Math.abs(side.dropped / side.received - CROSSING.loss)).toBeLessThan(0.02);
    }

    // What WebRTC itself saw: relayed, slow, and lossy, yet the reliable channel lost nothing.
    expect(await page.evaluate(() => window.soak.policies())).toEqual(['relay', 'relay', 'relay', 'relay']);
    const links = await waitFor(
      async () => {
        const l = await page.evaluate(() => window.soak.linkStats());
        const control = (pick: (c: { messagesSent: number; messagesReceived: number }) => number) =>
          total(l, (s) => pick(s.channels['tickwire-control'] ?? { messagesSent: 0, messagesReceived: 0 }));
        return control((c) => c.messagesSent) === control((c) => c.messagesReceived) && l;
      },
      'every reliable message in flight to arrive',
      20_000,
      100,
    );
    for (const link of links) {
      expect([link.localCandidate, link.remoteCandidate]).toEqual(['relay', 'relay']);
      // Two crossings each way at 25 ms or more: no round trip can be shorter than 100 ms.
      expect(link.rttSeconds).toBeGreaterThanOrEqual(0.1);
    }
    const packetsSent = total(links, (l) => l.packetsSent);
    const packetLoss = 1 - total(links, (l) => l.packetsReceived) / packetsSent;
    expect(packetLoss).toBeGreaterThan(0.05);
    expect(packetLoss).toBeLessThan(0.15);
    const state = (l: LinkStats) => l.channels['tickwire-state'] ?? { messagesSent: 0, messagesReceived: 0 };
    const stateLoss = 1 - total(links, (l) => state(l).messagesReceived) / total(links, (l) => state(l).messagesSent);
    expect(stateLoss).toBeGreaterThan(0.04);
    expect(stateLoss).toBeLessThan(0.17);
    const controlMessages = total(links, (l) => l.channels['tickwire-control']?.messagesReceived ?? 0);

    const seconds = PLAN.ticks / TICK_RATE;
    console.log(
      [
        `soak over relay (each crossing ${CROSSING.delayMs} ms + ${CROSSING.jitterMs} ms, ${(CROSSING.loss * 100).toFixed(2)}% loss): connected in ${connectMs} ms`,
        `proxy dropped ${toTarget.dropped}/${toTarget.received} to TURN and ${fromTarget.dropped}/${fromTarget.received} from TURN (${(dropRatio * 100).toFixed(2)}%)`,
        `events delivered ${events} each way per client, converged ${convergeTicks} ticks after input stopped`,
        `snapshots seen ${report.snapshotsDuringPlay.map((n) => (n / seconds).toFixed(1)).join(' and ')}/s of ${SNAPSHOT_RATE}/s`,
        `client rtt ${clients.map((c) => c.rttMs.toFixed(0)).join(', ')} ms, corrections ${clients.map((c) => c.corrections).join(', ')}`,
        `getStats: ICE rtt ${links.map((l) => ((l.rttSeconds ?? 0) * 1000).toFixed(0)).join(', ')} ms; packets lost ${(packetLoss * 100).toFixed(1)}% of ${packetsSent}; state messages lost ${(stateLoss * 100).toFixed(1)}%; control messages ${controlMessages}, none lost; checks answered ${total(links, (l) => l.checksAnswered)} of ${total(links, (l) => l.checksSent)}`,
      ].join('\n  '),
    );
  });
});
