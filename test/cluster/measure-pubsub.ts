/**
 * Measures the two ways brokers could relay signals through Redis, on a redis-server of its own:
 *   per broker: one channel per broker, a presence key per peer (what cluster/ does): connecting is
 *               the CLAIM script, relaying is the ROUTE script (presence lookup, then PUBLISH);
 *   per peer:   a channel per peer: connecting is a SUBSCRIBE on the broker's subscriber
 *               connection, relaying a script that PUBLISHes to the peer's channel.
 * For `peers` peers spread over 3 brokers: the time to connect them all, to route `messages`
 * signals of ~600 bytes (a real offer's size) from one broker to peers on the others until all
 * have arrived, for the subscribers to be back after Redis drops their connections (node-redis
 * subscribes again to every channel before it is ready), to take the peers away again, and the
 * Redis memory the connected peers hold. A channel per peer still needs the presence key (the
 * token checks and lobby registration read it), so its third row counts both. Every design runs
 * twice, and the second round is reported.
 *
 *   node --import tsx test/cluster/measure-pubsub.ts [peers=10000] [messages=20000]
 */
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { LuaScript } from '../../peer-server/src/cluster/lua-script.js';
import { CLAIM, RELEASE } from '../../peer-server/src/cluster/presence-scripts.js';
import { clusterKeys } from '../../peer-server/src/cluster/redis-keys.js';
import { ROUTE } from '../../peer-server/src/cluster/relay-scripts.js';
import { startRedisServer } from './support/redis-server.js';

type Client = ReturnType<typeof createClient>;

const PEERS = Number(process.argv[2] ?? 10_000);
const MESSAGES = Number(process.argv[3] ?? 20_000);
const BROKERS = 3;
const keys = clusterKeys('measure:');
const SIGNAL = JSON.stringify({ type: 'OFFER', src: 'x'.repeat(65), dst: 'y'.repeat(65), payload: { sdp: { type: 'offer', sdp: 'a'.repeat(480) } } });

/** Publishes to the destination's own channel; holds nothing (no peer is ever absent here). */
const ROUTE_PER_PEER = new LuaScript(`
if redis.call('PUBLISH', ARGV[1], ARGV[2]) > 0 then return 'sent' end
return 'absent'
`);

interface Broker {
  readonly id: string;
  readonly commands: Client;
  readonly subscriber: Client;
  received: number;
}

