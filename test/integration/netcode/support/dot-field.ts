/**
 * A field of dots that all move every tick, enough of them that every snapshot is split into about
 * five parts, over the loopback transport with seeded loss: the scene for measuring how much of a
 * split snapshot a client uses when parts are lost. Each dot carries the tick it was sent at
 * (`stamp`, an integer field: drawn from the snapshot before the render tick, never blended), so
 * the stamps a client draws are the ticks at which that dot's state reached it, and three values
 * that change at random (`noise`, `hum`, `hiss`), so that its records cost about as much whatever the host
 * predicts.
 *
 * `measurePartialSnapshots` runs one game and counts, over a window of snapshot ticks: how many the
 * client completed (the only ones it could use before parts were applied on their own), and for
 * each dot, at how many it was updated. It also records what a test wants held: every ack the host
 * got names a snapshot the client completed, no live dot ever missing from a frame or drawn away
 * from its true path, and when the removed dots were last drawn (with `loseRemovalsForTicks`, the
 * parts that carry the removal are lost for a while, as if by bad luck).
 */
import { ManualClock } from '../../../../engine/src/core/clock.js';
import { readMessage } from '../../../../engine/src/protocol/parse-message.js';
import { field, validateSchema } from '../../../../engine/src/protocol/schema.js';
import { createClient } from '../../../../engine/src/session/client/client.js';
import { createHost } from '../../../../engine/src/session/host/host.js';
import type { Simulation } from '../../../../engine/src/session/simulation.js';
import { LoopbackNetwork } from '../../../../engine/src/transport/loopback/loopback-network.js';
import type { ClientTransport, IncomingMessage } from '../../../../engine/src/transport/transport.js';

const schema = validateSchema({
  entities: {
    dot: {
      x: field.fixed(0.01, -100_000, 100_000),
      y: field.fixed(0.01, -100_000, 100_000),
      z: field.fixed(0.01, -100_000, 100_000),
      w: field.fixed(0.01, -100_000, 100_000),
      stamp: field.int(0, 2 ** 31 - 1),
      noise: field.int(0, 2 ** 30 - 1),
      hum: field.int(0, 2 ** 30 - 1),
      hiss: field.int(0, 2 ** 30 - 1),
    },
  },
  input: { push: field.bool() },
});

interface World {
  readonly tick: number;
}

/** Dots with ids that are multiples of this leave the game at `REMOVE_AT`. */
const REMOVED_EVERY = 25;
const TICK_RATE = 60;

/** A dot's id by index: spread out, so ids take more than one byte as gaps now and then. */
const dotId = (i: number): number => 1000 + 3 * i + (i % 7);

/** Where dot `id` is at (fractional) tick `t`: straight lines, so interpolation between two states is exact. */
export function dotAt(id: number, t: number): { x: number; y: number; z: number; w: number } {
  return { x: (id % 97) + t * (0.7 + (id % 5) * 0.05), y: -t * 0.8, z: t * 0.9 - (id % 13), w: -t };
}

/** A random-looking value for a dot at a tick: a hash of both, 30 bits. */
function noiseAt(id: number, tick: number): number {
  return Math.imul(Math.imul(id, 2654435761) + tick, 2246822519) >>> 2;
}

function dotField(count: number, removeAt: number): Simulation<World, typeof schema> {
  const ids = Array.from({ length: count }, (_, i) => dotId(i));
  return {
    schema,
    initialState: () => ({ tick: 0 }),
    addPlayer: (world) => world,
    removePlayer: (world) => world,
    step: (_world, _inputs, _dt, context) => ({ tick: context.tick }),
    toEntities: (world) =>
      ids
        .filter((id) => world.tick < removeAt || id % REMOVED_EVERY !== 0)
        .map((id) => ({ id, type: 'dot' as const, values: { ...dotAt(id, world.tick), stamp: world.tick, noise: noiseAt(id, world.tick), hum: noiseAt(id + 1, world.tick), hiss: noiseAt(id + 2, world.tick) } })),
    fromEntities: (_entities, previous) => previous,
  };
}

export interface PartialSnapshotOptions {
  /** Loss on each direction of the link, 0..1. */
  readonly loss: number;
  readonly seed: number;
  /** Dots in the field (500: about five parts per snapshot). */
  readonly dots?: number;
  /** Simulated time, in ms. */
  readonly durationMs?: number;
  /** For this many ticks after the removal, every snapshot part that removes a dot is lost. */
  readonly loseRemovalsForTicks?: number;
}

export interface PartialSnapshotMeasure {
  /** Snapshot ticks in the measured window. */
  readonly sent: number;
  /** Of those, how many the client completed (every part arrived): all it could use before. */
  readonly complete: number;
  /** Per dot alive through the window, at how many of those ticks its state reached the client. */
  readonly updated: readonly number[];
  /** The most parts a snapshot had. */
  readonly maxParts: number;
  /** Acks the host received, and how many of them named a tick the client had not completed. */
  readonly acks: number;
  readonly badAcks: number;
  /** Frames in the window in which a dot was missing from the view (all are alive there). */
  readonly missing: number;
  /** Frames in which a dot was drawn more than 0.05 from its true path (teleported, frozen or dragged). */
  readonly offPath: number;
  /** Frames checked for the two counts above. */
  readonly frames: number;
  /** The tick of the removal. */
  readonly removeAt: number;
  /** The newest render tick at which a removed dot was drawn. */
  readonly lastRemovedDrawnAt: number;
  /** Snapshot parts that removed dots and were lost on purpose. */
  readonly lostRemovals: number;
  /** How many dots were removed. */
  readonly removedDots: number;
  /** The client's count of bad messages. */
  readonly invalidMessages: number;
}

