/**
 * A host and clients of the moving-square example over the loopback transport, on a manual clock:
 * a whole game that runs many simulated seconds in milliseconds, the same way every time.
 */
import { ManualClock } from '../../engine/src/core/clock.js';
import { LoopbackNetwork } from '../../engine/src/transport/loopback/loopback-network.js';
import type { LinkConditions } from '../../engine/src/transport/loopback/link-conditioner.js';
import { createClient, type Client } from '../../engine/src/session/client/client.js';
import { createHost, type Host } from '../../engine/src/session/host/host.js';
import type { HostOptions } from '../../engine/src/session/host/host-options.js';
import type { HostTunables, ClientTunables, ValueCheckOptions } from '../../engine/src/session/options.js';
import type { MessageTypes } from '../../engine/src/session/message-declaration.js';
import type { Simulation } from '../../engine/src/session/simulation.js';
import type { InputOf } from '../../engine/src/protocol/schema.js';
import { movingSquare } from '../../engine/examples/moving-square.js';

export type World = ReturnType<typeof movingSquare.initialState>;
export type SquareSchema = typeof movingSquare.schema;
export type Move = InputOf<SquareSchema>;
/** The moving square's simulation, host and client, with any messages a test declares. */
export type SquareSimulation = Simulation<World, SquareSchema>;
export type SquareHost = Host<World, SquareSchema, MessageTypes>;
export type SquareClient = Client<World, SquareSchema, MessageTypes>;

export interface LoopbackGameOptions extends Partial<HostTunables>, Partial<ClientTunables>, ValueCheckOptions {
  readonly backpressure?: NonNullable<HostOptions<World, SquareSchema, MessageTypes>['backpressure']>;
  readonly clients: number;
  readonly seed?: number;
  readonly conditions?: Partial<LinkConditions>;
  readonly messages?: MessageTypes;
  /** Clients come back on a new link when theirs fails (run the clock with `runAsync` then). */
  readonly reconnect?: boolean;
  /** The host's game, in place of the moving square (one with faults, say). */
  readonly hostSimulation?: SquareSimulation;
  /** Each client's game by its index, in place of the moving square. */
  readonly clientSimulation?: (index: number) => SquareSimulation;
}

export interface LoopbackGame {
  readonly clock: ManualClock;
  readonly network: LoopbackNetwork;
  readonly host: SquareHost;
  readonly clients: SquareClient[];
  /** Advances simulated time in 8 ms frames, calling `onFrame` after each. */
  run(ms: number, onFrame?: () => void): void;
  /** As `run`, letting promises (a reconnection's) settle after each frame. */
  runAsync(ms: number, onFrame?: () => void): Promise<void>;
}

export function loopbackGame(options: LoopbackGameOptions): LoopbackGame {
  const clock = new ManualClock();
  const { clients: count, seed = 1, conditions = {}, messages = {} as MessageTypes, inputRedundancy, interpolationDelay, reconnect, hostSimulation, clientSimulation, validate, warn, ...tunables } = options;
  const checks: ValueCheckOptions = { ...(validate === undefined ? {} : { validate }), ...(warn === undefined ? {} : { warn }) };
  const network = new LoopbackNetwork({ clock, seed, conditions });
  const host = createHost({ simulation: hostSimulation ?? movingSquare, transport: network.createHost('host'), clock, messages, ...checks, ...tunables });
  host.start();
  const clients = Array.from({ length: count }, (_, i) =>
    createClient({
      simulation: clientSimulation?.(i) ?? movingSquare,
      transport: network.connect('host'),
      clock,
      name: `client ${i + 1}`,
      messages,
      ...checks,
      ...(inputRedundancy === undefined ? {} : { inputRedundancy }),
      ...(interpolationDelay === undefined ? {} : { interpolationDelay }),
      ...(reconnect ? { reconnect: () => Promise.resolve(network.connect('host')) } : {}),
    }),
  );
  for (const client of clients) client.start();
  return {
    clock,
    network,
    host,
    clients,
    run(ms, onFrame) {
      for (let t = 0; t < ms; t += 8) {
        clock.advance(Math.min(8, ms - t));
        onFrame?.();
      }
    },
    async runAsync(ms, onFrame) {
      for (let t = 0; t < ms; t += 8) {
        clock.advance(Math.min(8, ms - t));
        onFrame?.();
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    },
  };
}

/** A square's position in a world, by player id. */
export function squareOf(world: World | undefined, playerId: number | undefined): { x: number; y: number } | undefined {
  const square = world?.squares.find((s) => s.id === playerId);
  return square ? { x: square.x, y: square.y } : undefined;
}
