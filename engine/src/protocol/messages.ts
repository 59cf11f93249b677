/**
 * The typed messages of the protocol, a discriminated union on `kind`. On the wire each one is a
 * msgpack array `[code, ...fields]`; `SPEC.md` gives every layout byte by byte. Ticks are plain
 * numbers in TypeScript; `NO_TICK` (-1) stands for "none".
 */
import type { MessageKindName } from './message-kinds.js';
import type { SchemaFingerprint } from './schema-fingerprint.js';
import type { VoiceMessage } from './parse-voice.js';

export type { VoiceMessage, VoiceSignal } from './parse-voice.js';

/** Client → host, `control`: the first message of a connection. */
export interface HelloMessage {
  readonly kind: 'hello';
  readonly protocolVersion: number;
  /** At most 32 UTF-16 code units. */
  readonly playerName: string;
  /** The token of a seat this client held before its connection dropped; `''` for a new player. */
  readonly resumeToken: string;
  /** With a token: how many reliable game messages the client received on that seat (uint32). */
  readonly resumeReceived: number;
  /** The game's own version, as the game set it (`''` when it did not); at most 64 UTF-16 code units. */
  readonly gameVersion: string;
  /** The client's schema and message declarations: the host refuses a client whose differ. */
  readonly schema: SchemaFingerprint;
}

/** Host → client, `control`: the client is in. */
export interface WelcomeMessage {
  readonly kind: 'welcome';
  readonly protocolVersion: number;
  /** The id the host gave this player (uint16). */
  readonly playerId: number;
  /** Simulation ticks per second (1..1000). */
  readonly tickRate: number;
  /** Snapshots per second (1..1000). */
  readonly snapshotRate: number;
  /** The host's tick when it sent this (uint32). */
  readonly hostTick: number;
  /** Whether snapshots come on the reliable `control` channel instead of `state`. */
  readonly snapshotReliable: boolean;
  /** Proves this seat is the client's if it comes back on a new connection (replaced at every welcome). */
  readonly resumeToken: string;
  /** Whether the client got back the seat its `resumeToken` named. */
  readonly resumed: boolean;
  /** How long the host keeps the seat of a client whose connection dropped, in ms; 0 = not at all. */
  readonly resumeWindowMs: number;
  /** When resumed: how many reliable game messages the host received from this seat (uint32). */
  readonly resumeReceived: number;
  /** The player's name as the host normalised it (unique in the game). */
  readonly playerName: string;
  /** The host's own player, or `NO_PLAYER` (-1) for a host that only serves. */
  readonly hostPlayerId: number;
  /** On a host that took the game over from another (host migration), the tick it carried it on from; else `NO_TICK`. */
  readonly takeoverTick: number;
}

/** Host → client, `control`: the client is not let in (the host closes the connection after). */
export interface RefuseMessage {
  readonly kind: 'refuse';
  /** A code to switch on, e.g. `version_mismatch`, `schema_mismatch`, `lobby_full` (≤ 32 chars). */
  readonly reason: string;
  /** For people (≤ 200 chars). */
  readonly message: string;
}

/** Client → host, on the channel the client chose (the engine's client uses `state`): a clock sync sample. */
export interface PingMessage {
  readonly kind: 'ping';
  readonly clientTimeMs: number;
}

/** Host → client, on the channel its ping came on: the answer to a ping. */
export interface PongMessage {
  readonly kind: 'pong';
  /** Echoed from the ping. */
  readonly clientTimeMs: number;
  readonly hostTimeMs: number;
  readonly hostTick: number;
}

/** Client → host, `state`: inputs for consecutive ticks, the newest last. */
export interface InputMessage {
  readonly kind: 'input';
  /** The newest complete snapshot this client has, or `NO_TICK`: the host deltas against it. */
  readonly ackSnapshotTick: number;
  /** The tick of `inputs[0]`; `inputs[i]` is for tick `firstTick + i`. */
  readonly firstTick: number;
  /** 1..16 inputs, each quantized by the schema's `input` fields in wire order. */
  readonly inputs: readonly Int32Array[];
  /**
   * For each input, how many ticks behind its own tick the host tick was that the client drew the
   * other entities at when it made the input (0..1023): what lag compensation rewinds to.
   */
  readonly viewAges: readonly number[];
}

/**
 * One entity in a snapshot, by the sign of `header`:
 *
 * - **full** (`header < 0`): an entity of type `-header - 1`, with the quantized value of every
 *   field of the type, in schema key order (see `fullHeader`);
 * - **delta** (`header > 0`): `header` is a mask with bit `i` set for each field `i` that changed
 *   since the baseline, and `values` holds, for the set bits in order, each new value minus the
 *   baseline's (for an angle, the shortest way round). The type is the baseline entity's.
 *
 * The id is absolute here; on the wire it is sent as the gap from the previous record's id.
 */
