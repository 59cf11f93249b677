/**
 * Host CPU: how long one host tick takes (drain the network queue, apply inputs, simulate,
 * quantize, and on snapshot ticks diff, split and encode a snapshot for every client and hand it to
 * the transport), measured around the real `Host.step` while scripted peers (`scripted-peer.ts`)
 * send inputs and acknowledgements over loopback links, 50 ms each way.
 * Beside it, the same world stepped by the game alone and sent as a full JSON snapshot to every
 * client, the way a naive host would.
 */
import { ManualClock } from '../../../engine/src/core/clock.js';
import type { GameSchema, InputOf } from '../../../engine/src/protocol/schema.js';
import { createHost } from '../../../engine/src/session/host/host.js';
import { LoopbackNetwork } from '../../../engine/src/transport/loopback/loopback-network.js';
import type { BenchScene } from '../scenes/scene.js';
import { jsonFull } from './full-baselines.js';
import { GcCounter, perThousand, type GcCounts } from './gc-count.js';
import { ScriptedPeer } from './scripted-peer.js';
import { quantile } from './stats.js';

export interface TickTimes {
  /** Over every tick, those that send snapshots and those that do not. */
  readonly p50us: number;
  readonly p99us: number;
  /** The median of the ticks that send snapshots alone. */
  readonly snapshotTickP50us: number;
}

/** Garbage collections per 1000 measured ticks (see `gc-count.ts`). */
export interface TickGcs {
  /** Young-generation collections while the measured ticks ran, in them or between them. */
  readonly minor: number;
  /** Full collections and incremental marking steps, likewise. */
  readonly major: number;
  /** Collections of either kind that began inside a tick. */
  readonly inTicks: number;
}

/** The tickwire host's tick times, and the collections while they were measured. */
export interface HostTickTimes extends TickTimes {
  readonly gcsPer1000Ticks: TickGcs;
}

export interface HostTickOptions {
  readonly seed: number;
  readonly warmupTicks: number;
  readonly ticks: number;
}

/** Percentiles of per-tick times; `sending[i]` says whether tick `i` sent snapshots. */
function summary(micros: readonly number[], sending: readonly boolean[]): TickTimes {
  return {
    p50us: quantile(micros, 0.5, 'host tick times'),
    p99us: quantile(micros, 0.99, 'host tick times'),
    snapshotTickP50us: quantile(
      micros.filter((_, i) => sending[i]),
      0.5,
      'snapshot tick times',
    ),
  };
}

const LINK_LATENCY_MS = 50;

function gcsPer1000(counts: GcCounts, ticks: number): TickGcs {
  return { minor: perThousand(counts.minor, ticks), major: perThousand(counts.major, ticks), inTicks: perThousand(counts.inside, ticks) };
}

/**
 * Microseconds per tick of the tickwire host serving `clients` clients, and the garbage
 * collections per 1000 ticks while they ran (the scripted peers' garbage counts too: it shares
 * the heap, as a real host's other work would).
 */
export async function tickwireHostTick<State, Schema extends GameSchema>(
  scene: BenchScene<State, Schema>,
  clients: number,
  options: HostTickOptions,
): Promise<HostTickTimes> {
  const clock = new ManualClock();
  const network = new LoopbackNetwork({ clock, seed: options.seed, conditions: { latencyMs: LINK_LATENCY_MS } });
  const host = createHost({
    simulation: scene.simulation,
    transport: network.createHost('host'),
    clock,
    hostPlayer: false,
    tickRate: scene.tickRate,
    snapshotRate: scene.snapshotRate,
    maxPlayers: 64,
  });
  const tickMs = 1000 / scene.tickRate;
  const lead = 2 * Math.ceil(LINK_LATENCY_MS / tickMs) + 2;
  const peers = Array.from({ length: clients }, () => new ScriptedPeer(scene, network.connect('host'), clock, lead));
  // Allocated up front: the measurement's own garbage would count in the collections.
  const micros = new Float64Array(options.ticks);
  const sending = new Uint8Array(options.ticks);
  let measured = 0;
  const every = scene.tickRate / scene.snapshotRate;
  const step = host.step.bind(host);
  const gcs = new GcCounter(options.ticks);
  // The host's own timer calls `step`: time each call where it happens.
  host.step = () => {
    const start = performance.now();
    step();
    const end = performance.now();
    if (host.tick <= options.warmupTicks || measured >= options.ticks) return;
    micros[measured] = (end - start) * 1000;
    sending[measured++] = host.tick % every === 0 ? 1 : 0;
    gcs.interval(start, end);
  };
  host.start();
  const end = (options.warmupTicks + options.ticks) * tickMs;
  for (let t = 0; t < end; t += tickMs) clock.advance(tickMs);
  for (const peer of peers) peer.close();
  host.close();
  if (measured < options.ticks) throw new Error('the host did not run every tick');
  const times = summary(Array.from(micros), Array.from(sending, (s) => s === 1));
  return { ...times, gcsPer1000Ticks: gcsPer1000(await gcs.result(), measured) };
}

/** Microseconds per tick of a naive host: step the game, then JSON of the whole world to each client. */
export function jsonHostTick<State, Schema extends GameSchema>(scene: BenchScene<State, Schema>, clients: number, options: HostTickOptions): TickTimes {
  const sim = scene.simulation;
  const dt = 1 / scene.tickRate;
  const every = scene.tickRate / scene.snapshotRate;
  const noInputs = new Map<number, InputOf<Schema>>();
  let state = sim.initialState();
  let sent = 0;
  const micros: number[] = [];
  const sending: boolean[] = [];
  for (let tick = 1; tick <= options.warmupTicks + options.ticks; tick++) {
    const start = performance.now();
    state = sim.step(state, noInputs, dt, { tick, authoritative: true, viewTick: () => tick - 1, rewindFor: () => undefined, rewind: () => undefined });
    if (tick % every === 0) {
      const entities = sim.toEntities(state);
      // One message per client, as each stream carries its own acknowledgements.
      for (let c = 0; c < clients; c++) sent += jsonFull(tick, entities).byteLength;
    }
    if (tick <= options.warmupTicks) continue;
    micros.push((performance.now() - start) * 1000);
    sending.push(tick % every === 0);
  }
  if (sent === 0 && options.ticks > every) throw new Error('nothing was sent');
  return summary(micros, sending);
}
