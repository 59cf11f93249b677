import { TokenBucket } from '../../core/token-bucket.js';
import { BacklogWatch } from './backpressure.js';
import { NO_TICK } from '../../protocol/message-limits.js';
import type { ChannelName } from '../../transport/channels.js';
import { InputBuffer } from '../../netcode/input-buffer.js';
import { IncomingSequences, OutgoingSequences } from '../game-messages.js';
import { SeatMessages } from '../reliable-log.js';
import type { FieldValues } from '../../protocol/schema.js';
import type { PlayerId } from '../simulation.js';

/** How many messages per second a peer may send on a channel, and how many at once. */
export interface RateLimit {
  readonly perSecond: number;
  readonly burst: number;
}

/**
 * Defaults: an honest client sends one input message per frame (up to about 125 a second) and a
 * handful of control messages; these leave room for game messages on top.
 */
export const DEFAULT_RATE_LIMITS: Readonly<Record<ChannelName, RateLimit>> = {
  control: { perSecond: 100, burst: 200 },
  state: { perSecond: 300, burst: 300 },
};

/** One tick of a player's input on the host, with how far behind that tick the player's view was. */
export interface PlayerInput {
  readonly values: FieldValues;
  /** Ticks between the input's tick and the host tick the player drew the others at (see `InputMessage.viewAges`). */
  readonly viewAge: number;
}

/** What the host keeps about one connected peer. */
export class RemotePlayer {
  /** Set once the handshake let the peer in. */
  playerId: PlayerId | undefined;
  /** What proves the seat is this peer's on a later connection; set with `playerId`. */
  resumeToken: string | undefined;
  /** The seat's reliable game messages both ways (carried over when the player comes back). */
  messages = new SeatMessages();
  name = '';
  inputs: InputBuffer<PlayerInput>;
  /** Newest snapshot tick the peer acknowledged. */
  ackedTick = NO_TICK;
  readonly incoming = new IncomingSequences();
  readonly outgoing = new OutgoingSequences();
  /** Messages from this peer that failed validation. */
  invalidMessages = 0;
  /** When the host last heard from this peer (clock ms). */
  lastHeardAt: number;
  /** When the connection arrived (clock ms): the handshake's deadline counts from here. */
  readonly connectedAt: number;
  /** Why the host is disconnecting this peer, once it decided to (told to the other players). */
  dropReason: string | undefined;
  /** Messages refused (over the rate limit, invalid, or not allowed yet), each counting towards a disconnect. */
  strikes = 0;
  private readonly neutralInput: PlayerInput;
  /** Per-channel rate limits on what this peer sends. */
  readonly buckets: Readonly<Record<ChannelName, TokenBucket>>;
  /** How long the host's reliable backlog to this peer has been too long. */
  readonly backlog = new BacklogWatch();

  constructor(
    readonly peerId: string,
    neutralInput: FieldValues,
    now: number,
    limits: Readonly<Record<ChannelName, RateLimit>>,
  ) {
    this.neutralInput = { values: neutralInput, viewAge: 0 };
    this.inputs = new InputBuffer(this.neutralInput);
    this.lastHeardAt = now;
    this.connectedAt = now;
    this.buckets = {
      control: new TokenBucket(limits.control.perSecond, limits.control.burst, now),
      state: new TokenBucket(limits.state.perSecond, limits.state.burst, now),
    };
  }

  /** Lets the peer in as `playerId`; its inputs count from `startTick`. */
  admit(playerId: PlayerId, name: string, startTick: number, resumeToken: string, messages: SeatMessages): void {
    this.playerId = playerId;
    this.resumeToken = resumeToken;
    this.messages = messages;
    this.name = name;
    this.inputs = new InputBuffer(this.neutralInput, { startTick });
  }

  /** Newest input tick the host has from this peer: what it acknowledges, so resending can stop. */
  get lastInputTick(): number {
    const through = this.inputs.receivedThrough;
    return through < 0 ? NO_TICK : through;
  }
}
