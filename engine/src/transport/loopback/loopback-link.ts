import type { Clock } from '../../core/clock.js';
import type { Rng } from '../../core/rng.js';
import { CHANNELS, type ChannelName } from '../channels.js';
import { assertSendable } from '../limits.js';
import { ChannelCounters, type PeerStats } from '../stats.js';
import { LinkConditioner, type LinkConditions } from './link-conditioner.js';

/** Which way a message travels: `up` from client to host, `down` from host to client. */
export type Direction = 'up' | 'down';

/** Per-direction conditions of one link; either may be left out. */
export interface LinkSetup {
  readonly up?: Partial<LinkConditions>;
  readonly down?: Partial<LinkConditions>;
}

const CHANNEL_SHAPE: Readonly<Record<ChannelName, { ordered: boolean; maxRetransmits: number | null }>> = {
  control: { ordered: true, maxRetransmits: null },
  state: { ordered: false, maxRetransmits: 0 },
};

function counters(): Record<ChannelName, ChannelCounters> {
  return { control: new ChannelCounters(), state: new ChannelCounters() };
}

/**
 * One client's link to the host in the in-memory network: a conditioner for each direction and the
 * traffic counters of each end. Arrivals are clock timers, so a manual clock makes it deterministic.
 */
export class LoopbackLink {
  readonly up: LinkConditioner;
  readonly down: LinkConditioner;
  /** Counters of each end, named by the direction that end sends in. */
  private readonly ends: Record<Direction, Record<ChannelName, ChannelCounters>> = { up: counters(), down: counters() };

  constructor(
    readonly peerId: string,
    private readonly clock: Clock,
    rng: Rng,
    base: Partial<LinkConditions>,
    setup: LinkSetup,
  ) {
    this.up = new LinkConditioner(rng, { ...base, ...setup.up });
    this.down = new LinkConditioner(rng, { ...base, ...setup.down });
  }

  /**
   * Puts a message on the wire. `deliver` runs at each arrival with its own copy of the bytes and
   * returns false when the receiving end is gone. Returns false, counting a drop, when a `state`
   * message finds the link's queue full.
   */
  transmit(direction: Direction, channel: ChannelName, data: Uint8Array, deliver: (copy: Uint8Array) => boolean): boolean {
    assertSendable(channel, data);
    const now = this.clock.now();
    const conditioner = this.conditioner(direction);
    const reliable = channel === 'control';
    if (!reliable && conditioner.queueFull(now, data.byteLength)) {
      this.countDrop(direction, channel);
      return false;
    }
    const arrivals = conditioner.schedule(now, data.byteLength, reliable);
    this.ends[direction][channel].countOut(data.byteLength);
    const receiver = this.ends[opposite(direction)][channel];
    // Copies made as a Uint8Array's are: a Node Buffer's slice() is a view of the sender's bytes.
    const copy = new Uint8Array(data);
    for (const at of arrivals) {
      this.clock.setTimer(at - now, () => {
        if (deliver(new Uint8Array(copy))) receiver.countIn(copy.byteLength);
      });
    }
    return true;
  }

  /** Runs `fn` when a control message sent now would arrive: how goodbyes travel. */
  afterControlDelay(direction: Direction, fn: () => void): void {
    const now = this.clock.now();
    const [at] = this.conditioner(direction).schedule(now, 0, true);
    this.clock.setTimer((at ?? now) - now, fn);
  }

  /** Counts a message its sender could not send because the link was closed. */
  countDrop(direction: Direction, channel: ChannelName): void {
    this.ends[direction][channel].dropsOut++;
  }

  /** Stats of the end that sends in `direction`: the host's end sends `down`, the client's `up`. */
  stats(direction: Direction): PeerStats {
    const up = this.up.current;
    const down = this.down.current;
    const rttMs = up.latencyMs + down.latencyMs + (up.jitterMs + down.jitterMs) / 2;
    const queued = this.conditioner(direction).queuedBytes(this.clock.now());
    const [control, state] = CHANNELS.map((channel) => {
      const shape = CHANNEL_SHAPE[channel];
      // Both channels share the simulated link, and its queue.
      return this.ends[direction][channel].snapshot(shape.ordered, shape.maxRetransmits, queued);
    });
    // Only bytes from a real network can be refused below the protocol.
    return { rttMs, channels: { control: control!, state: state! }, refused: 0 };
  }

  private conditioner(direction: Direction): LinkConditioner {
    return direction === 'up' ? this.up : this.down;
  }
}

function opposite(direction: Direction): Direction {
  return direction === 'up' ? 'down' : 'up';
}