export type EntityRecord = readonly [id: number, header: number, ...values: number[]];

/** The tick-level fields of a snapshot, shared by all its parts. */
export interface SnapshotHeader {
  /** The host tick this snapshot shows. */
  readonly tick: number;
  /** The snapshot this one is a delta against, or `NO_TICK` for a full snapshot. */
  readonly baselineTick: number;
  /**
   * The older snapshot the differences are predicted with (`prediction.ts`), before the baseline;
   * `NO_TICK` or absent for none.
   */
  readonly predictorTick?: number;
  /**
   * The newest tick up to which the host has received every input of this client (applied or still
   * waiting for its tick), or `NO_TICK`: the client need not send those again.
   */
  readonly lastInputTick: number;
}

/** Host → client, `state` (or `control` when snapshots are reliable): one part of a snapshot. */
export interface SnapshotMessage extends SnapshotHeader {
  readonly kind: 'snapshot';
  /** This part's index in `0..partCount-1`. */
  readonly part: number;
  /** How many parts the snapshot has (1..64). */
  readonly partCount: number;
  /** Entity ids present in the baseline and gone now, ascending. */
  readonly removed: readonly number[];
  /** Entity records, by ascending id. */
  readonly entities: readonly EntityRecord[];
}

/** Either way, either channel: a message the game defined. */
export interface GameMessage {
  readonly kind: 'game';
  /** The game's registered message type (uint8). */
  readonly messageType: number;
  /** For sequenced delivery (uint16, wraps); 0 when unused. */
  readonly sequence: number;
  /**
   * Plain data: null, booleans, finite numbers, strings, byte arrays, arrays and plain objects,
   * nested at most 16 deep. What it means is for the game's own validator to check.
   */
  readonly payload: unknown;
}

/** Host → client, `control`: another player joined. */
export interface PlayerJoinedMessage {
  readonly kind: 'playerJoined';
  readonly playerId: number;
  readonly name: string;
}

/** Host → client, `control`: a player left. */
export interface PlayerLeftMessage {
  readonly kind: 'playerLeft';
  readonly playerId: number;
  /** A code, e.g. `left`, `timeout`, `kicked` (≤ 32 chars). */
  readonly reason: string;
}

/** Host → client, `control`: another player's connection failed (`away`), or it came back. */
export interface PlayerAwayMessage {
  readonly kind: 'playerAway';
  readonly playerId: number;
  readonly away: boolean;
}

/** Host → client, `control`: who hosts the game if the host goes, in order (host migration). */
export interface HeirsMessage {
  readonly kind: 'heirs';
  /** At most `MAX_HEIRS` player ids, the successor first; empty when nobody is to take over. */
  readonly playerIds: readonly number[];
}

/**
 * Host → heir, `control`: one chunk of the host's newest checkpoint (what an heir needs to host
 * the game, see `session/migration/checkpoint.ts`). The chunks of a checkpoint go in order.
 */
export interface CheckpointMessage {
  readonly kind: 'checkpoint';
  /** The tick the checkpoint holds the state of. */
  readonly tick: number;
  /** This chunk's index in `0..partCount-1`. */
  readonly part: number;
  /** How many chunks the checkpoint has (1..`MAX_CHECKPOINT_PARTS`). */
  readonly partCount: number;
  /** At most `CHECKPOINT_CHUNK_BYTES` of the encoded checkpoint. */
  readonly bytes: Uint8Array;
}

/**
 * Host → heir, `control`, at every snapshot tick: how many reliable game messages the host had
 * received from each client once that tick was simulated, so an heir that carries the game on from
 * that tick's snapshot knows which messages the game has seen.
 */
export interface LedgerMessage {
  readonly kind: 'ledger';
  readonly tick: number;
  /** Pairs: a player id, then its count (uint32); at most `MAX_PLAYER_ID + 1` pairs. */
  readonly received: readonly number[];
}

/** Every message of the protocol. */
export type Message =
  | HelloMessage
  | WelcomeMessage
  | RefuseMessage
  | PingMessage
  | PongMessage
  | InputMessage
  | SnapshotMessage
  | GameMessage
  | PlayerJoinedMessage
  | PlayerLeftMessage
  | PlayerAwayMessage
  | HeirsMessage
  | CheckpointMessage
  | LedgerMessage
  | VoiceMessage;

/** The message of one kind. */
export type MessageOf<K extends MessageKindName> = Extract<Message, { readonly kind: K }>;

// Compile-time check that every kind code has exactly one message type and vice versa.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const everyKindHasAMessage: Same<Message['kind'], MessageKindName> = true;
void everyKindHasAMessage;