async function usedMemory(client: Client): Promise<number> {
  const info = await client.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function untilReceived(brokers: readonly Broker[], count: number): Promise<void> {
  while (brokers.reduce((sum, b) => sum + b.received, 0) < count) await new Promise((resolve) => setImmediate(resolve));
}

/** Has Redis drop every subscriber connection, and times until all are ready (and subscribed) again. */
async function resubscribeMs(brokers: readonly Broker[]): Promise<number> {
  return timed(async () => {
    const back = brokers.map((broker) => new Promise((resolve) => broker.subscriber.once('ready', resolve)));
    await brokers[0]!.commands.sendCommand(['CLIENT', 'KILL', 'TYPE', 'pubsub']);
    await Promise.all(back);
  });
}

const claimAll = (brokers: readonly Broker[], ids: readonly string[]): Promise<unknown> =>
  Promise.all(
    ids.map((id, i) => {
      const broker = brokers[i % BROKERS]!;
      return CLAIM.run(broker.commands, [keys.peer(id), keys.hostLobby(id)], [broker.id, 'f'.repeat(64), '15000', keys.prefixes.lobby, '30000']);
    }),
  );

async function perBroker(brokers: readonly Broker[], ids: readonly string[]): Promise<Record<string, number>> {
  for (const broker of brokers) await broker.subscriber.subscribe(keys.brokerChannel(broker.id), () => void broker.received++);
  const base = await usedMemory(brokers[0]!.commands);
  const owner = (index: number): Broker => brokers[index % BROKERS]!;
  const connectMs = await timed(() => claimAll(brokers, ids));
  const memory = (await usedMemory(brokers[0]!.commands)) - base;
  const sender = brokers[0]!;
  const targets = ids.filter((_, i) => i % BROKERS !== 0);
  const routeMs = await timed(async () => {
    await Promise.all(
      Array.from({ length: MESSAGES }, (_, m) => {
        const dst = targets[m % targets.length]!;
        const args = [keys.prefixes.brokerChannel, sender.id, SIGNAL, dst, '32', '2048', '5000', 'hold'];
        return ROUTE.run(sender.commands, [keys.peer(dst), keys.held(dst), keys.heldDeadlines, keys.heldTotal], args);
      }),
    );
    await untilReceived(brokers, MESSAGES);
  });
  const reconnectMs = await resubscribeMs(brokers);
  const releaseMs = await timed(() => Promise.all(ids.map((id, i) => RELEASE.run(owner(i).commands, [keys.peer(id), keys.hostLobby(id)], [owner(i).id, keys.prefixes.lobby]))));
  for (const broker of brokers) await broker.subscriber.unsubscribe();
  return { connectMs, routeMs, reconnectMs, releaseMs, memory };
}

async function perPeer(brokers: readonly Broker[], ids: readonly string[], withPresence: boolean): Promise<Record<string, number>> {
  const base = await usedMemory(brokers[0]!.commands);
  const owner = (index: number): Broker => brokers[index % BROKERS]!;
  const channel = (id: string) => `measure:to:${id}`;
  const subscribeAll = () => Promise.all(ids.map((id, i) => owner(i).subscriber.subscribe(channel(id), () => void owner(i).received++)));
  const connectMs = await timed(() => (withPresence ? Promise.all([claimAll(brokers, ids), subscribeAll()]) : subscribeAll()));
  const memory = (await usedMemory(brokers[0]!.commands)) - base;
  const sender = brokers[0]!;
  const targets = ids.filter((_, i) => i % BROKERS !== 0);
  const routeMs = await timed(async () => {
    await Promise.all(Array.from({ length: MESSAGES }, (_, m) => ROUTE_PER_PEER.run(sender.commands, [], [channel(targets[m % targets.length]!), SIGNAL])));
    await untilReceived(brokers, MESSAGES);
  });
  const reconnectMs = await resubscribeMs(brokers);
  const unsubscribeAll = () => Promise.all(ids.map((id, i) => owner(i).subscriber.unsubscribe(channel(id))));
  const releaseAll = () => Promise.all(ids.map((id, i) => RELEASE.run(owner(i).commands, [keys.peer(id), keys.hostLobby(id)], [owner(i).id, keys.prefixes.lobby])));
  const releaseMs = await timed(() => (withPresence ? Promise.all([unsubscribeAll(), releaseAll()]) : unsubscribeAll()));
  return { connectMs, routeMs, reconnectMs, releaseMs, memory };
}

const redis = await startRedisServer();
const brokers: Broker[] = [];
try {
  for (let i = 0; i < BROKERS; i++) {
    const commands = createClient({ url: redis.url });
    const subscriber = commands.duplicate();
    // The drop that the reconnect row makes is reported as an error; it is the point.
    subscriber.on('error', () => undefined);
    await Promise.all([commands.connect(), subscriber.connect()]);
    brokers.push({ id: `broker-${i}`, commands, subscriber, received: 0 });
  }
  const ids = Array.from({ length: PEERS }, () => randomBytes(32).toString('hex'));
  const designs: [string, () => Promise<Record<string, number>>][] = [
    ['channel per broker + presence key', () => perBroker(brokers, ids)],
    ['channel per peer', () => perPeer(brokers, ids, false)],
    ['channel per peer + presence key', () => perPeer(brokers, ids, true)],
  ];
  let rows: [string, Record<string, number>][] = [];
  // The first round warms up the JIT and the Redis; the second is the one reported.
  for (let round = 0; round < 2; round++) {
    rows = [];
    for (const [name, run] of designs) {
      for (const broker of brokers) broker.received = 0;
      rows.push([name, await run()]);
    }
  }
  console.log(`${PEERS} peers on ${BROKERS} brokers, ${MESSAGES} signals of ${SIGNAL.length} bytes, redis-server ${redis.port}`);
  console.log('| design | connect all | route all (signals/s) | subscribers back after a drop | release all | Redis memory per peer |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const [name, r] of rows) {
    const perSecond = Math.round(MESSAGES / ((r.routeMs ?? 1) / 1000));
    console.log(`| ${name} | ${r.connectMs!.toFixed(0)} ms | ${r.routeMs!.toFixed(0)} ms (${perSecond}/s) | ${r.reconnectMs!.toFixed(0)} ms | ${r.releaseMs!.toFixed(0)} ms | ${Math.round(r.memory! / PEERS)} B |`);
  }
} finally {
  for (const broker of brokers) {
    broker.commands.destroy();
    broker.subscriber.destroy();
  }
  await redis.stop();
}
