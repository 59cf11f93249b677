/**
 * Latency over real WebRTC in Node (node-datachannel) through a real broker on 127.0.0.1, host and
 * clients in this one process:
 *
 * - raw: a client sends 4 bytes on the `state` channel, the host transport echoes them, the client
 *   times the round trip;
 * - engine: the same kind of link under a running tickwire host and clients playing `arena-16`;
 *   each ping a client's engine sends is timed from its own send timestamp to the moment its pong
 *   has been decoded and handed to the clock sync: the samples behind `client.stats().rttMs`,
 *   encoding, validation and the host's answer included.
 *
 * The difference between the two medians is what the engine adds to a round trip.
 */
import { installNodeGlobals } from '../../../engine/src/node/install-globals.js';
import { readMessage } from '../../../engine/src/protocol/parse-message.js';
import type { GameSchema } from '../../../engine/src/protocol/schema.js';
import { createClient, type Client } from '../../../engine/src/session/client/client.js';
import { createHost } from '../../../engine/src/session/host/host.js';
import { MAX_MESSAGE_BYTES } from '../../../engine/src/transport/channels.js';
import { joinPeerLobby } from '../../../engine/src/transport/peerjs/peerjs-client.js';
import { createLobby, openPeerHost } from '../../../engine/src/transport/peerjs/peerjs-host.js';
import type { ClientTransport } from '../../../engine/src/transport/transport.js';
import { startBroker } from '../../../peer-server/src/broker.js';
import type { BenchScene } from '../scenes/scene.js';

export interface LatencySamples {
  /** Round trips of the raw `state` channel, ms. */
  readonly raw: number[];
  /** Round trips of the engine's pings, ms. */
  readonly engine: number[];
}

export interface LatencyOptions {
  /** Raw echoes to time. */
  readonly rawSamples: number;
  /** How long the engine plays, s: it pings every 100 ms at first, then every 500 ms. */
  readonly engineSeconds: number;
  /** Clients playing while the engine is timed. */
  readonly engineClients: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(probe: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** Both sets of round trips; starts and stops its own broker. */
export async function measureLatency<State, Schema extends GameSchema>(scene: BenchScene<State, Schema>, options: LatencyOptions): Promise<LatencySamples> {
  installNodeGlobals();
  const broker = await startBroker({ port: 0, iceServers: [], staticDir: undefined });
  try {
    const raw = await rawRoundTrips(broker.url, options.rawSamples);
    const engine = await engineRoundTrips(scene, broker.url, options);
    return { raw, engine };
  } finally {
    await broker.close();
  }
}

async function rawRoundTrips(brokerUrl: string, samples: number): Promise<number[]> {
  const host = await openPeerHost({ brokerUrl, iceServers: [] });
  const client = await joinPeerLobby({ brokerUrl, code: await createLobby(host), iceServers: [] });
  try {
    await until(() => host.peers().length === 1, 'the raw client to join');
    host.on('message', ({ peerId, channel, data }) => {
      if (channel === 'state') host.send(peerId, 'state', data);
    });
    const warmup = 20;
    const times: number[] = [];
    for (let i = 0; i < samples + warmup; i++) {
      const rtt = await echo(client, i);
      if (rtt !== undefined && i >= warmup) times.push(rtt);
      await sleep(10);
    }
    return times;
  } finally {
    client.close('bench over');
    host.close();
  }
}

/** One echo of a 4-byte tag on `state`, in ms, or undefined when it was lost. */
function echo(client: ClientTransport, tag: number): Promise<number | undefined> {
  const bytes = new Uint8Array(new Uint32Array([tag]).buffer);
  return new Promise((resolve) => {
    const sent = performance.now();
    const timer = setTimeout(() => {
      off();
      resolve(undefined);
    }, 1000);
    const off = client.on('message', ({ channel, data }) => {
      if (channel !== 'state' || data.byteLength !== 4 || new DataView(data.buffer, data.byteOffset).getUint32(0, true) !== tag) return;
      clearTimeout(timer);
      off();
      resolve(performance.now() - sent);
    });
    client.send('state', bytes);
  });
}

async function engineRoundTrips<State, Schema extends GameSchema>(scene: BenchScene<State, Schema>, brokerUrl: string, options: LatencyOptions): Promise<number[]> {
  const transport = await openPeerHost({ brokerUrl, iceServers: [] });
  const host = createHost({ simulation: scene.simulation, transport, hostPlayer: false, tickRate: scene.tickRate, snapshotRate: scene.snapshotRate, maxPlayers: 64 });
  host.start();
  const code = await createLobby(transport);
  const clients: Client<State, Schema>[] = [];
  const times: number[] = [];
  let recording = false;
  const steer = setInterval(() => {
    for (const client of clients) {
      const { playerId, tick } = client.stats();
      if (playerId !== undefined) client.setInput(scene.botInput(playerId, Math.max(0, tick) / scene.tickRate));
    }
  }, 50);
  try {
    for (let i = 0; i < options.engineClients; i++) {
      const link = await joinPeerLobby({ brokerUrl, code, iceServers: [] });
      const client = createClient({ simulation: scene.simulation, transport: link, name: `rtt ${i + 1}` });
      // Registered after the client's own listener: runs once the engine has handled the pong.
      // Pongs come back on the channel the client pinged on, which is `state`: any channel counts.
      link.on('message', ({ channel, data }) => {
        if (!recording) return;
        const parsed = readMessage(data, MAX_MESSAGE_BYTES[channel], { schema: scene.simulation.schema });
        if (parsed.ok && parsed.value.kind === 'pong') times.push(performance.now() - parsed.value.clientTimeMs);
      });
      client.start();
      clients.push(client);
    }
    await until(() => clients.every((c) => c.state !== undefined), 'every client to get a snapshot');
    recording = true;
    await sleep(options.engineSeconds * 1000);
    return times;
  } finally {
    clearInterval(steer);
    for (const client of clients) client.close('bench over');
    host.close();
  }
}
