/**
 * Measures the demo's voice chat in Chromium with fake microphones (a beeping tone): three players
 * in one game, every one talking, for `--seconds` (default 10) once all hear each other. Prints,
 * per voice stream, the kbps received (RTP payload and headers), the jitter buffer's mean delay and
 * the ICE round trip from `getStats()`, with an estimate of mouth to ear; each player's voice
 * upload; and the host's own game upload before and during voice (voice never passes through it).
 *
 *   node --import tsx test/e2e/measure-voice.ts [--relay] [--seconds 10]
 *
 * `--relay` forces every link through a coturn on 127.0.0.1.
 */
import type { Page } from 'playwright-core';
import { startBroker, type Broker } from '../../peer-server/src/broker.js';
import { startCoturn, type Coturn } from '../support/coturn.js';
import { waitFor } from '../support/wait.js';
import { buildDemo, createLobby, demoState, joinLobby, openDemo, playerCount } from './demo-players.js';
import { hears, launchVoiceChromium, turnVoiceOn, voiceStats } from './voice-players.js';

const args = process.argv.slice(2);
const relay = args.includes('--relay');
const secondsAt = args.indexOf('--seconds');
const seconds = secondsAt >= 0 ? Number(args[secondsAt + 1]) : 10;
if (!(seconds > 0)) throw new Error('--seconds takes a number > 0');

/** Opus in Chromium encodes 20 ms frames; capture and playout buffers add about as much again. */
const FRAME_MS = 20;

async function hostKbpsOut(page: Page): Promise<number> {
  return waitFor(async () => (await demoState(page)).stats?.link.kbpsOut, "the host's upload");
}

async function main(): Promise<void> {
  const built = await buildDemo();
  let coturn: Coturn | undefined;
  let broker: Broker | undefined;
  const browser = await launchVoiceChromium('granted');
  try {
    coturn = relay ? await startCoturn() : undefined;
    broker = await startBroker({ port: 0, staticDir: built.dir, iceServers: coturn ? [coturn.iceServer] : [] });
    const query = relay ? '?ice=relay' : '';
    const pages = [await openDemo(browser, broker.url, query), await openDemo(browser, broker.url, query), await openDemo(browser, broker.url, query)];
    const [host] = pages as [Page, Page, Page];
    const code = await createLobby(host, { name: 'Host' });
    for (const [i, page] of pages.slice(1).entries()) await joinLobby(page, `Player ${i + 1}`, code);
    await Promise.all(pages.map((page) => playerCount(page, 3)));
    await host.getByTestId('start-game').click();
    // Let the net graph's one-second windows fill before reading the host's upload without voice.
    await waitFor(async () => ((await demoState(host)).stats?.history.kbpsOut.length ?? 0) >= 12, 'a few seconds of net figures', 20_000, 250);
    const gameOnly = await hostKbpsOut(host);
    for (const page of pages) await turnVoiceOn(page);
    for (const [i, page] of pages.entries()) for (const from of [0, 1, 2]) if (from !== i) await hears(page, from, 45_000);

    const read = async () => Promise.all(pages.map(async (page, i) => Promise.all([0, 1, 2].filter((from) => from !== i).map(async (from) => ({ at: i, from, stats: (await voiceStats(page, from))! })))));
    const before = (await read()).flat();
    const t0 = Date.now();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const after = (await read()).flat();
    const elapsed = (Date.now() - t0) / 1000;
    const withVoice = await hostKbpsOut(host);

    console.log(`voice in the demo, 3 players all talking, ${relay ? 'relayed through coturn (relay only)' : 'direct (host candidates)'}, ${elapsed.toFixed(1)} s`);
    console.log('| stream | kbps received | packets/s | jitter buffer ms | RTT ms | mouth to ear ms (est.) | candidates |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
    const uploads = new Map<number, number>();
    for (const end of after) {
      const start = before.find((b) => b.at === end.at && b.from === end.from)!;
      const kbps = ((end.stats.bytesReceived - start.stats.bytesReceived) * 8) / 1000 / elapsed;
      const pps = (end.stats.packetsReceived - start.stats.packetsReceived) / elapsed;
      const up = ((end.stats.bytesSent - start.stats.bytesSent) * 8) / 1000 / elapsed;
      uploads.set(end.at, (uploads.get(end.at) ?? 0) + up);
      const samples = end.stats.jitterBufferSamples - start.stats.jitterBufferSamples;
      const jb = samples > 0 ? (end.stats.jitterBufferTotalMs - start.stats.jitterBufferTotalMs) / samples : NaN;
      const rtt = end.stats.rttMs ?? NaN;
      const mouthToEar = FRAME_MS + rtt / 2 + jb + FRAME_MS;
      console.log(
        `| ${end.from} → ${end.at} | ${kbps.toFixed(1)} | ${pps.toFixed(1)} | ${jb.toFixed(1)} | ${rtt.toFixed(1)} | ${mouthToEar.toFixed(0)} | ${end.stats.localCandidate}/${end.stats.remoteCandidate} |`,
      );
    }
    for (const [player, kbps] of [...uploads].sort((a, b) => a[0] - b[0])) console.log(`player ${player} voice upload: ${kbps.toFixed(1)} kbps (to 2 listeners)`);
    console.log(`host's game upload (data channels, all clients): ${gameOnly.toFixed(1)} kbps before voice, ${withVoice.toFixed(1)} kbps with everyone talking`);
    console.log(`mouth to ear estimate: one ${FRAME_MS} ms Opus frame to capture, half the RTT, the jitter buffer, one ${FRAME_MS} ms playout buffer`);
  } finally {
    await browser.close();
    await broker?.close();
    await coturn?.stop();
    await built.remove();
  }
}

await main();
