/**
 * A client reduced to what the host sees of it: it says hello, then every tick sends the scripted
 * player's input (with the three before it again, as a real client does) and acknowledges the
 * newest snapshot whose parts have all arrived. It predicts and draws nothing, so a host measured
 * against a crowd of these does its full work per client while the benchmark process does little
 * else: no other work and no other garbage lands inside the host's tick.
 */
import type { Clock } from '../../../engine/src/core/clock.js';
import { writeMessage } from '../../../engine/src/protocol/encode-message.js';
import { PROTOCOL_VERSION } from '../../../engine/src/protocol/message-kinds.js';
import { MAX_VIEW_AGE, NO_TICK } from '../../../engine/src/protocol/message-limits.js';
import type { Message } from '../../../engine/src/protocol/messages.js';
import { readMessage } from '../../../engine/src/protocol/parse-message.js';
import { quantizeValues } from '../../../engine/src/protocol/quantize.js';
import type { GameSchema } from '../../../engine/src/protocol/schema.js';
import { declareGame } from '../../../engine/src/session/game-declaration.js';
import type { ChannelName } from '../../../engine/src/transport/channels.js';
import { MAX_MESSAGE_BYTES } from '../../../engine/src/transport/channels.js';
import type { ClientTransport } from '../../../engine/src/transport/transport.js';
import type { BenchScene } from '../scenes/scene.js';

const REDUNDANCY = 3;

export class ScriptedPeer<State, Schema extends GameSchema> {
  private playerId: number | undefined;
  private tick = 0;
  private acked = NO_TICK;
  private readonly parts = new Map<number, number>();
  private readonly inputs: Int32Array[] = [];
  private stopTimer: (() => void) | undefined;

  constructor(
    private readonly scene: BenchScene<State, Schema>,
    private readonly transport: ClientTransport,
    private readonly clock: Clock,
    /** How many ticks ahead of the host's tick (as last heard) inputs are labelled. */
    private readonly leadTicks: number,
  ) {
    transport.on('message', ({ channel, data }) => this.receive(channel, data));
    // The same declaration as the benchmark's host: the scene's schema and no message types.
    const { version: gameVersion, fingerprint: schema } = declareGame(scene.simulation.schema, {}, undefined);
    this.send('control', { kind: 'hello', protocolVersion: PROTOCOL_VERSION, playerName: 'scripted', resumeToken: '', resumeReceived: 0, gameVersion, schema });
  }

  close(): void {
    this.stopTimer?.();
    this.transport.close('bench over');
  }

  private receive(channel: ChannelName, data: Uint8Array): void {
    const snapshot = channel === 'state' ? peekSnapshot(data) : undefined;
    if (snapshot) {
      const seen = (this.parts.get(snapshot.tick) ?? 0) + 1;
      this.parts.set(snapshot.tick, seen);
      if (seen === snapshot.partCount && snapshot.tick > this.acked) this.acked = snapshot.tick;
      for (const tick of this.parts.keys()) if (tick <= this.acked) this.parts.delete(tick);
      return;
    }
    const parsed = readMessage(data, MAX_MESSAGE_BYTES[channel], { schema: this.scene.simulation.schema });
    if (!parsed.ok) throw new Error(`scripted peer got a bad message: ${parsed.reason}`);
    if (parsed.value.kind === 'welcome') {
      this.playerId = parsed.value.playerId;
      this.tick = parsed.value.hostTick + this.leadTicks;
      this.everyTick();
    }
  }

  private everyTick(): void {
    this.tick++;
    const input = this.scene.botInput(this.playerId!, this.tick / this.scene.tickRate);
    this.inputs.push(quantizeValues(this.scene.simulation.schema.input, input));
    if (this.inputs.length > REDUNDANCY + 1) this.inputs.shift();
    // It labels inputs `leadTicks` past the host tick it last heard, the one it would draw the others at.
    const viewAges = this.inputs.map(() => Math.min(this.leadTicks, MAX_VIEW_AGE));
    this.send('state', { kind: 'input', firstTick: this.tick - this.inputs.length + 1, ackSnapshotTick: this.acked, inputs: [...this.inputs], viewAges });
    this.stopTimer = this.clock.setTimer(1000 / this.scene.tickRate, () => this.everyTick());
  }

  private send(channel: ChannelName, message: Message): void {
    this.transport.send(channel, writeMessage(message));
  }
}

/**
 * The tick and part count of a snapshot part, read straight from its first bytes (SPEC.md: a
 * fixarray of 8, kind 7, then the tick), without decoding the records: the peer only acknowledges.
 */
function peekSnapshot(data: Uint8Array): { tick: number; partCount: number } | undefined {
  if (data[0] !== 0x98 || data[1] !== 7) return undefined;
  let at = 2;
  const int = (): number => {
    const byte = data[at++]!;
    if (byte < 0x80) return byte;
    if (byte >= 0xe0) return byte - 0x100; // negative fixint
    if (byte === 0xc0) return 0; // nil
    const view = new DataView(data.buffer, data.byteOffset + at, data.byteLength - at);
    const [size, value] = readInt(view, byte);
    at += size;
    return value;
  };
  const tick = int();
  int(); // baseline age
  int(); // last input age
  int(); // part
  const partCount = int();
  return Number.isInteger(tick) && partCount > 0 ? { tick, partCount } : undefined;
}

/** The size and value of a msgpack integer with type byte `byte` whose payload starts `view`. */
function readInt(view: DataView, byte: number): [number, number] {
  switch (byte) {
    case 0xcc:
      return [1, view.getUint8(0)];
    case 0xcd:
      return [2, view.getUint16(0)];
    case 0xce:
      return [4, view.getUint32(0)];
    case 0xd0:
      return [1, view.getInt8(0)];
    case 0xd1:
      return [2, view.getInt16(0)];
    case 0xd2:
      return [4, view.getInt32(0)];
    default:
      return [0, Number.NaN];
  }
}
