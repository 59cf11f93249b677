/**
 * The DTLS handshake of every RTCPeerConnection made while tracing: from ICE connected (a candidate
 * pair answers) to the connection connected (DTLS done), once per connection, both sides. It is
 * where a node-datachannel join spends its time when the first DTLS flight reaches a side that is
 * not listening yet: libdatachannel sends it again only after its 1 s retransmission timer. Traced
 * by wrapping the global RTCPeerConnection (installed by tickwire/node; PeerJS looks it up on each
 * connection) until the returned function puts the original back.
 */
import type { SampleSeries } from './sample-series.js';

/** Starts tracing into `handshakes`; returns the function that stops it. */
export function traceHandshakes(handshakes: SampleSeries): () => void {
  const original = globalThis.RTCPeerConnection;
  class TracedPeerConnection extends original {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      let iceAt: number | undefined;
      let counted = false;
      this.addEventListener('iceconnectionstatechange', () => {
        const state = this.iceConnectionState;
        if (iceAt === undefined && (state === 'connected' || state === 'completed')) iceAt = performance.now();
      });
      this.addEventListener('connectionstatechange', () => {
        if (counted || iceAt === undefined || this.connectionState !== 'connected') return;
        counted = true;
        handshakes.add(performance.now() - iceAt);
      });
    }
  }
  globalThis.RTCPeerConnection = TracedPeerConnection;
  return () => {
    globalThis.RTCPeerConnection = original;
  };
}
