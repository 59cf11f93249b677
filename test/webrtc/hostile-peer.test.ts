/**
 * A stranger with the lobby code against a dedicated Node host (`npm run host` as a child process),
 * over real WebRTC through a real broker, while two honest bots play. Each attack is one that used
 * to end the host's process, or to cost the sender nothing; each comes from a fresh stock PeerJS
 * peer (no tickwire code on the attacker's side of the link). The host must stay up and keep
 * ticking, the bots must keep getting snapshots, and every attacker that gets a link must lose it.
 * The figures (tick rate, the bots' snapshot rate and RTT before and during the attacks, how long
 * each cut took) are printed for the record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotLine, BotReportLine } from '../../game-demo/headless/bot-lines.js';
import { HeadlessChild } from '../../game-demo/headless/headless-child.js';
import type { HostLine } from '../../game-demo/headless/host-lines.js';
import { installNodeGlobals } from '../../engine/src/node/install-globals.js';
import { META_RATE } from '../../engine/src/transport/peerjs/peer-link.js';
import { startBroker, type Broker } from '../../peer-server/src/broker.js';
import { readFileSync } from 'node:fs';
import { closed, flood, LINK_ATTACKS, openHostilePeer, openLink, silentLink, type HostilePeer } from '../support/hostile-peer.js';
import { waitFor } from '../support/wait.js';

installNodeGlobals();

const TICK_RATE = 30;

/** A process's resident memory in MB, from Linux's /proc. */
function residentMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

