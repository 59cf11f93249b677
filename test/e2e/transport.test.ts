/**
 * The engine's PeerJS transport between two real Chromium pages, through the real broker: once
 * directly, and once forced through a coturn relay on 127.0.0.1.
 */
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type Broker } from '../../peer-server/src/broker.js';
import { buildPage, type BuiltPage } from '../support/build-page.js';
import { launchChromium } from '../support/chromium.js';
import { startCoturn } from '../support/coturn.js';
import { waitFor } from '../support/wait.js';
import type { ProbeOptions } from './pages/transport/main.js';

const pageRoot = fileURLToPath(new URL('./pages/transport', import.meta.url));

describe('PeerJS transport between two Chromium pages', () => {
  let built: BuiltPage;
  let broker: Broker;
  let browser: Browser;

  beforeAll(async () => {
    built = await buildPage(pageRoot);
    broker = await startBroker({ port: 0, staticDir: built.dir, iceServers: [] });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await broker?.close();
    await built?.remove();
  });

  /** Opens two pages in separate browser contexts, one hosting and one joining by lobby code. */
  async function connectPair(options: ProbeOptions): Promise<{ host: Page; guest: Page }> {
    const [host, guest] = await Promise.all([browser.newContext(), browser.newContext()].map(async (c) => (await c).newPage()));
    await Promise.all([host!.goto(broker.url), guest!.goto(broker.url)]);
    const { code } = await host!.evaluate((o) => window.transportProbe.host(o), options);
    await guest!.evaluate(([c, o]) => window.transportProbe.join(c, o), [code, options] as const);
    await host!.waitForFunction(() => window.transportProbe.peers().length === 1);
    return { host: host!, guest: guest! };
  }

  /**
   * Control: 200 messages each way arrive exactly once and in order. State: unreliable, so bursts
   * are sent until some arrive, and every one that does is one that was sent, at most once.
   */
  async function exchange(host: Page, guest: Page): Promise<void> {
    const count = 200;
    const inOrder = Array.from({ length: count }, (_, i) => i);
    for (const [from, to] of [
      [host, guest],
      [guest, host],
    ] as const) {
      expect(await from.evaluate((n) => window.transportProbe.send('control', n), count)).toBe(count);
      await to.waitForFunction((n) => window.transportProbe.received().control.length >= n, count);
      expect((await to.evaluate(() => window.transportProbe.received())).control).toEqual(inOrder);
      let sent = 0;
      await waitFor(async () => {
        sent += await from.evaluate(() => window.transportProbe.send('state', 20));
        return (await to.evaluate(() => window.transportProbe.received().state.length)) > 0;
      }, 'state messages to arrive');
      const state = (await to.evaluate(() => window.transportProbe.received())).state;
      expect(state.length).toBeLessThanOrEqual(sent);
      expect(state.every((n) => n >= 0 && n < 20)).toBe(true);
    }
  }

  it('exchanges messages on both channels', async () => {
    const { host, guest } = await connectPair({ iceServers: [] });
    await exchange(host, guest);
    await host.context().close();
    await guest.context().close();
  });

  it('runs relay to relay through coturn when ICE is forced to relay', async () => {
    const coturn = await startCoturn();
    try {
      const options: ProbeOptions = { iceServers: [coturn.iceServer], iceTransportPolicy: 'relay' };
      const { host, guest } = await connectPair(options);
      await exchange(host, guest);
      expect(await guest.evaluate(() => window.transportProbe.candidatePair())).toEqual({ local: 'relay', remote: 'relay' });
      expect(await host.evaluate(() => window.transportProbe.candidatePair())).toEqual({ local: 'relay', remote: 'relay' });
      await host.context().close();
      await guest.context().close();
    } finally {
      await coturn.stop();
    }
  });
});
