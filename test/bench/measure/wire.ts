/**
 * Wire cost of a scene: the engine's real snapshot stream, measured at the host as it sends it
 * (msgpack payload bytes; SCTP, DTLS, UDP and IP headers come on top), beside the same states
 * encoded as full JSON, full msgpackr and `@colyseus/schema` patches (float32 and quantized).
 *
 * The scene runs with its own number of clients over loopback links of 50 ms each way. Loss is
 * applied in both directions, so it removes snapshots on the way down and acknowledgements (which
 * ride on inputs) on the way up: that decides which baselines the host may delta against.
 */
import type { GameSchema } from '../../../engine/src/protocol/schema.js';
import type { BenchScene } from '../scenes/scene.js';
import { ColyseusMirror } from './colyseus-mirror.js';
import { jsonFull, msgpackFull } from './full-baselines.js';
import { loopbackSession } from './loopback-session.js';
import { kbps, mean } from './stats.js';
import { ViewError } from './view-error.js';

export interface WireFigures {
  readonly bytesPerSnapshot: number;
  readonly kbpsPerClient: number;
  /** How far what the clients draw is from the host's state at the same tick (`view-error.ts`). */
  readonly viewErrorMax: number;
  readonly viewErrorP99: number;
}

export interface WireBaselines {
  readonly jsonFull: { readonly kbpsPerClient: number };
  readonly msgpackFull: { readonly kbpsPerClient: number };
  readonly colyseusSchema: { readonly kbpsPerClient: number };
  readonly colyseusQuantized: { readonly kbpsPerClient: number };
}

/** Bytes per snapshot of each baseline, for the table. */
export interface WireBaselineBytes {
  readonly jsonFull: number;
  readonly msgpackFull: number;
  readonly colyseusSchema: number;
  readonly colyseusQuantized: number;
}

export interface WireOptions {
  readonly seed: number;
  /** Simulated ms played before measuring: joins, full snapshots, clock sync. */
  readonly warmupMs: number;
  readonly measureMs: number;
}

export const WIRE_LATENCY_MS = 50;
/** Frames between two samples of what the clients draw. */
const VIEW_SAMPLE_FRAMES = 4;

interface StreamRun extends WireFigures {
  readonly baselineBytes?: WireBaselineBytes;
}

/** Plays the scene at `lossPercent` and measures its snapshot stream; at 0% also the baselines. */
export function measureStream<State, Schema extends GameSchema>(
  scene: BenchScene<State, Schema>,
  lossPercent: number,
  options: WireOptions,
): StreamRun {
  const session = loopbackSession(scene, {
    clients: scene.clients,
    seed: options.seed,
    conditions: { latencyMs: WIRE_LATENCY_MS, loss: lossPercent / 100 },
  });
  const { host } = session;
  const every = scene.tickRate / scene.snapshotRate;
  let measuring = false;
  let bytes = 0;
  // The baselines encode the same states, so they are measured once, on the run without loss.
  const baselines =
    lossPercent === 0
      ? {
          mirror: new ColyseusMirror(scene.simulation.schema, 'float32'),
          quantizedMirror: new ColyseusMirror(scene.simulation.schema, 'quantized'),
          json: [] as number[],
          msgpack: [] as number[],
          colyseus: [] as number[],
          quantized: [] as number[],
        }
      : undefined;
  const viewError = new ViewError(scene.simulation);
  host.on('tick', ({ tick }) => {
    viewError.record(tick, scene.simulation.toEntities(host.state));
    if (!measuring || tick % every !== 0) return;
    bytes += host.stats().lastSnapshotBytes;
    if (!baselines) return;
    const entities = scene.simulation.toEntities(host.state);
    baselines.json.push(jsonFull(tick, entities).byteLength);
    baselines.msgpack.push(msgpackFull(tick, entities).byteLength);
    baselines.colyseus.push(baselines.mirror.patch(entities));
    baselines.quantized.push(baselines.quantizedMirror.patch(entities));
  });
  session.run(options.warmupMs);
  const sentBefore = host.stats().snapshotsSent;
  measuring = true;
  let frame = 0;
  session.run(options.measureMs, () => {
    if (frame++ % VIEW_SAMPLE_FRAMES === 0) for (const client of session.clients) viewError.sample(client);
  });
  const snapshots = host.stats().snapshotsSent - sentBefore;
  const bytesPerSnapshot = snapshots === 0 ? 0 : bytes / snapshots;
  const error = viewError.figures();
  const figures = { bytesPerSnapshot, kbpsPerClient: kbps(bytesPerSnapshot, scene.snapshotRate), viewErrorMax: error.max, viewErrorP99: error.p99 };
  if (!baselines) return figures;
  // The first patch is Colyseus's full state for a joining client: not part of the steady stream.
  return {
    ...figures,
    baselineBytes: {
      jsonFull: mean(baselines.json),
      msgpackFull: mean(baselines.msgpack),
      colyseusSchema: mean(baselines.colyseus.slice(1)),
      colyseusQuantized: mean(baselines.quantized.slice(1)),
    },
  };
}

export interface SceneWire {
  readonly loss0: WireFigures;
  readonly loss5: WireFigures;
  readonly baselines: WireBaselines;
  readonly baselineBytes: WireBaselineBytes;
}

function figuresOf({ bytesPerSnapshot, kbpsPerClient, viewErrorMax, viewErrorP99 }: WireFigures): WireFigures {
  return { bytesPerSnapshot, kbpsPerClient, viewErrorMax, viewErrorP99 };
}

/** Both loss settings and the baselines for one scene. */
export function measureSceneWire<State, Schema extends GameSchema>(scene: BenchScene<State, Schema>, options: WireOptions): SceneWire {
  const clean = measureStream(scene, 0, options);
  const lossy = measureStream(scene, 5, options);
  const b = clean.baselineBytes!;
  const rate = (perSnapshot: number) => ({ kbpsPerClient: kbps(perSnapshot, scene.snapshotRate) });
  return {
    loss0: figuresOf(clean),
    loss5: figuresOf(lossy),
    baselines: {
      jsonFull: rate(b.jsonFull),
      msgpackFull: rate(b.msgpackFull),
      colyseusSchema: rate(b.colyseusSchema),
      colyseusQuantized: rate(b.colyseusQuantized),
    },
    baselineBytes: b,
  };
}
