/**
 * The voice links' ICE configuration, made the way the game's own transport makes its own: the
 * ICE servers given, or else the broker's `/api/config` list, and the same transport policy. A
 * game that forces its links through TURN (`iceTransportPolicy: 'relay'`) has its voice relayed too.
 */
import { fetchBrokerConfig } from '../transport/peerjs/broker-client.js';
import type { PeerTransportOptions } from '../transport/peerjs/peer-options.js';

/** The options the game's transport was opened with that say how links reach each other. */
export type VoiceIceOptions = Pick<PeerTransportOptions, 'brokerUrl' | 'iceServers' | 'iceTransportPolicy'>;

/** The `RTCConfiguration` for `startVoice`: asks the broker only when no ICE servers are given. */
export async function voiceConfiguration(options: VoiceIceOptions): Promise<RTCConfiguration> {
  const iceServers = options.iceServers ?? (await fetchBrokerConfig(options.brokerUrl)).iceServers;
  return { iceServers: [...iceServers], ...(options.iceTransportPolicy ? { iceTransportPolicy: options.iceTransportPolicy } : {}) };
}
