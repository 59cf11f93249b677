import type { Peer } from 'peerjs';
import { NetError, type NetErrorCode } from '../../core/net-error.js';
import { META_SERIALIZATION, metaConnectionClass } from './meta-connection.js';
import { loadPeerJs } from './peerjs-module.js';
import type { SignalingFence } from './signaling-fence.js';
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

/**
 * Whether a PeerJS error ends the peer. A `webrtc` error is PeerJS reporting that one ICE candidate
 * could not be added (one that arrived before the offer was applied, say): ICE goes on with the
 * others, and if the link really fails its connection closes.
 */
export function isFatalPeerError(error: { type?: unknown }): boolean {
  return error.type !== 'webrtc';
}

/**
 * Creates a PeerJS peer with a broker-assigned id, behind `fence` and with tickwire's own
 * serialization, and waits until the broker has accepted it.
 */
export async function openPeer(options: ResolvedPeerOptions, fence: SignalingFence): Promise<Peer> {
  const { Peer: PeerClass, BufferedConnection } = await loadPeerJs();
  const peer = new PeerClass({ ...options.peer, serializers: { [META_SERIALIZATION]: metaConnectionClass(BufferedConnection) } });
  fence.install(peer);
  return new Promise<Peer>((resolve, reject) => {
    const cancel = options.clock.setTimer(options.connectTimeoutMs, () => {
      peer.destroy();
      reject(new NetError('broker_unreachable', `the broker did not accept this peer within ${options.connectTimeoutMs} ms`));
    });
    peer.once('open', () => {
      peer.off('error', onError);
      cancel();
      resolve(peer);
    });
    const onError = (error: { type?: unknown; message?: unknown }) => {
      if (!isFatalPeerError(error)) return;
      peer.off('error', onError);
      cancel();
      peer.destroy();
      reject(netErrorFromPeer(error));
    };
    peer.on('error', onError);
  });
}
