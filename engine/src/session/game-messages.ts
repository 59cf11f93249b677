/**
 * Messages a game defines, each with its delivery mode (delivery-mode.ts), as the wire carries
 * them: types are numbered by their names sorted, so both sides agree without sending names; a
 * sequenced type's numbers are kept per sender and type.
 */
import { NetError } from '../core/net-error.js';
import { nextSequence, sequenceNewer } from '../core/sequence.js';
import type { ChannelName } from '../transport/channels.js';
import { MAX_GAME_MESSAGE_TYPE } from '../protocol/message-limits.js';
import type { DeliveryMode, MessageModes } from './delivery-mode.js';
import { modeOf, type MessageTypes } from './message-declaration.js';

export class GameMessageTypes {
  private readonly names: readonly string[];
  private readonly index = new Map<string, number>();
  /** Each type's delivery mode, checked. */
  readonly modes: MessageModes;

  constructor(private readonly declared: MessageTypes) {
    this.names = Object.keys(declared).sort();
    if (this.names.length > MAX_GAME_MESSAGE_TYPE + 1) {
      throw new NetError('invalid_option', `messages: at most ${MAX_GAME_MESSAGE_TYPE + 1} message types, got ${this.names.length}`);
    }
    const modes: Record<string, DeliveryMode> = {};
    this.names.forEach((name, i) => {
      const entry = declared[name];
      const mode = modeOf(entry);
      if (mode !== 'reliable' && mode !== 'unreliable' && mode !== 'sequenced') {
        throw new NetError('invalid_option', `messages.${name} must be 'reliable', 'unreliable' or 'sequenced' (or message.reliable() and the like), got ${String(mode)}`);
      }
      const check = typeof entry === 'object' ? entry.check : undefined;
      if (check !== undefined && typeof check !== 'function') throw new NetError('invalid_option', `messages.${name}: the check must be a function`);
      modes[name] = mode;
      this.index.set(name, i);
    });
    this.modes = modes;
  }

  /** Whether a payload that arrived for `name` is what the game declared (true when it declared no check). */
  accepts(name: string, payload: unknown): boolean {
    const entry = this.declared[name];
    if (typeof entry !== 'object' || entry.check === undefined) return true;
    try {
      return entry.check(payload);
    } catch {
      // A check that throws on a stranger's payload has not accepted it.
      return false;
    }
  }

  /** The wire number of a type; throws for a type the game did not declare. */
  code(name: string): number {
    const code = this.index.get(name);
    if (code === undefined) throw new NetError('invalid_option', `message type "${name}" is not declared in the messages option`);
    return code;
  }

  name(code: number): string | undefined {
    return this.names[code];
  }

  mode(name: string): DeliveryMode {
    return this.modes[name] ?? 'reliable';
  }

  channel(name: string): ChannelName {
    return this.mode(name) === 'reliable' ? 'control' : 'state';
  }
}

/** Sequence numbers for one sender's sequenced messages, per type. */
export class OutgoingSequences {
  private readonly next = new Map<number, number>();

  take(code: number): number {
    const sequence = this.next.get(code) ?? 0;
    this.next.set(code, nextSequence(sequence));
    return sequence;
  }
}

/** The newest sequence seen from one sender, per type: decides what a sequenced receiver keeps. */
export class IncomingSequences {
  private readonly newest = new Map<number, number>();

  /** True when `sequence` is newer than every one seen for `code`, and remembers it. */
  accept(code: number, sequence: number): boolean {
    const newest = this.newest.get(code);
    if (newest !== undefined && !sequenceNewer(sequence, newest)) return false;
    this.newest.set(code, sequence);
    return true;
  }
}