/** Runs one game of the dot field and measures it (see the file's header). */
export function measurePartialSnapshots(options: PartialSnapshotOptions): PartialSnapshotMeasure {
  const { loss, seed, dots = 500, durationMs = 16_000, loseRemovalsForTicks = 0 } = options;
  const lastTick = Math.floor((durationMs / 1000) * TICK_RATE);
  const removeAt = Math.floor(lastTick * 0.7);
  // The window: after the start has settled, and before the end leaves ticks in flight.
  const [from, to] = [120, removeAt - 12];
  const clock = new ManualClock();
  const network = new LoopbackNetwork({ clock, seed, conditions: { latencyMs: 30, jitterMs: 4, loss } });
  const simulation = dotField(dots, removeAt);
  const hostTransport = network.createHost('host');
  const host = createHost({ simulation, transport: hostTransport, clock, tickRate: TICK_RATE, snapshotRate: 30 });
  let lostRemovals = 0;
  const clientTransport = dropping(network.connect('host', { peerId: 'dots' }), (data) => {
    const parsed = readMessage(data, 64 * 1024, { schema });
    const lose = parsed.ok && parsed.value.kind === 'snapshot' && parsed.value.removed.length > 0 && parsed.value.tick < removeAt + loseRemovalsForTicks;
    if (lose) lostRemovals++;
    return lose;
  });
  const client = createClient({ simulation, transport: clientTransport, clock, name: 'watcher' });

  const completed = new Set<number>();
  client.on('snapshot', ({ tick }) => completed.add(tick));
  let maxParts = 0;
  clientTransport.on('message', ({ data }) => {
    const parsed = readMessage(data, 64 * 1024, { schema });
    if (parsed.ok && parsed.value.kind === 'snapshot') maxParts = Math.max(maxParts, parsed.value.partCount);
  });
  let acks = 0;
  let badAcks = 0;
  hostTransport.on('message', ({ data }) => {
    const parsed = readMessage(data, 64 * 1024, { schema });
    if (!parsed.ok || parsed.value.kind !== 'input' || parsed.value.ackSnapshotTick < 0) return;
    acks++;
    if (!completed.has(parsed.value.ackSnapshotTick)) badAcks++;
  });

  const ids = Array.from({ length: dots }, (_, i) => dotId(i));
  const stamps = new Map(ids.map((id) => [id, new Set<number>()]));
  let [missing, offPath, frames, lastRemovedDrawnAt] = [0, 0, 0, -1];
  host.start();
  client.start();
  for (let t = 0; host.tick < lastTick; t += 8) {
    clock.advance(8);
    const { renderTick, entities } = client.view();
    const byId = new Map(entities.map((e) => [e.id, e]));
    for (const e of entities) stamps.get(e.id)?.add(e.values.stamp as number);
    if (renderTick >= from && renderTick <= to) {
      frames++;
      for (const id of ids) {
        const drawn = byId.get(id);
        if (!drawn) {
          missing++;
          continue;
        }
        const truth = dotAt(id, renderTick);
        const off = Math.max(...(['x', 'y', 'z', 'w'] as const).map((k) => Math.abs((drawn.values[k] as number) - truth[k])));
        if (off > 0.05) offPath++;
      }
    }
    if (ids.some((id) => id % REMOVED_EVERY === 0 && byId.has(id))) lastRemovedDrawnAt = renderTick;
  }
  host.stop();
  client.close();

  const inWindow = (tick: number) => tick >= from && tick <= to && tick % 2 === 0;
  const sent = Array.from({ length: to - from + 1 }, (_, i) => from + i).filter(inWindow).length;
  return {
    sent,
    complete: [...completed].filter(inWindow).length,
    updated: ids.map((id) => [...stamps.get(id)!].filter(inWindow).length),
    maxParts,
    acks,
    badAcks,
    missing,
    offPath,
    frames,
    removeAt,
    lastRemovedDrawnAt,
    lostRemovals,
    removedDots: ids.filter((id) => id % REMOVED_EVERY === 0).length,
    invalidMessages: client.stats().invalidMessages,
  };
}

/** `inner`, with every message for which `lose` is true lost on arrival (asked once per message). */
function dropping(inner: ClientTransport, lose: (data: Uint8Array) => boolean): ClientTransport {
  const decided = new WeakMap<Uint8Array, boolean>();
  const lost = (data: Uint8Array): boolean => {
    let verdict = decided.get(data);
    if (verdict === undefined) decided.set(data, (verdict = lose(data)));
    return verdict;
  };
  return {
    get id() {
      return inner.id;
    },
    get hostId() {
      return inner.hostId;
    },
    get open() {
      return inner.open;
    },
    on(event, listener) {
      if (event !== 'message') return inner.on(event, listener);
      const deliver = listener as (message: IncomingMessage) => void;
      return inner.on('message', (message) => {
        if (!lost(message.data)) deliver(message);
      });
    },
    send: (channel, data) => inner.send(channel, data),
    stats: () => inner.stats(),
    candidatePair: () => inner.candidatePair(),
    close: (reason) => inner.close(reason),
  };
}
