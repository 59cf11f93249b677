/**
 * The scripted game of the soak test, run by the host's ticks: for a fixed number of ticks every
 * player steers along a script and both sides send numbered reliable events; then everyone stops
 * and the page watches, tick by tick, for every client to agree with the host.
 */
import type { Client, Host, InputOf } from '../../../../engine/src/index.js';
import type { movingSquare } from '../../../../engine/examples/moving-square.js';

type World = ReturnType<typeof movingSquare.initialState>;
type Schema = typeof movingSquare.schema;
type Move = InputOf<Schema>;
/** The one message type of the soak: a numbered event, sent reliably both ways. */
export const soakMessages = { event: 'reliable' } as const;
export type SoakHost = Host<World, Schema, typeof soakMessages>;
export type SoakClient = Client<World, Schema, typeof soakMessages>;

const STILL: Move = { dx: 0, dy: 0 };

export interface PlayPlan {
  /** Host ticks of play. */
  readonly ticks: number;
  /** Every this many ticks the host and each client send one numbered reliable event. */
  readonly eventEveryTicks: number;
  /** Every this many ticks every player turns. */
  readonly turnEveryTicks: number;
}

export interface PlayReport {
  readonly hostTick: number;
  readonly startTick: number | undefined;
  readonly stopTick: number | undefined;
  /** Events sent by the host (to every client) and by each client. */
  readonly sent: { readonly host: number; readonly clients: readonly number[] };
  /** The numbers the host received from each client, and each client from the host, in arrival order. */
  readonly atHost: readonly (readonly number[])[];
  readonly atClients: readonly (readonly number[])[];
  /** The first host tick of the current unbroken run of ticks at which every client agreed with the host. */
  readonly agreeingSince: number | undefined;
  /** Complete snapshots each client applied while play lasted. */
  readonly snapshotsDuringPlay: readonly number[];
  /** Where the host has every square now. */
  readonly squares: readonly { readonly id: number; readonly x: number; readonly y: number }[];
}

/** How far a coordinate may be from the host's: half a step of the schema's fixed(0.01), so both are the same on the wire. */
const TOLERANCE = 0.005;

function steer(turn: number, seat: number): Move {
  const angle = turn * 0.7 + seat * 2.1;
  return { dx: Math.round(Math.cos(angle) * 100) / 100, dy: Math.round(Math.sin(angle) * 100) / 100 };
}

export class SoakPlay {
  private plan: PlayPlan | undefined;
  private startTick: number | undefined;
  private stopTick: number | undefined;
  private agreeingSince: number | undefined;
  private sentByHost = 0;
  private readonly sentByClients: number[];
  private readonly atHost: number[][];
  private readonly atClients: number[][];
  private snapshotsAtStart: number[] = [];
  private snapshotsDuringPlay: number[] = [];

  constructor(
    private readonly host: SoakHost,
    private readonly clients: readonly SoakClient[],
  ) {
    this.sentByClients = clients.map(() => 0);
    this.atHost = clients.map(() => []);
    this.atClients = clients.map(() => []);
    host.on('message', ({ from, payload }) => this.atHost[clients.findIndex((c) => c.playerId === from)]?.push(Number(payload)));
    clients.forEach((client, i) => client.on('message', ({ payload }) => this.atClients[i]!.push(Number(payload))));
    host.on('tick', ({ tick }) => this.onTick(tick));
  }

  start(plan: PlayPlan): void {
    this.plan = plan;
  }

  report(): PlayReport {
    return {
      hostTick: this.host.tick,
      startTick: this.startTick,
      stopTick: this.stopTick,
      sent: { host: this.sentByHost, clients: [...this.sentByClients] },
      atHost: this.atHost,
      atClients: this.atClients,
      agreeingSince: this.agreeingSince,
      snapshotsDuringPlay: this.snapshotsDuringPlay,
      squares: this.host.state.squares.map(({ id, x, y }) => ({ id, x, y })),
    };
  }

  private onTick(tick: number): void {
    const plan = this.plan;
    if (!plan) return;
    if (this.startTick === undefined) {
      this.startTick = tick;
      this.snapshotsAtStart = this.clients.map((c) => c.stats().snapshotsApplied);
    }
    const played = tick - this.startTick;
    if (this.stopTick === undefined && played >= plan.ticks) this.stop(tick);
    if (this.stopTick === undefined) this.playTick(played, plan);
    else this.agreeingSince = this.agree() ? (this.agreeingSince ?? tick) : undefined;
  }

  private playTick(played: number, plan: PlayPlan): void {
    if (played % plan.turnEveryTicks === 0) {
      const turn = played / plan.turnEveryTicks;
      this.host.setInput(steer(turn, 0));
      this.clients.forEach((client, i) => client.setInput(steer(turn, i + 1)));
    }
    if (played % plan.eventEveryTicks === 0) {
      this.host.send('event', this.sentByHost++);
      this.clients.forEach((client, i) => client.send('event', this.sentByClients[i]!++));
    }
  }

  private stop(tick: number): void {
    this.stopTick = tick;
    this.host.setInput(STILL);
    for (const client of this.clients) client.setInput(STILL);
    this.snapshotsDuringPlay = this.clients.map((c, i) => c.stats().snapshotsApplied - this.snapshotsAtStart[i]!);
  }

  /** Every client predicts its own square where the host has it and draws every other square there too. */
  private agree(): boolean {
    const squares = this.host.state.squares;
    return this.clients.every((client) => {
      const own = client.state?.squares.find((s) => s.id === client.playerId);
      const hostOwn = squares.find((s) => s.id === client.playerId);
      if (!own || !hostOwn || Math.abs(own.x - hostOwn.x) > TOLERANCE || Math.abs(own.y - hostOwn.y) > TOLERANCE) return false;
      const drawn = client.view().entities;
      return squares.every((s) => {
        const e = drawn.find((d) => d.id === s.id);
        return e !== undefined && Math.abs(e.values.x - s.x) <= TOLERANCE && Math.abs(e.values.y - s.y) <= TOLERANCE;
      });
    });
  }
}
