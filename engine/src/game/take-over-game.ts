/**
 * Host migration through the broker, for `joinGame`: when the host is gone and this player is next,
 * a new host opens on the broker, takes the old host's lobby over with the credential the old host
 * handed its heirs, and carries the game on from where this player's client had it. The other
 * players' clients find it by the same lobby code; a lobby that was on the broker's public list is
 * listed again, under the same name and mode. Its clock and its page goodbye are those `hostGame`
 * gives a host.
 */
import { systemClock, type Clock } from '../core/clock.js';
import { workerClock } from '../core/worker-clock.js';
import type { GameSchema } from '../protocol/schema.js';
import type { GameHost } from '../session/game-host.js';
import { createHost } from '../session/host/host.js';
import type { HostOptions } from '../session/host/host-options.js';
import type { MessageTypes } from '../session/message-declaration.js';
import type { Succession } from '../session/migration/succession.js';
import { openPeerHost } from '../transport/peerjs/peerjs-host.js';
import { TAKEOVER_WAIT_MS } from '../transport/peerjs/lobby-takeover.js';
import type { PeerTransportOptions } from '../transport/peerjs/peer-options.js';
import { closeOnPageExit } from './page-exit.js';
import { publishLobby, type PublicListing } from './public-lobby.js';

/** What the new host is made of: the game, the broker, and the host options the player's game chose. */
export interface TakeOverGameOptions<State, Schema extends GameSchema, Messages extends MessageTypes> extends Omit<PeerTransportOptions, 'clock'> {
  readonly code: string;
  readonly host: Omit<HostOptions<State, Schema, Messages>, 'transport' | 'takeOver' | 'migrationCredential'>;
  /** Drives the new host (default: a Worker clock, as `hostGame`'s). */
  readonly clock?: Clock;
}

/** Opens the new host and takes the lobby over; rejects (closing what it opened) when it cannot. */
export async function takeOverGame<State, Schema extends GameSchema, Messages extends MessageTypes>(
  options: TakeOverGameOptions<State, Schema, Messages>,
  succession: Succession<State>,
): Promise<GameHost<State, Schema, Messages>> {
  const ownClock = options.clock === undefined ? workerClock() : undefined;
  const clock = options.clock ?? ownClock ?? systemClock;
  const { host: hostOptions, code } = options;
  let transport;
  try {
    transport = await openPeerHost({ ...options, clock });
  } catch (error) {
    ownClock?.dispose();
    throw error;
  }
  try {
    await transport.takeOverLobby(code, succession.credential, { waitMs: succession.hostLeft ? TAKEOVER_WAIT_MS : 0 });
    const opened = transport;
    let listing: PublicListing | undefined;
    const host = createHost({
      ...hostOptions,
      transport: opened,
      clock,
      takeOver: succession.takeOver,
      tickRate: succession.tickRate,
      snapshotRate: succession.snapshotRate,
      snapshotReliability: succession.snapshotReliability,
      reconnectWindowMs: succession.reconnectWindowMs,
      hostMigration: true,
      migrationCredential: () => opened.migrationCredential ?? '',
      migrationListing: () => (listing?.stopped === false ? succession.listing : undefined),
    });
    host.start();
    if (succession.listing) listing = publishLobby(host, opened, { ...succession.listing, brokerUrl: options.brokerUrl, clock });
    const forget = closeOnPageExit(() => host.leave());
    host.on('closed', () => {
      forget();
      ownClock?.dispose();
    });
    return host;
  } catch (error) {
    transport.close();
    ownClock?.dispose();
    throw error;
  }
}
