/**
 * Every RTCPeerConnection this page opens, kept so the test can read what WebRTC itself measured
 * (`getStats()`) and check how each was configured. Imported before anything that opens one.
 */
const opened: RTCPeerConnection[] = [];

const Native = window.RTCPeerConnection;

class TrackedPeerConnection extends Native {
  constructor(configuration?: RTCConfiguration) {
    super(configuration);
    opened.push(this);
  }
}

window.RTCPeerConnection = TrackedPeerConnection;

/** The peer connections that are connected now. */
export function connectedPeerConnections(): RTCPeerConnection[] {
  return opened.filter((pc) => pc.connectionState === 'connected');
}
