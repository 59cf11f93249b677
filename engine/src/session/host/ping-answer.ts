/**
 * Clock pings, answered the moment they arrive rather than at the tick, so the round trip a client
 * measures is the network's and not the tick's; answered before the hello too, and back on the
 * channel the ping came on, since the client chose how its samples travel.
 */
import type { PingMessage } from '../../protocol/messages.js';
import type { ChannelName } from '../../transport/channels.js';
import { sendTo, type PeerSend } from './peer-send.js';

export interface PingAnswerContext {
  readonly send: PeerSend;
  /** Host time in ms: what clients synchronise to. */
  readonly hostTimeMs: () => number;
  readonly tick: () => number;
}

export class PingAnswer {
  constructor(private readonly ctx: PingAnswerContext) {}

  answer(peerId: string, channel: ChannelName, ping: PingMessage): void {
    sendTo(this.ctx.send, peerId, channel, { kind: 'pong', clientTimeMs: ping.clientTimeMs, hostTimeMs: this.ctx.hostTimeMs(), hostTick: this.ctx.tick() });
  }
}