describe('a hostile peer against a dedicated Node host', () => {
  let broker: Broker;
  let host: HeadlessChild<HostLine>;
  let bots: HeadlessChild<BotLine>;
  let code: string;
  let baselineReports = 0;
  let baselineMb = 0;
  const strangers: HostilePeer[] = [];
  const cutMs: string[] = [];

  beforeAll(async () => {
    broker = await startBroker({ port: 0, iceServers: [], staticDir: undefined });
    const local = ['--broker', broker.url, '--ice-servers', '[]', '--json'];
    host = HeadlessChild.host([...local, '--tick-rate', String(TICK_RATE), '--stats-every', '0.5']);
    code = (await host.waitFor(() => host.events('lobby')[0], 'the host to open a lobby')).code;
    bots = HeadlessChild.bots([...local, '--code', code, '--count', '2', '--behaviour', 'wander', '--report-every', '0.5']);
    await bots.waitFor(() => bots.events('report').filter((r) => r.snapshotsPerSecond > 0).length >= 8 || undefined, 'the bots to report snapshots');
    baselineReports = bots.events('report').length;
    baselineMb = residentMb(host.pid!);
  });

  afterAll(async () => {
    for (const stranger of strangers) stranger.destroy();
    bots?.kill();
    host?.kill();
    await Promise.all([bots?.exited, host?.exited]);
    await broker?.close();
  });

  async function stranger(): Promise<HostilePeer> {
    const peer = await openHostilePeer(broker.url, code);
    strangers.push(peer);
    return peer;
  }

  /** Runs an attack, then checks that the host is up and has ticked on since it started. */
  async function survives(attack: () => Promise<void>): Promise<void> {
    const since = host.events('stats').length;
    await attack();
    await host.waitFor(() => host.events('stats').length > since + 1 || undefined, 'the host to go on ticking');
    expect(host.events('stats').at(-1)!.tick).toBeGreaterThan(host.events('stats')[Math.max(0, since - 1)]!.tick);
  }

  /** Waits until the broker has refused `count` more signaling messages than `before`. */
  function refusedAtBroker(before: number, count: number): Promise<true> {
    return waitFor(() => broker.counters.malformedSignals >= before + count, `the broker to refuse ${count} signaling messages`);
  }

  for (const serialization of ['json', 'binary', 'raw']) {
    it(`refuses a stock PeerJS ${serialization} connection before it opens`, async () => {
      await survives(async () => {
        const before = broker.counters.malformedSignals;
        const connection = (await stranger()).connect(serialization);
        await refusedAtBroker(before, 1);
        expect(connection.open).toBe(false);
      });
    });
  }

  it('survives offers naming a serialization that does not exist, or with no payload', async () => {
    await survives(async () => {
      const peer = await stranger();
      const before = broker.counters.malformedSignals;
      const sdp = { type: 'offer', sdp: 'v=0\r\n' };
      peer.signal({ type: 'OFFER', payload: { type: 'data', connectionId: 'dc_bogus', serialization: 'bogus', reliable: true, label: 'x', sdp } });
      peer.signal({ type: 'OFFER', payload: null });
      await refusedAtBroker(before, 2);
    });
  });

  for (const attack of LINK_ATTACKS) {
    it(`cuts ${attack.name}`, async () => {
      await survives(async () => {
        const ms = await attack.run(await stranger());
        cutMs.push(`${attack.name}: ${ms.toFixed(0)} ms`);
      });
    });
  }

  it('cuts a link that opens its channels and never says hello', async () => {
    await survives(async () => {
      const ms = await silentLink(await stranger());
      cutMs.push(`no hello: ${ms.toFixed(0)} ms`);
    });
  });

  it('stops a flood of 24,280 candidates of 15 KB at the broker', async () => {
    await survives(async () => {
      const peer = await stranger();
      const before = broker.counters.struckOutSockets;
      const padding = 'x'.repeat(15 * 1024 - 200);
      for (let i = 0; i < 24_280 && broker.counters.struckOutSockets === before; i++) {
        peer.signal({ type: 'CANDIDATE', payload: { type: 'data', connectionId: `dc_${i}`, candidate: { candidate: `${padding}${i}`, sdpMid: '0', sdpMLineIndex: 0 } } });
        if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
      }
      await waitFor(() => broker.counters.struckOutSockets > before, "the broker to close the flooder's socket");
    });
  });

  it('answers a flood of housekeeping pings no faster than their rate', async () => {
    const connection = await openLink(await stranger());
    let pongs = 0;
    const decoder = new TextDecoder();
    connection.on('data', (data) => {
      if (data instanceof ArrayBuffer && decoder.decode(data).includes('"pong"')) pongs++;
    });
    flood(connection.dataChannel, new TextEncoder().encode('{"t":"ping","at":1}'), 5000);
    await closed(connection);
    // The burst, and what flows back into the bucket while the flood lasts (well under a second);
    // pongs still on the way when the link is cut may be lost with it.
    expect(pongs).toBeLessThanOrEqual(META_RATE.burst + META_RATE.perSecond);
  });

  it('kept the honest players playing through every attack', () => {
    const reports = bots.events('report');
    expect(bots.events('ended')).toEqual([]);
    const before = reports.slice(2, baselineReports);
    const during = reports.slice(baselineReports);
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((r) => r.snapshotsPerSecond > 0)).toBe(true);
    const rtt = (list: readonly BotReportLine[]) => mean(list.map((r) => r.rttMs).filter((v): v is number => v !== undefined));
    const ticks = host.events('stats').slice(1);
    console.log(
      `hostile peers vs a dedicated host: ${mean(ticks.map((s) => s.ticksPerSecond)).toFixed(1)} ticks/s (target ${TICK_RATE}); ` +
        `bots ${mean(before.map((r) => r.snapshotsPerSecond)).toFixed(1)} -> ${mean(during.map((r) => r.snapshotsPerSecond)).toFixed(1)} snapshots/s, ` +
        `RTT ${rtt(before).toFixed(2)} -> ${rtt(during).toFixed(2)} ms; host memory ${baselineMb.toFixed(0)} -> ${residentMb(host.pid!).toFixed(0)} MB; ` +
        `cut after ${cutMs.join(', ')}`,
    );
  });
});
