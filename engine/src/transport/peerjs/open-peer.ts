import type { Peer } from 'peerjs';
import { NetError, type NetErrorCode } from '../../core/net-error.js';
import { loadPeerConstructor } from './peerjs-module.js';
import type { ResolvedPeerOptions } from './peer-options.js';

/** PeerJS's error types, as tickwire's error codes. */
export function netErrorFromPeer(error: { type?: unknown; message?: unknown }): NetError {
  const type = typeof error.type === 'string' ? error.type : 'unknown';
  const codes: Record<string, NetErrorCode> = {
    'peer-unavailable': 'peer_unavailable',
    network: 'broker_unreachable',
    'server-error': 'broker_unreachable',
    'socket-error': 'broker_unreachable',
    'socket-closed': 'broker_unreachable',
    'unavailable-id': 'broker_error',
    'invalid-id': 'broker_error',
    'invalid-key': 'broker_error',
  };
  const message = typeof error.message === 'string' ? error.message : type;
  return new NetError(codes[type] ?? 'connection_failed', `PeerJS: ${message}`, { cause: error });
}

/** Creates a PeerJS peer with a broker-assigned id and waits until the broker has accepted it. */
export async function openPeer(options: ResolvedPeerOptions): Promise<Peer> {
  const PeerClass = await loadPeerConstructor();
  const peer = new PeerClass(options.peer);
  return new Promise<Peer>((resolve, reject) => {
    const cancel = options.clock.setTimer(options.connectTimeoutMs, () => {
      peer.destroy();
      reject(new NetError('broker_unreachable', `the broker did not accept this peer within ${options.connectTimeoutMs} ms`));
    });
    peer.once('open', () => {
      cancel();
      resolve(peer);
    });
    peer.once('error', (error) => {
      cancel();
      peer.destroy();
      reject(netErrorFromPeer(error));
    });
  });
}
