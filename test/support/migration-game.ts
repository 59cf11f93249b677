/**
 * A game whose host can go, over the loopback transport on a manual clock: a host with
 * `hostMigration` and clients that can each take the game over, a lobby that (like the broker)
 * hands the game's name to one new host per credential, and every reliable `point` message each
 * host's game was handed, with the tick it was handed at.
 *
 * The game: one ship per player, steered left and right; on the host, every ship scores a point
 * each 30 ticks it moves, and the host alone counts its ticks (`hostTicks`, carried by no entity).
 */
import { ManualClock } from '../../engine/src/core/clock.js';
import { NetError } from '../../engine/src/core/net-error.js';
import { field, validateSchema } from '../../engine/src/protocol/schema.js';
import { createClient, type Client } from '../../engine/src/session/client/client.js';
import type { GameHost } from '../../engine/src/session/game-host.js';
import { createHost } from '../../engine/src/session/host/host.js';
import { message } from '../../engine/src/session/message-declaration.js';
import type { Succession } from '../../engine/src/session/migration/succession.js';
import type { Simulation } from '../../engine/src/session/simulation.js';
import type { LinkConditions } from '../../engine/src/transport/loopback/link-conditioner.js';
import { LoopbackNetwork } from '../../engine/src/transport/loopback/loopback-network.js';
import type { HostTransport } from '../../engine/src/transport/transport.js';

const schema = validateSchema({
  entities: { ship: { x: field.fixed(0.01, -10_000, 10_000), score: field.int(0, 65_535) } },
  input: { dx: field.fixed(0.01, -1, 1) },
});

interface Ship {
  readonly id: number;
  readonly x: number;
  readonly score: number;
}

export interface Match {
  readonly ships: readonly Ship[];
  /** Ticks the host simulated: state no entity carries, so only a checkpoint hands it on. */
  readonly hostTicks: number;
}

export const migrationMessages = { point: message.reliable<number>((p): p is number => typeof p === 'number') };
type Messages = typeof migrationMessages;
export type MatchHost = GameHost<Match, typeof schema, Messages>;
export type MatchClient = Client<Match, typeof schema, Messages>;

export const match: Simulation<Match, typeof schema> = {
  schema,
  initialState: () => ({ ships: [], hostTicks: 0 }),
  addPlayer: (state, id) => ({ ...state, ships: [...state.ships, { id, x: 0, score: 0 }] }),
  removePlayer: (state, id) => ({ ...state, ships: state.ships.filter((s) => s.id !== id) }),
  step: (state, inputs, dt, context) => ({
    hostTicks: context.authoritative ? state.hostTicks + 1 : state.hostTicks,
    ships: state.ships.map((s) => {
      const dx = inputs.get(s.id)?.dx ?? 0;
      const scores = context.authoritative && dx !== 0 && context.tick % 30 === 0;
      return { id: s.id, x: s.x + dx * 60 * dt, score: scores ? s.score + 1 : s.score };
    }),
  }),
  toEntities: (state) => state.ships.map(({ id, x, score }) => ({ id, type: 'ship', values: { x, score } })),
  fromEntities: (entities, previous) => ({ ...previous, ships: entities.map(({ id, values }) => ({ id, x: values.x, score: values.score })) }),
  playerEntityId: (id) => id,
};

/** A `point` as a host's game was handed it. */
export interface HandedPoint {
  readonly from: number;
  readonly point: number;
  /** The tick it was handed at: the host's next tick when the message event fired. */
  readonly tick: number;
}

/** The game's name at the "broker": which host it leads to, and who may take it over. */
export class TestLobby {
  hostId = 'host-0';
  private epoch = 0;
  /** The current host is gone from the broker (its signaling socket closed). */
  hostGone = false;
  refusals = 0;

  get credential(): string {
    return `credential-${this.epoch}`;
  }

  /** A takeover with the current credential while the host is gone: the name now leads to `id`. */
  take(credential: string, id: string): boolean {
    if (credential !== this.credential || !this.hostGone) {
      this.refusals++;
      return false;
    }
    this.epoch++;
    this.hostId = id;
    this.hostGone = false;
    return true;
  }
}

