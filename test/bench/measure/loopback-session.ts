/**
 * A scene played by the real engine over the loopback transport on a manual clock: `createHost`
 * with no player of its own, and clients whose scripted players steer with the scene's bot. Time
 * is simulated, so a minute of play takes a fraction of that, and a seed gives the same run.
 */
import { ManualClock } from '../../../engine/src/core/clock.js';
import type { GameSchema } from '../../../engine/src/protocol/schema.js';
import { createClient, type Client } from '../../../engine/src/session/client/client.js';
import { createHost, type Host } from '../../../engine/src/session/host/host.js';
import type { LinkConditions } from '../../../engine/src/transport/loopback/link-conditioner.js';
import { LoopbackNetwork } from '../../../engine/src/transport/loopback/loopback-network.js';
import type { BenchScene } from '../scenes/scene.js';

export interface LoopbackSessionOptions {
  readonly clients: number;
  readonly seed?: number;
  /** Default: the scene's own tick rate. */
  readonly tickRate?: number;
  /** Default: the scene's own snapshot rate when it divides the tick rate, else the engine's default. */
  readonly snapshotRate?: number;
  /** Both directions of every link. */
  readonly conditions?: Partial<LinkConditions>;
  /** Simulated ms per frame of the driver (default 8, the client's own frame length). */
  readonly frameMs?: number;
  /** The clients' `interpolationDelay` (default: the engine's, `'auto'`). */
  readonly interpolationDelay?: 'auto' | number;
}

export interface LoopbackSession<State, Schema extends GameSchema> {
  readonly clock: ManualClock;
  readonly network: LoopbackNetwork;
  readonly host: Host<State, Schema>;
  readonly clients: Client<State, Schema>[];
  /** False stops the scripted players: every client sends the neutral input from then on. */
  steering: boolean;
  /** Advances simulated time by `ms`, frame by frame, calling `onFrame` after each. */
  run(ms: number, onFrame?: () => void): void;
  /** Connects one more client (a player joining). */
  join(): Client<State, Schema>;
  /** Disconnects a client (a player leaving). */
  leave(client: Client<State, Schema>): void;
}

export function loopbackSession<State, Schema extends GameSchema>(
  scene: BenchScene<State, Schema>,
  options: LoopbackSessionOptions,
): LoopbackSession<State, Schema> {
  const clock = new ManualClock();
  const network = new LoopbackNetwork({ clock, seed: options.seed ?? 1, conditions: options.conditions ?? {} });
  const tickRate = options.tickRate ?? scene.tickRate;
  // Default: the scene's snapshot rate where it divides the tick rate, else the engine's default.
  const snapshotRate = options.snapshotRate ?? (tickRate % scene.snapshotRate === 0 ? scene.snapshotRate : undefined);
  const host = createHost({
    simulation: scene.simulation,
    transport: network.createHost('host'),
    clock,
    hostPlayer: false,
    tickRate,
    ...(snapshotRate === undefined ? {} : { snapshotRate }),
    maxPlayers: 64,
  });
  host.start();
  const frameMs = options.frameMs ?? 8;
  let joined = 0;
  const session: LoopbackSession<State, Schema> = {
    clock,
    network,
    host,
    clients: [],
    steering: true,
    run(ms, onFrame) {
      for (let t = 0; t < ms; t += frameMs) {
        for (const client of session.clients) steer(client);
        clock.advance(Math.min(frameMs, ms - t));
        onFrame?.();
      }
    },
    join() {
      const client = createClient({
        simulation: scene.simulation,
        transport: network.connect('host'),
        clock,
        name: `bot ${++joined}`,
        ...(options.interpolationDelay === undefined ? {} : { interpolationDelay: options.interpolationDelay }),
      });
      client.start();
      session.clients.push(client);
      return client;
    },
    leave(client) {
      session.clients.splice(session.clients.indexOf(client), 1);
      client.close('bench: leaving');
    },
  };
  const steer = (client: Client<State, Schema>) => {
    const { playerId, tick } = client.stats();
    if (playerId === undefined) return;
    client.setInput(session.steering ? scene.botInput(playerId, Math.max(0, tick + 1) / tickRate) : scene.simulation.neutralInput);
  };
  for (let i = 0; i < options.clients; i++) session.join();
  return session;
}