export interface MigrationGameOptions {
  readonly clients: number;
  readonly seed: number;
  readonly conditions?: Partial<LinkConditions>;
  /** Indexes of clients whose takeover never completes (they die as they take over). */
  readonly diesTakingOver?: ReadonlySet<number>;
}

/** One host of the game's life, and what its game was handed. */
export interface HostEra {
  readonly host: MatchHost;
  readonly transport: HostTransport;
  readonly points: HandedPoint[];
  /** The tick it carried the game on from (0 for the first host). */
  readonly fromTick: number;
}

export interface MigrationGame {
  readonly clock: ManualClock;
  readonly network: LoopbackNetwork;
  readonly lobby: TestLobby;
  readonly clients: MatchClient[];
  /** Every host the game has had, the first one first. */
  readonly eras: HostEra[];
  /** Advances simulated time in 8 ms frames, letting promises settle after each. */
  run(ms: number, onFrame?: () => void): Promise<void>;
  /** The first host crashes: no goodbye, every link fails, its broker socket drops. */
  crashHost(): void;
  /** The first host hangs: it stops, and its links carry nothing more, but none of them fails. */
  silenceHost(): void;
}

export function migrationGame(options: MigrationGameOptions): MigrationGame {
  const clock = new ManualClock();
  const network = new LoopbackNetwork({ clock, seed: options.seed, conditions: options.conditions ?? {} });
  const lobby = new TestLobby();
  const eras: HostEra[] = [];

  const open = (id: string, succession?: Succession<Match>): HostEra => {
    const transport = network.createHost(id);
    const host = createHost({
      simulation: match,
      transport,
      clock,
      messages: migrationMessages,
      hostMigration: true,
      migrationCredential: () => lobby.credential,
      reconnectWindowMs: 15_000,
      ...(succession
        ? {
            takeOver: succession.takeOver,
            tickRate: succession.tickRate,
            snapshotRate: succession.snapshotRate,
            snapshotReliability: succession.snapshotReliability,
            reconnectWindowMs: succession.reconnectWindowMs,
          }
        : {}),
    });
    const era: HostEra = { host, transport, points: [], fromTick: succession?.takeOver.tick ?? 0 };
    host.on('message', ({ from, payload }) => era.points.push({ from, point: payload, tick: host.tick + 1 }));
    host.on('closed', () => {
      if (lobby.hostId === id) lobby.hostGone = true;
    });
    host.start();
    eras.push(era);
    return era;
  };

  open('host-0');
  const clients = Array.from({ length: options.clients }, (_, i): MatchClient => {
    const client: MatchClient = createClient({
      simulation: match,
      transport: network.connect(lobby.hostId),
      clock,
      name: `player ${i + 1}`,
      messages: migrationMessages,
      random: () => 0.5,
      reconnect: async () => network.connect(lobby.hostId),
      succession: (succession) => {
        if (options.diesTakingOver?.has(i)) {
          client.close('died while taking the game over');
          return new Promise<never>(() => {});
        }
        const id = `host-${eras.length}`;
        if (!lobby.take(succession.credential, id)) return Promise.reject(new NetError('broker_error', 'the lobby refused the takeover'));
        return Promise.resolve(open(id, succession).host);
      },
    });
    client.start();
    return client;
  });

  return {
    clock,
    network,
    lobby,
    clients,
    eras,
    async run(ms, onFrame) {
      for (let t = 0; t < ms; t += 8) {
        clock.advance(Math.min(8, ms - t));
        onFrame?.();
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    },
    crashHost() {
      const era = eras[0]!;
      lobby.hostGone = true;
      era.host.stop();
      network.crash('host-0');
    },
    silenceHost() {
      const era = eras[0]!;
      lobby.hostGone = true;
      era.host.stop();
      for (const peerId of era.transport.peers()) {
        const link = network.link('host-0', peerId)!;
        link.up.update({ loss: 1 });
        link.down.update({ loss: 1 });
      }
    },
  };
}
